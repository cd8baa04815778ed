package dev.synapse.github;

import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The one summary comment of a pull request ({@code issues/{n}/comments}), found again by
 * {@link PullRequestState#MARKER} and edited in place on every push: counts by severity, what is
 * new, still open and fixed since the last push, and the hidden state. At most
 * {@value #MAX_BODY} characters (GitHub's comment limit is 65,536).
 */
public final class SummaryComment {
  /** Longest body, in characters. */
  public static final int MAX_BODY = 65_000;
  /** Findings listed per section. */
  public static final int MAX_LISTED = 25;

  private SummaryComment() {}

  /**
   * @param headSha the head reviewed
   * @param delta the findings after this push
   * @param conclusion the check run's conclusion
   * @param state the state to embed
   * @return the comment body
   */
  public static String render(String headSha, FindingDelta delta, String conclusion, PullRequestState state) {
    int[] counts = new int[Severity.values().length];
    for (Finding f : delta.open()) counts[f.severity().ordinal()]++;
    StringBuilder sb = new StringBuilder(PullRequestState.MARKER).append("\n");
    sb.append("## Synapse review\n\n");
    sb.append("Commit `").append(headSha, 0, Math.min(12, headSha.length())).append("`: ")
        .append(delta.open().isEmpty() ? "no open findings" : delta.open().size() + " open "
            + (delta.open().size() == 1 ? "finding" : "findings"))
        .append(" — check run **").append(conclusion).append("**.\n\n");
    sb.append("| high | medium | low | new | still open | fixed since last push |\n|---|---|---|---|---|---|\n| ")
        .append(counts[Severity.HIGH.ordinal()]).append(" | ").append(counts[Severity.MEDIUM.ordinal()]).append(" | ")
        .append(counts[Severity.LOW.ordinal()] + counts[Severity.NONE.ordinal()]).append(" | ")
        .append(delta.added().size()).append(" | ").append(delta.stillOpen().size()).append(" | ")
        .append(delta.fixed().size()).append(" |\n");
    section(sb, "New", delta.added());
    section(sb, "Still open", delta.stillOpen());
    section(sb, "Fixed since the last push", delta.fixed());
    String stateText = "\n" + state.encode() + "\n";
    if (sb.length() + stateText.length() > MAX_BODY) {
      sb.setLength(Math.max(0, MAX_BODY - stateText.length() - 40));
      sb.append("\n… cut to fit GitHub's limit.\n");
    }
    return sb.append(stateText).toString();
  }

  private static void section(StringBuilder sb, String title, List<Finding> findings) {
    if (findings.isEmpty()) return;
    sb.append("\n### ").append(title).append("\n\n");
    List<String> rows = new ArrayList<>();
    for (Finding f : findings) {
      rows.add("- **" + f.severity().wire() + "** `" + f.file() + ":" + f.line() + "` " + f.type()
          + (f.cwe() == null ? "" : " (" + f.cwe() + ")") + ": " + CheckRunOutput.oneLine(f.summary()));
    }
    for (int i = 0; i < Math.min(MAX_LISTED, rows.size()); i++) sb.append(rows.get(i)).append('\n');
    if (rows.size() > MAX_LISTED) sb.append("- … and ").append(rows.size() - MAX_LISTED).append(" more in the check run\n");
  }
}
