package dev.synapse.signal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code review.result} payload: one per specialist per review (DESIGN.md section 1).
 *
 * @param reviewId the review
 * @param agent {@code security_specialist}, {@code performance_specialist}, …
 * @param status {@code ok}, {@code error} or {@code timeout}
 * @param confidence 0.0–1.0
 * @param findings findings from added lines (and removed guards), never null
 * @param shouldEscalate true when the specialist asks for a human
 * @param runtimeMs wall time spent in the specialist, in ms
 * @param path {@code fast_path} or {@code deep_review}
 * @param actionsRun names of the checks that completed
 * @param errors one message per failed action (never a stack trace)
 * @param suppressed number of findings suppressed (inline {@code synapse:ignore} or learned
 *     false positives)
 */
public record ReviewResult(
    String reviewId,
    String agent,
    String status,
    double confidence,
    List<Finding> findings,
    boolean shouldEscalate,
    long runtimeMs,
    String path,
    List<String> actionsRun,
    List<String> errors,
    int suppressed) {

  /** Result status: the specialist finished. */
  public static final String OK = "ok";
  /** Result status: the specialist failed. */
  public static final String ERROR = "error";
  /** Result status: the specialist did not answer in time. */
  public static final String TIMEOUT = "timeout";

  public ReviewResult {
    findings = findings == null ? List.of() : List.copyOf(findings);
    actionsRun = actionsRun == null ? List.of() : List.copyOf(actionsRun);
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** @return the payload as JSON */
  public JsonObject toJson() {
    JsonArray f = new JsonArray();
    for (Finding finding : findings) f.add(finding.toJson());
    return new JsonObject()
        .put("review_id", reviewId)
        .put("agent", agent)
        .put("status", status)
        .put("confidence", confidence)
        .put("findings", f)
        .put("should_escalate", shouldEscalate)
        .put("metadata", new JsonObject()
            .put("runtime_ms", runtimeMs)
            .put("path", path)
            .put("actions_run", new JsonArray(new ArrayList<>(actionsRun)))
            .put("errors", new JsonArray(new ArrayList<>(errors)))
            .put("suppressed", suppressed));
  }

  /** Reads a payload written by {@link #toJson()}. */
  public static ReviewResult fromJson(JsonObject j) {
    List<Finding> findings = new ArrayList<>();
    JsonArray arr = j.getJsonArray("findings", new JsonArray());
    for (int i = 0; i < arr.size(); i++) findings.add(Finding.fromJson(arr.getJsonObject(i)));
    JsonObject m = j.getJsonObject("metadata", new JsonObject());
    return new ReviewResult(j.getString("review_id"), j.getString("agent"),
        j.getString("status", OK), j.getDouble("confidence", 0.0), findings,
        j.getBoolean("should_escalate", false), m.getLong("runtime_ms", 0L),
        m.getString("path"), strings(m.getJsonArray("actions_run")),
        strings(m.getJsonArray("errors")), m.getInteger("suppressed", 0));
  }

  static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) for (Object o : a) out.add(String.valueOf(o));
    return out;
  }
}
