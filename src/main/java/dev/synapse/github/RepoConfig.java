package dev.synapse.github;

import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A repository's {@code .synapse.yml} (read by {@link RepoConfigParser}).
 *
 * @param failOn lowest severity that fails the check run, or null for the node's default
 * @param ignorePaths globs of paths whose findings are dropped
 * @param disabled rule ids or categories whose findings are dropped
 * @param minConfidence findings below this confidence are dropped (0 keeps all)
 * @param deepReviewLabels labels that force a deep review
 * @param drafts whether drafts are reviewed, or null for the node's default
 */
public record RepoConfig(Severity failOn, List<String> ignorePaths, Set<String> disabled,
    double minConfidence, List<String> deepReviewLabels, Boolean drafts) {

  /** The settings of a repository without {@code .synapse.yml}. */
  public static final RepoConfig DEFAULT = new RepoConfig(null, List.of(), Set.of(), 0.0, List.of(), null);

  public RepoConfig {
    ignorePaths = List.copyOf(ignorePaths);
    disabled = Set.copyOf(disabled);
    deepReviewLabels = List.copyOf(deepReviewLabels);
  }

  /** @return the findings this configuration keeps, in order */
  public List<Finding> filter(List<Finding> findings) {
    List<PathMatcher> matchers = new ArrayList<>();
    for (String glob : ignorePaths) matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      if (disabled.contains(f.ruleId()) || disabled.contains(f.type())) continue;
      if (f.confidence() < minConfidence) continue;
      if (ignored(matchers, f.file())) continue;
      out.add(f);
    }
    return out;
  }

  private static boolean ignored(List<PathMatcher> matchers, String file) {
    if (file == null || matchers.isEmpty()) return false;
    Path p;
    try {
      p = Path.of(file);
    } catch (RuntimeException e) {
      return false;
    }
    for (PathMatcher m : matchers) if (m.matches(p)) return true;
    return false;
  }

  /** @return true when one of the labels forces a deep review (case-insensitive) */
  public boolean forcesDeepReview(List<String> labels) {
    for (String l : labels) {
      for (String d : deepReviewLabels) if (d.equalsIgnoreCase(l)) return true;
    }
    return false;
  }
}
