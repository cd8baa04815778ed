package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.config.ConfigLoader;
import dev.synapse.config.SynapseConfig;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExposureCheckTest {
  private static SynapseConfig config(Map<String, String> env) {
    return ConfigLoader.load(null, env, null);
  }

  @Test
  @DisplayName("an open API on 0.0.0.0 or :: gets a warning naming the address and the fix")
  void openOnEveryInterfaceWarns() {
    String w = ExposureCheck.warning(config(Map.of("SYNAPSE_HTTP_HOST", "0.0.0.0")), 4100);
    assertNotNull(w);
    assertTrue(w.contains("0.0.0.0:4100") && w.contains("SYNAPSE_SECRET"), w);
    assertNotNull(ExposureCheck.warning(config(Map.of("SYNAPSE_HTTP_HOST", "::")), 4000));
  }

  @Test
  @DisplayName("no warning on loopback or with a secret")
  void loopbackOrSecretIsQuiet() {
    assertNull(ExposureCheck.warning(config(Map.of("SYNAPSE_HTTP_HOST", "127.0.0.1")), 4000));
    assertNull(ExposureCheck.warning(config(Map.of("SYNAPSE_HTTP_HOST", "0.0.0.0",
        "SYNAPSE_SECRET", "0123456789abcdef0123456789abcdef")), 4000));
  }
}
