package dev.synapse.github;

import dev.synapse.diff.DiffLine;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Side;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The inline comments of one pull-request review ({@code POST .../pulls/{n}/reviews},
 * {@code event: COMMENT}): one per finding whose line is in the pull request's diff (GitHub
 * rejects the whole review with {@code 422} for a line outside it), never for a fingerprint that
 * already has a comment in this pull request, at most {@value #MAX_COMMENTS} per review (the rest
 * stay in the check run).
 *
 * @param comments the {@code comments} array items ({@code path}, {@code line}, {@code side},
 *     {@code body})
 * @param fingerprints the fingerprints commented on, in order
 * @param outsideDiff findings left out because their line is not in the diff
 * @param overCap findings left out because the review already had {@value #MAX_COMMENTS}
 */
public record ReviewComments(List<JsonObject> comments, Set<String> fingerprints, int outsideDiff, int overCap) {
  /** Most inline comments in one review. */
  public static final int MAX_COMMENTS = 50;
  /** Longest comment body, in characters. */
  static final int MAX_BODY = 8_000;

  /**
   * @param findings candidates, most severe first
   * @param prDiff the pull request's whole diff
   * @param alreadyCommented fingerprints commented on by earlier reviews
   */
  public static ReviewComments of(List<Finding> findings, DiffIndex prDiff, Set<String> alreadyCommented) {
    List<JsonObject> comments = new ArrayList<>();
    Set<String> fps = new LinkedHashSet<>();
    int outside = 0;
    int over = 0;
    for (Finding f : findings) {
      if (alreadyCommented.contains(f.fingerprint()) || fps.contains(f.fingerprint())) continue;
      boolean right = f.side() != Side.OLD;
      DiffLine line = prDiff.lineAt(f.file(), f.line(), right);
      if (line == null) {
        outside++;
        continue;
      }
      if (comments.size() >= MAX_COMMENTS) {
        over++;
        continue;
      }
      comments.add(new JsonObject().put("path", f.file()).put("line", f.line())
          .put("side", right ? "RIGHT" : "LEFT").put("body", body(f, right && line.added() ? line.text() : null)));
      fps.add(f.fingerprint());
    }
    return new ReviewComments(List.copyOf(comments), Set.copyOf(fps), outside, over);
  }

  /** @return the review's body text */
  public String reviewBody() {
    StringBuilder sb = new StringBuilder("Synapse found ").append(comments.size())
        .append(comments.size() == 1 ? " new finding" : " new findings").append(" on changed lines.");
    if (outsideDiff > 0) sb.append(" ").append(outsideDiff).append(" more are outside the diff (see the Synapse check run).");
    if (overCap > 0) sb.append(" ").append(overCap).append(" more are listed only in the check run (at most ")
        .append(MAX_COMMENTS).append(" comments per review).");
    return sb.toString();
  }

  static String body(Finding f, String addedLineText) {
    StringBuilder sb = new StringBuilder();
    sb.append("**").append(f.severity().wire()).append("** · ").append(f.type()).append(" · `")
        .append(f.ruleId()).append("`");
    if (f.cwe() != null) sb.append(" · ").append(f.cwe());
    sb.append("\n\n").append(f.summary() == null ? "" : f.summary());
    if (f.recommendation() != null && !f.recommendation().isBlank()) {
      sb.append("\n\n**Recommendation:** ").append(f.recommendation());
    }
    String suggestion = Suggestions.replacement(f, addedLineText);
    if (suggestion != null) sb.append("\n\n```suggestion\n").append(suggestion).append("\n```");
    String fp = "\n\n<!-- synapse:fingerprint " + f.fingerprint() + " -->";
    String b = sb.length() + fp.length() > MAX_BODY ? sb.substring(0, MAX_BODY - fp.length() - 1) + "…" : sb.toString();
    return b + fp;
  }
}
