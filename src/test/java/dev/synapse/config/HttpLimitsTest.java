package dev.synapse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HttpLimits configuration")
class HttpLimitsTest {
  @Test
  @DisplayName("the defaults of the keys equal HttpLimits.DEFAULTS, and an auto budget is a quarter of the heap but at least max_diff_bytes")
  void defaults() {
    HttpLimits limits = SynapseConfig.defaults().httpLimits();
    assertEquals(HttpLimits.DEFAULTS, limits);
    long quarter = Runtime.getRuntime().maxMemory() / 4;
    assertEquals(Math.max(quarter, 1024), limits.inflightBudgetBytes(1024));
    assertEquals(quarter * 8, limits.inflightBudgetBytes(quarter * 8));
  }

  @Test
  @DisplayName("the environment sets every limit; an explicit budget is used as is; out-of-range values name the key")
  void fromEnvironment() {
    SynapseConfig c = ConfigLoader.load(null, Map.of("SYNAPSE_MAX_INFLIGHT_BYTES", "262144",
        "SYNAPSE_HTTP_HEADER_TIMEOUT_MS", "1500", "SYNAPSE_HTTP_BODY_TIMEOUT_MS", "2500", "SYNAPSE_HTTP_MAX_CONNECTIONS", "7"), null);
    assertEquals(new HttpLimits(262_144, 1500, 2500, 7), c.httpLimits());
    assertEquals(262_144, c.httpLimits().inflightBudgetBytes(5_242_880));
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of("SYNAPSE_HTTP_MAX_CONNECTIONS", "0"), null));
    assertTrue(e.getMessage().contains("SYNAPSE_HTTP_MAX_CONNECTIONS"), e.getMessage());
  }
}
