package dev.synapse.github;

import dev.synapse.signal.Finding;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a push changed a pull request's findings, matched by fingerprint (stable across line
 * shifts).
 *
 * @param open every finding open after the push, most severe first, then by file and line
 * @param added open findings the previous review did not have
 * @param stillOpen open findings the previous review had too
 * @param fixed findings of the previous review that are gone
 */
public record FindingDelta(List<Finding> open, List<Finding> added, List<Finding> stillOpen, List<Finding> fixed) {
  /** Most severe first, then file, then line. */
  public static final Comparator<Finding> ORDER = Comparator
      .comparing((Finding f) -> f.severity().ordinal()).reversed()
      .thenComparing(f -> f.file() == null ? "" : f.file())
      .thenComparingInt(Finding::line);

  /**
   * @param previous the state published for the previous head
   * @param current the findings of this review (already filtered by {@code .synapse.yml})
   * @param push the diff of the push alone ({@code before...after}) when this review covered only
   *     that push, or null when it covered the whole pull request. With a push diff, a previous
   *     finding that the push neither removed nor re-found stays open at its shifted line; one on
   *     a line the push removed (or in a file it deleted) is fixed. Without one, whatever the
   *     review did not find again is fixed.
   */
  public static FindingDelta of(PullRequestState previous, List<Finding> current, DiffIndex push) {
    Map<String, Finding> open = new LinkedHashMap<>();
    for (Finding f : current) open.putIfAbsent(f.fingerprint(), f);
    Set<String> before = previous.openFingerprints();
    List<Finding> fixed = new ArrayList<>();
    for (Finding p : previous.open()) {
      if (open.containsKey(p.fingerprint())) continue;
      if (push == null) {
        fixed.add(p);
        continue;
      }
      if (p.side() == Side.OLD) {
        open.put(p.fingerprint(), p);
        continue;
      }
      Object[] moved = push.map(p.file(), p.line());
      if (moved == null) {
        fixed.add(p);
      } else {
        int line = (Integer) moved[1];
        Integer end = p.endLine() == null ? null : p.endLine() + (line - p.line());
        open.put(p.fingerprint(), new Finding(p.type(), p.severity(), (String) moved[0], line, p.side(), end,
            p.ruleId(), p.cwe(), p.summary(), p.recommendation(), p.confidence(), p.fingerprint(), p.agent()));
      }
    }
    List<Finding> all = new ArrayList<>(open.values());
    all.sort(ORDER);
    List<Finding> added = new ArrayList<>();
    List<Finding> still = new ArrayList<>();
    for (Finding f : all) (before.contains(f.fingerprint()) ? still : added).add(f);
    fixed.sort(ORDER);
    return new FindingDelta(List.copyOf(all), List.copyOf(added), List.copyOf(still), List.copyOf(fixed));
  }
}
