package dev.synapse.agent;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * State of one agent type on one node, shared by its pool instances (DESIGN.md 2, step 4):
 * {@code review_history} (last {@value #HISTORY_SIZE} reviews), {@code learned_patterns} (from
 * feedback) and {@code scar_tissue} (last {@value #SCAR_TISSUE_SIZE} failures). Thread-safe.
 */
public final class AgentState {
  /** Reviews kept in the history. */
  public static final int HISTORY_SIZE = 100;
  /** Failures kept in the scar tissue. */
  public static final int SCAR_TISSUE_SIZE = 50;

  private final String agent;
  /** Reviews: {@link Reviewed} when recorded here, JSON when restored from a snapshot. */
  private final ArrayDeque<Object> history = new ArrayDeque<>();
  private final ArrayDeque<JsonObject> scarTissue = new ArrayDeque<>();
  private final LearnedPatterns learned = new LearnedPatterns();

  /** @param agent agent name */
  public AgentState(String agent) {
    this.agent = agent;
  }

  /** @return the agent name */
  public String agent() {
    return agent;
  }

  /** @return learned patterns of this agent */
  public LearnedPatterns learned() {
    return learned;
  }

  /**
   * Records a finished review.
   *
   * @param reviewId the review
   * @param status result status
   * @param findings number of findings reported
   * @param runtimeMs time spent, in ms
   */
  public synchronized void recordReview(String reviewId, String status, int findings, long runtimeMs) {
    if (history.size() == HISTORY_SIZE) history.pollFirst();
    history.addLast(new Reviewed(reviewId, status, findings, runtimeMs, Instant.now()));
  }

  /**
   * One review of the history, kept as fields and turned into JSON only when read: the history
   * is written once per review and specialist but read rarely (snapshots, admin, tests).
   */
  private record Reviewed(String reviewId, String status, int findings, long runtimeMs, Instant at) {
    JsonObject toJson() {
      return new JsonObject().put("review_id", reviewId).put("status", status)
          .put("findings", findings).put("runtime_ms", runtimeMs).put("at", at.toString());
    }
  }

  private static JsonObject json(Object entry) {
    return entry instanceof Reviewed r ? r.toJson() : (JsonObject) entry;
  }

  private List<JsonObject> historyJson() {
    List<JsonObject> out = new ArrayList<>(history.size());
    for (Object e : history) out.add(json(e));
    return out;
  }

  /**
   * Records a failure (an action that threw or timed out).
   *
   * @param reviewId the review
   * @param action the action (check) name
   * @param kind {@code error} or {@code timeout}
   * @param message short message, never a stack trace or diff content
   */
  public synchronized void recordFailure(String reviewId, String action, String kind, String message) {
    if (scarTissue.size() == SCAR_TISSUE_SIZE) scarTissue.pollFirst();
    scarTissue.addLast(new JsonObject().put("review_id", reviewId).put("action", action)
        .put("kind", kind).put("message", message).put("at", Instant.now().toString()));
  }

  /** @return a copy of the review history, oldest first */
  public synchronized List<JsonObject> history() {
    return historyJson();
  }

  /** @return a copy of the scar tissue, oldest first */
  public synchronized List<JsonObject> scarTissue() {
    return new ArrayList<>(scarTissue);
  }

  /** @return sizes for {@code GET /api/agents} */
  public synchronized JsonObject sizes() {
    return new JsonObject().put("review_history", history.size())
        .put("learned_patterns", learned.size()).put("scar_tissue", scarTissue.size());
  }

  /** @return full state for snapshots */
  public synchronized JsonObject toJson() {
    return new JsonObject().put("agent", agent)
        .put("review_history", new JsonArray(new ArrayList<Object>(historyJson())))
        .put("learned_patterns", learned.toJson())
        .put("scar_tissue", new JsonArray(new ArrayList<>(scarTissue)));
  }

  /** Replaces the state with a snapshot written by {@link #toJson()}. */
  public synchronized void restore(JsonObject j) {
    history.clear();
    scarTissue.clear();
    JsonArray h = j.getJsonArray("review_history", new JsonArray());
    for (int i = Math.max(0, h.size() - HISTORY_SIZE); i < h.size(); i++) history.addLast(h.getJsonObject(i));
    JsonArray s = j.getJsonArray("scar_tissue", new JsonArray());
    for (int i = Math.max(0, s.size() - SCAR_TISSUE_SIZE); i < s.size(); i++) scarTissue.addLast(s.getJsonObject(i));
    learned.restore(j.getJsonArray("learned_patterns", new JsonArray()));
  }
}
