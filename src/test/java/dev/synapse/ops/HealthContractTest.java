package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.ext.healthchecks.Status;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The status codes of each health level and the cluster-size check (docs/operations.md, "Health"). */
class HealthContractTest {
  @Test
  @DisplayName("/health answers 200 only when healthy; the readiness probe answers 503 only when unhealthy")
  void statusCodes() {
    assertEquals(200, HealthLevel.HEALTHY.httpStatus());
    assertEquals(503, HealthLevel.DEGRADED.httpStatus());
    assertEquals(503, HealthLevel.UNHEALTHY.httpStatus());
    assertEquals(200, HealthLevel.HEALTHY.readinessStatus());
    assertEquals(200, HealthLevel.DEGRADED.readinessStatus());
    assertEquals(503, HealthLevel.UNHEALTHY.readinessStatus());
  }

  @Test
  @DisplayName("the cluster-size check passes at or above the expected size and names both counts below it")
  void clusterSize() {
    assertTrue(HealthProcedures.clusterSize(3, 3).isOk());
    assertTrue(HealthProcedures.clusterSize(4, 3).isOk());
    Status two = HealthProcedures.clusterSize(2, 3);
    assertFalse(two.isOk());
    assertEquals(2, two.getData().getInteger("data_members"));
    assertEquals(3, two.getData().getInteger("expected"));
    assertTrue(two.getData().getString("message").contains("only 2 of 3"), two.getData().encode());
  }
}
