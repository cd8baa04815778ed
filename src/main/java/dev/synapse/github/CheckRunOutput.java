package dev.synapse.github;

import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import dev.synapse.signal.Side;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Synapse} check run's result: conclusion, {@code output} (title, summary, text) cut
 * to GitHub's limits with a note saying how much was left out, and the annotations in batches of
 * at most {@value #ANNOTATIONS_PER_REQUEST} (GitHub's limit per create or update request; each
 * update appends its annotations).
 *
 * @param conclusion {@code success}, {@code failure} or {@code neutral}
 * @param title output title
 * @param summary output summary (markdown, at most {@value #MAX_TEXT} characters)
 * @param text output text (markdown, at most {@value #MAX_TEXT} characters)
 * @param annotations every annotation, in order
 */
public record CheckRunOutput(String conclusion, String title, String summary, String text, List<JsonObject> annotations) {
  /** The check run's name. */
  public static final String NAME = "Synapse";
  /** Annotations per request (GitHub). */
  public static final int ANNOTATIONS_PER_REQUEST = 50;
  /** Longest {@code output.summary} and {@code output.text} (GitHub), in characters. */
  public static final int MAX_TEXT = 65_535;
  /** Longest annotation message kept, in characters (GitHub allows 64 KB). */
  static final int MAX_MESSAGE = 4_000;

  /**
   * @param delta the findings after this push
   * @param failOn lowest severity that fails the check ({@link Severity#NONE}: any finding fails)
   * @param reviewId the Synapse review id (for the API)
   */
  public static CheckRunOutput of(FindingDelta delta, Severity failOn, String reviewId) {
    List<Finding> open = delta.open();
    boolean fail = false;
    Severity max = Severity.NONE;
    int[] counts = new int[Severity.values().length];
    for (Finding f : open) {
      counts[f.severity().ordinal()]++;
      max = max.max(f.severity());
      if (f.severity().ordinal() >= failOn.ordinal()) fail = true;
    }
    String title = open.isEmpty() ? "No findings"
        : open.size() + (open.size() == 1 ? " finding" : " findings") + " (highest: " + max.wire() + ")";
    StringBuilder summary = new StringBuilder();
    summary.append(fail ? "**Failed**: at least one finding is at or above `" + failOn.wire() + "`.\n\n"
        : "**Passed**: no finding at or above `" + failOn.wire() + "`.\n\n");
    summary.append("| high | medium | low | new | still open | fixed |\n|---|---|---|---|---|---|\n")
        .append("| ").append(counts[Severity.HIGH.ordinal()]).append(" | ").append(counts[Severity.MEDIUM.ordinal()])
        .append(" | ").append(counts[Severity.LOW.ordinal()] + counts[Severity.NONE.ordinal()]).append(" | ")
        .append(delta.added().size()).append(" | ").append(delta.stillOpen().size()).append(" | ")
        .append(delta.fixed().size()).append(" |\n\n")
        .append("Review `").append(reviewId).append("` (`GET /api/reviews/{id}` on the Synapse node).\n");
    List<JsonObject> annotations = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    for (Finding f : open) {
      rows.add("- **" + f.severity().wire() + "** `" + f.file() + ":" + f.line() + "`"
          + (f.side() == Side.OLD ? " (removed code)" : "") + " " + f.type() + " `" + f.ruleId() + "`"
          + (f.cwe() == null ? "" : " " + f.cwe()) + ": " + oneLine(f.summary()));
      if (f.side() == Side.NEW && f.line() >= 1 && f.file() != null) annotations.add(annotation(f));
    }
    String text = cut("### Open findings\n\n", rows, " findings");
    return new CheckRunOutput(fail ? "failure" : "success", title, limit(summary.toString()), text, annotations);
  }

  /** A neutral result with one message (diff too large, review not finished, bad configuration). */
  public static CheckRunOutput message(String conclusion, String title, String summary) {
    return new CheckRunOutput(conclusion, title, limit(summary), "", List.of());
  }

  /** @return the annotations in request-sized batches; at least one (possibly empty) batch */
  public List<List<JsonObject>> batches() {
    List<List<JsonObject>> out = new ArrayList<>();
    for (int i = 0; i < annotations.size(); i += ANNOTATIONS_PER_REQUEST) {
      out.add(annotations.subList(i, Math.min(annotations.size(), i + ANNOTATIONS_PER_REQUEST)));
    }
    if (out.isEmpty()) out.add(List.of());
    return out;
  }

  /** @return the {@code output} object of a check-run request with the given annotations */
  public JsonObject output(List<JsonObject> batch) {
    JsonObject o = new JsonObject().put("title", title).put("summary", summary);
    if (!text.isEmpty()) o.put("text", text);
    if (!batch.isEmpty()) o.put("annotations", new io.vertx.core.json.JsonArray(new ArrayList<>(batch)));
    return o;
  }

  static JsonObject annotation(Finding f) {
    String level = switch (f.severity()) {
      case HIGH -> "failure";
      case MEDIUM -> "warning";
      default -> "notice";
    };
    int end = f.endLine() != null && f.endLine() >= f.line() ? f.endLine() : f.line();
    StringBuilder message = new StringBuilder(f.summary() == null ? f.type() : f.summary());
    if (f.cwe() != null) message.append(" (").append(f.cwe()).append(")");
    if (f.recommendation() != null && !f.recommendation().isBlank()) {
      message.append("\nRecommendation: ").append(f.recommendation());
    }
    String m = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 1) + "…" : message.toString();
    String title = f.ruleId() == null ? f.type() : f.ruleId() + " " + f.type();
    return new JsonObject().put("path", f.file()).put("start_line", f.line()).put("end_line", end)
        .put("annotation_level", level).put("title", title.length() > 255 ? title.substring(0, 255) : title)
        .put("message", m);
  }

  /** Joins rows under a heading, leaving out the rows that do not fit with a note counting them. */
  static String cut(String heading, List<String> rows, String noun) {
    StringBuilder sb = new StringBuilder(heading);
    int reserve = 120;
    for (int i = 0; i < rows.size(); i++) {
      String row = rows.get(i) + "\n";
      if (sb.length() + row.length() > MAX_TEXT - reserve) {
        int left = rows.size() - i;
        sb.append("\n… ").append(left).append(left == 1 ? noun.replaceAll("s$", "") : noun)
            .append(" left out: GitHub limits this text to 65,535 characters; every finding is annotated and in the API.\n");
        return sb.toString();
      }
      sb.append(row);
    }
    return sb.toString();
  }

  static String limit(String s) {
    if (s.length() <= MAX_TEXT) return s;
    String note = "\n… cut: GitHub limits this text to 65,535 characters.";
    return s.substring(0, MAX_TEXT - note.length()) + note;
  }

  static String oneLine(String s) {
    if (s == null) return "";
    String t = s.replace('\n', ' ').replace('\r', ' ');
    return t.length() > 300 ? t.substring(0, 299) + "…" : t;
  }
}
