package dev.synapse.ops;

import java.util.Locale;

/**
 * Overall and per-check health, ordered from best to worst (DESIGN.md section 3, health). Two
 * status mappings: {@link #httpStatus()} for {@code GET /health} (DESIGN.md: 200 healthy, 503
 * otherwise) and {@link #readinessStatus()} for the {@code GET /health/ready} probe (Kubernetes:
 * 503 only when the node cannot serve).
 */
public enum HealthLevel {
  /** Everything works. HTTP 200. */
  HEALTHY,
  /**
   * Serving, but something an operator should fix: fewer cluster members than expected, GitHub
   * credentials failing. {@code /health} 503, {@code /health/ready} 200.
   */
  DEGRADED,
  /**
   * This node cannot accept or finish work now (draining, event bus, coordinator or specialists
   * down, no quorum, no heap headroom). HTTP 503 on {@code /health} and {@code /health/ready}.
   */
  UNHEALTHY;

  /** @return lower-case wire name */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @return the worse of the two */
  public HealthLevel worst(HealthLevel other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /** @return the status of {@code GET /health}: 200 when healthy, else 503 (DESIGN.md) */
  public int httpStatus() {
    return this == HEALTHY ? 200 : 503;
  }

  /**
   * @return the status of the readiness probe {@code GET /health/ready}: 503 only when
   *     unhealthy; a degraded node still serves, and taking it out of the load balancer would
   *     turn a warning into an outage (every node of a shrunken but healthy majority, or every
   *     node at once when a shared dependency such as GitHub fails)
   */
  public int readinessStatus() {
    return this == UNHEALTHY ? 503 : 200;
  }
}
