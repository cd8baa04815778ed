package dev.synapse.ops;

import java.util.Locale;

/** Overall and per-check health, ordered from best to worst (DESIGN.md section 3, health). */
public enum HealthLevel {
  /** Everything works. HTTP 200. */
  HEALTHY,
  /** Serving, with reduced capacity or replay window. HTTP 503. */
  DEGRADED,
  /** A core dependency (event bus, coordinator) is down. HTTP 503. */
  UNHEALTHY;

  /** @return lower-case wire name */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @return the worse of the two */
  public HealthLevel worst(HealthLevel other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /** @return 200 when healthy, else 503 */
  public int httpStatus() {
    return this == HEALTHY ? 200 : 503;
  }
}
