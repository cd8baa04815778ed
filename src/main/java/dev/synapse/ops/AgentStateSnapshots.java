package dev.synapse.ops;

import dev.synapse.agent.AgentRegistry;
import dev.synapse.agent.AgentState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Snapshot section {@code agents}: every agent's state on this node (review history, learned
 * patterns, scar tissue) as {@code {<agent>: AgentState.toJson()}}. Restore validates the whole
 * section before touching any state, so a malformed section changes nothing. Thread-safe.
 */
public final class AgentStateSnapshots implements SnapshotSource {
  /** Section name in the snapshot payload. */
  public static final String SECTION = "agents";
  private final AgentRegistry registry;

  /** @param registry the node's agent registry */
  public AgentStateSnapshots(AgentRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Future<JsonObject> capture() {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, AgentState> e : registry.states().entrySet()) {
      out.put(e.getKey(), e.getValue().toJson());
    }
    return Future.succeededFuture(out);
  }

  @Override
  public Future<Integer> restore(JsonObject section) {
    Map<String, JsonObject> checked = new LinkedHashMap<>();
    try {
      for (String agent : section.fieldNames()) {
        JsonObject state = section.getJsonObject(agent);
        if (state == null) throw new IllegalArgumentException("null state");
        new AgentState(agent).restore(state);
        checked.put(agent, state);
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(new SnapshotException("section 'agents' is malformed: " + e.getClass().getSimpleName()));
    }
    checked.forEach((agent, state) -> registry.state(agent).restore(state));
    return Future.succeededFuture(checked.size());
  }
}
