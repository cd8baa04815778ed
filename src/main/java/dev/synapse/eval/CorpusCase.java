package dev.synapse.eval;

import dev.synapse.signal.Side;
import java.util.List;

/**
 * One case of a detection-quality corpus (DESIGN.md section 4): a diff, the findings it must
 * produce and the categories it must not produce.
 *
 * @param id unique case id, e.g. {@code sql_injection-java-001}
 * @param language language of the case, lower case (e.g. {@code java}); "unknown" when absent
 * @param category the category the case is about
 * @param kind positive (expects findings) or negative (expects none of {@code forbidden})
 * @param diff the unified diff
 * @param expected findings that must be reported; empty for negative cases
 * @param forbidden categories of which any finding is a false positive
 * @param note free-text description, possibly ""
 * @param hotFunctions {@code metadata.hot_functions} of the case, empty when the case has no
 *     metadata
 */
public record CorpusCase(String id, String language, String category, Kind kind, String diff,
    List<Expected> expected, List<String> forbidden, String note, List<String> hotFunctions) {

  public CorpusCase {
    expected = List.copyOf(expected);
    forbidden = List.copyOf(forbidden);
    hotFunctions = List.copyOf(hotFunctions);
    note = note == null ? "" : note;
  }

  /** Whether a case expects findings. */
  public enum Kind {
    /** The diff contains the problems listed in {@code expected}. */
    POSITIVE,
    /** The diff is safe for the case's {@code forbidden} categories. */
    NEGATIVE
  }

  /**
   * One finding a case expects.
   *
   * @param category category id
   * @param file path as a finding reports it
   * @param line 1-based line on {@code side}
   * @param side which file {@code line} refers to
   */
  public record Expected(String category, String file, int line, Side side) {}
}
