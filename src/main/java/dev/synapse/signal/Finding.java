package dev.synapse.signal;

import io.vertx.core.json.JsonObject;

/**
 * One finding (DESIGN.md section 1, "Finding").
 *
 * @param type category id such as {@code sql_injection}
 * @param severity severity from the rules table
 * @param file path in the new tree (old path for a deleted file)
 * @param line 1-based line, in the new file unless {@code side} is {@link Side#OLD}
 * @param side which file {@code line} refers to
 * @param endLine optional last line (inclusive), or null
 * @param ruleId stable rule id such as {@code SYN-SEC-SQLI-001}
 * @param cwe CWE id such as {@code CWE-89}, or null
 * @param summary one sentence on what is wrong; never echoes a secret's value
 * @param recommendation what to do instead
 * @param confidence 0.0–1.0
 * @param fingerprint stable across re-submissions and line shifts
 * @param agent the specialist that found it, or null before aggregation
 */
public record Finding(
    String type,
    Severity severity,
    String file,
    int line,
    Side side,
    Integer endLine,
    String ruleId,
    String cwe,
    String summary,
    String recommendation,
    double confidence,
    String fingerprint,
    String agent) {

  /** @return a copy attributed to the given agent */
  public Finding withAgent(String agentName) {
    return new Finding(type, severity, file, line, side, endLine, ruleId, cwe, summary,
        recommendation, confidence, fingerprint, agentName);
  }

  /** @return the finding as JSON (snake_case) */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("type", type)
        .put("severity", severity.wire())
        .put("file", file)
        .put("line", line)
        .put("side", side.wire());
    if (endLine != null) json.put("end_line", endLine);
    json.put("rule_id", ruleId);
    if (cwe != null) json.put("cwe", cwe);
    json.put("summary", summary)
        .put("recommendation", recommendation)
        .put("confidence", confidence)
        .put("fingerprint", fingerprint);
    if (agent != null) json.put("agent", agent);
    return json;
  }

  /** Reads a finding written by {@link #toJson()}. */
  public static Finding fromJson(JsonObject j) {
    return new Finding(j.getString("type"), Severity.parse(j.getString("severity", "none")),
        j.getString("file"), j.getInteger("line", 1), Side.parse(j.getString("side", "new")),
        j.getInteger("end_line"), j.getString("rule_id"), j.getString("cwe"),
        j.getString("summary"), j.getString("recommendation"), j.getDouble("confidence", 0.0),
        j.getString("fingerprint"), j.getString("agent"));
  }
}
