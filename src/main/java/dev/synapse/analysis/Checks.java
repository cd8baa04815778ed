package dev.synapse.analysis;

import dev.synapse.analysis.performance.HighComplexityCheck;
import dev.synapse.analysis.performance.HotPathModifiedCheck;
import dev.synapse.analysis.performance.MemoryHotspotCheck;
import dev.synapse.analysis.performance.NPlusOneCheck;
import dev.synapse.analysis.security.SecurityChecks;
import java.util.List;

/**
 * The check registry: which checks each specialist runs. The single place where a new check is
 * wired in.
 */
public final class Checks {
  private static final List<Check> PERFORMANCE = List.of(new HighComplexityCheck(),
      new MemoryHotspotCheck(), new NPlusOneCheck(), new HotPathModifiedCheck());

  private Checks() {}

  /** @return the security specialist's checks (DESIGN.md 2), one per security category */
  public static List<Check> security() {
    return SecurityChecks.all();
  }

  /** @return the performance specialist's checks (DESIGN.md 2) */
  public static List<Check> performance() {
    return PERFORMANCE;
  }

  /**
   * @return the checks a fast-path review runs: every security check at every severity (they
   *     cost about a millisecond per typical diff, and a CI gate at {@code --fail-on medium} must
   *     see what a deep review would report); a deep review adds the performance specialist
   */
  public static List<Check> fastPath() {
    return SecurityChecks.all();
  }
}
