package dev.synapse.signal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code review.request} payload (DESIGN.md section 1).
 *
 * @param reviewId 1–128 chars of {@code [A-Za-z0-9._:/#-]}
 * @param diff unified diff text (git or plain); may be empty
 * @param filesChanged number of files changed, ≥ 0 (derived from the diff when absent)
 * @param labels labels such as {@code security}, never null
 * @param intent {@code feature}, {@code bugfix}, {@code hotfix}, {@code refactor}, …
 * @param riskFactor 0.0–1.0
 * @param metadata optional {@code files}, {@code author}, {@code branch}, {@code repo},
 *     {@code language}, {@code hot_functions}, {@code timestamp}; never null
 */
public record ReviewRequest(
    String reviewId,
    String diff,
    int filesChanged,
    List<String> labels,
    String intent,
    double riskFactor,
    JsonObject metadata) {

  /** Allowed review id characters and length (DESIGN.md 1). */
  public static final Pattern REVIEW_ID = Pattern.compile("[A-Za-z0-9._:/#-]{1,128}");
  /** Default intent. */
  public static final String DEFAULT_INTENT = "feature";

  public ReviewRequest {
    labels = labels == null ? List.of() : List.copyOf(labels);
    metadata = metadata == null ? new JsonObject() : metadata;
    intent = intent == null ? DEFAULT_INTENT : intent;
  }

  /** @return a copy with another files_changed count */
  public ReviewRequest withFilesChanged(int files) {
    return new ReviewRequest(reviewId, diff, files, labels, intent, riskFactor, metadata);
  }

  /** @return {@code metadata.repo}, or null */
  public String repo() {
    return metadata.getValue("repo") instanceof String s ? s : null;
  }

  /** @return {@code metadata.hot_functions} as strings, never null */
  public List<String> hotFunctions() {
    Object v = metadata.getValue("hot_functions");
    List<String> out = new ArrayList<>();
    if (v instanceof JsonArray a) {
      for (Object o : a) if (o instanceof String s) out.add(s);
    }
    return out;
  }

  /** @return true when {@code labels} contains the label, case-insensitively */
  public boolean hasLabel(String label) {
    for (String l : labels) if (l.equalsIgnoreCase(label)) return true;
    return false;
  }

  /** @return the payload as JSON, snake_case field names */
  public JsonObject toJson() {
    return new JsonObject()
        .put("review_id", reviewId)
        .put("diff", diff)
        .put("files_changed", filesChanged)
        .put("labels", new JsonArray(new ArrayList<>(labels)))
        .put("intent", intent)
        .put("risk_factor", riskFactor)
        .put("metadata", metadata);
  }

  /**
   * Validates and reads a request payload as received at the edge.
   *
   * @param json the request body
   * @param filesFromDiff supplies files_changed when the field is absent (counted from the
   *     parsed diff)
   * @return the request, with a generated UUID review id when {@code review_id} is absent
   * @throws ValidationException ({@code invalid_request}) naming the first invalid field
   */
  public static ReviewRequest fromJson(JsonObject json, java.util.function.IntSupplier filesFromDiff) {
    if (json == null) throw invalid(null, "request body must be a JSON object");
    String reviewId = optionalString(json, "review_id");
    if (reviewId == null) {
      reviewId = UUID.randomUUID().toString();
    } else if (!REVIEW_ID.matcher(reviewId).matches()) {
      throw invalid("review_id", "review_id must be 1-128 characters of [A-Za-z0-9._:/#-]");
    }
    Object diffValue = json.getValue("diff");
    if (!(diffValue instanceof String diff)) {
      throw invalid("diff", diffValue == null ? "diff is required" : "diff must be a string");
    }
    Integer files = null;
    Object f = json.getValue("files_changed");
    if (f != null) {
      if (!(f instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
          || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE) {
        throw invalid("files_changed", "files_changed must be an integer >= 0");
      }
      files = n.intValue();
    }
    List<String> labels = new ArrayList<>();
    Object l = json.getValue("labels");
    if (l != null) {
      if (!(l instanceof JsonArray arr)) throw invalid("labels", "labels must be an array of strings");
      for (Object o : arr) {
        if (!(o instanceof String s)) throw invalid("labels", "labels must be an array of strings");
        labels.add(s);
      }
    }
    String intent = optionalString(json, "intent");
    if (intent != null && intent.isBlank()) throw invalid("intent", "intent must not be blank");
    double risk = 0.0;
    Object r = json.getValue("risk_factor");
    if (r != null) {
      if (!(r instanceof Number n) || Double.isNaN(n.doubleValue())
          || n.doubleValue() < 0.0 || n.doubleValue() > 1.0) {
        throw invalid("risk_factor", "risk_factor must be a number between 0.0 and 1.0");
      }
      risk = n.doubleValue();
    }
    Object m = json.getValue("metadata");
    if (m != null && !(m instanceof JsonObject)) {
      throw invalid("metadata", "metadata must be a JSON object");
    }
    JsonObject metadata = (JsonObject) m;
    if (metadata != null && metadata.getValue("hot_functions") != null
        && !(metadata.getValue("hot_functions") instanceof JsonArray)) {
      throw invalid("metadata.hot_functions", "metadata.hot_functions must be an array of strings");
    }
    int filesChanged = files != null ? files : filesFromDiff.getAsInt();
    return new ReviewRequest(reviewId, diff, filesChanged, labels,
        intent == null ? DEFAULT_INTENT : intent.toLowerCase(Locale.ROOT), risk, metadata);
  }

  /** Reads a payload that was already validated (from the bus or the store). */
  public static ReviewRequest fromTrustedJson(JsonObject json) {
    List<String> labels = new ArrayList<>();
    JsonArray arr = json.getJsonArray("labels");
    if (arr != null) for (Object o : arr) labels.add(String.valueOf(o));
    return new ReviewRequest(json.getString("review_id"), json.getString("diff", ""),
        json.getInteger("files_changed", 0), labels, json.getString("intent", DEFAULT_INTENT),
        json.getDouble("risk_factor", 0.0), json.getJsonObject("metadata"));
  }

  private static String optionalString(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) return null;
    if (!(v instanceof String s)) throw invalid(field, field + " must be a string");
    return s;
  }

  private static ValidationException invalid(String field, String message) {
    return new ValidationException("invalid_request", field, message);
  }
}
