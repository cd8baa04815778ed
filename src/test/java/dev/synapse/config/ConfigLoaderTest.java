package dev.synapse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.signal.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  @DisplayName("defaults match DESIGN.md: port 4000, 60 s action timeout, 3 retries, history 10000")
  void defaults() {
    SynapseConfig c = ConfigLoader.load(null, Map.of(), null);
    assertEquals(4000, c.httpPort());
    assertEquals(60000, c.actionTimeoutMs());
    assertEquals(3, c.actionMaxRetries());
    assertEquals(10000, c.signalHistory());
    assertEquals(5701, c.clusterPort());
    assertEquals("info", c.logLevel());
    assertNull(c.secret());
  }

  @Test
  @DisplayName("the environment overrides the file and --conf overrides both")
  void layering(@TempDir Path dir) throws Exception {
    Path defaults = dir.resolve("synapse.json");
    Files.writeString(defaults, "{\"http_port\": 5000, \"signal_history\": 50}");
    Path override = dir.resolve("override.json");
    Files.writeString(override, "{\"signal_history\": 70}");
    SynapseConfig c = ConfigLoader.load(defaults, Map.of("SYNAPSE_HTTP_PORT", "6000", "SYNAPSE_SIGNAL_HISTORY", "60"), null);
    assertEquals(6000, c.httpPort());
    assertEquals(60, c.signalHistory());
    c = ConfigLoader.load(defaults, Map.of("SYNAPSE_SIGNAL_HISTORY", "60"), override);
    assertEquals(70, c.signalHistory());
    assertEquals(5000, c.httpPort());
  }

  @Test
  @DisplayName("aliases from DESIGN.md are read when the primary name is unset")
  void aliases() {
    SynapseConfig c = ConfigLoader.load(null, Map.of("SECRET_KEY_BASE", "s3cr3t", "JIDO_DEFAULT_TIMEOUT", "1500",
        "JIDO_MAX_RETRIES", "1", "PHX_HOST", "review.example.com"), null);
    assertEquals("s3cr3t", c.secret());
    assertEquals(1500, c.actionTimeoutMs());
    assertEquals(1, c.actionMaxRetries());
    assertEquals("review.example.com", c.publicHost());
    c = ConfigLoader.load(null, Map.of("SECRET_KEY_BASE", "alias", "SYNAPSE_SECRET", "primary"), null);
    assertEquals("primary", c.secret());
  }

  @Test
  @DisplayName("a bad value stops start-up with a message naming the key")
  void badValues(@TempDir Path dir) throws Exception {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of("SYNAPSE_HTTP_PORT", "eighty"), null));
    assertTrue(e.getMessage().contains("SYNAPSE_HTTP_PORT"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("SYNAPSE_CLUSTER", "maybe"), null));
    assertTrue(e.getMessage().contains("SYNAPSE_CLUSTER"));
    e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("LOG_LEVEL", "loud"), null));
    assertTrue(e.getMessage().contains("LOG_LEVEL"));
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"no_such_key\": 1}");
    e = assertThrows(ConfigException.class, () -> ConfigLoader.load(bad, Map.of(), null));
    assertTrue(e.getMessage().contains("no_such_key"));
  }

  @Test
  @DisplayName("test_code_max_severity defaults to low, reads none to high, and rejects other words naming the key")
  void testCodeMaxSeverity() {
    assertEquals(Severity.LOW, ConfigLoader.load(null, Map.of(), null).testCodeMaxSeverity());
    assertEquals(Severity.NONE, ConfigLoader.load(null,
        Map.of("SYNAPSE_TEST_CODE_MAX_SEVERITY", "none"), null).testCodeMaxSeverity());
    assertEquals(Severity.HIGH, ConfigLoader.load(null,
        Map.of("SYNAPSE_TEST_CODE_MAX_SEVERITY", "HIGH"), null).testCodeMaxSeverity());
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
        Map.of("SYNAPSE_TEST_CODE_MAX_SEVERITY", "critical"), null));
    assertTrue(e.getMessage().contains("SYNAPSE_TEST_CODE_MAX_SEVERITY"), e.getMessage());
  }

  @Test
  @DisplayName("the shipped conf/synapse.json loads and uses only known keys")
  void shippedFile() {
    SynapseConfig c = ConfigLoader.load(Path.of("conf/synapse.json"), Map.of(), null);
    assertEquals(4000, c.httpPort());
  }
}
