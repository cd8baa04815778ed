package dev.synapse.analysis;

import dev.synapse.analysis.performance.HighComplexityCheck;
import dev.synapse.analysis.performance.HotPathModifiedCheck;
import dev.synapse.analysis.performance.MemoryHotspotCheck;
import dev.synapse.analysis.performance.NPlusOneCheck;
import java.util.List;

/**
 * The check registry: which checks each specialist runs. The single place where a new check is
 * wired in.
 */
public final class Checks {
  private Checks() {}

  /** @return the security specialist's checks (DESIGN.md 2) */
  public static List<Check> security() {
    return List.of();
  }

  /** @return the performance specialist's checks (DESIGN.md 2) */
  public static List<Check> performance() {
    return List.of(new HighComplexityCheck(), new MemoryHotspotCheck(), new NPlusOneCheck(),
        new HotPathModifiedCheck());
  }

  /** @return the checks a fast-path review runs: at least the high-severity security checks */
  public static List<Check> fastPath() {
    return security();
  }
}
