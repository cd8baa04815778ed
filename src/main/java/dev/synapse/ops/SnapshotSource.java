package dev.synapse.ops;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A part of a node's state that can be written to and read back from a snapshot (agent state,
 * the review store). Implemented for the local store by {@link LocalStoreSnapshots} and for the
 * agents by {@link AgentStateSnapshots}; a clustered store implements it itself.
 *
 * <p>Both methods may be called on an event loop and must not block it; the snapshot machinery
 * does the file I/O on a worker thread.
 */
public interface SnapshotSource {

  /**
   * @return a self-contained JSON copy of the current state; the returned object is not touched
   *     again by the source (the caller encodes it on another thread)
   */
  Future<JsonObject> capture();

  /**
   * Replaces or merges the state with a section written by {@link #capture()}.
   *
   * @param section the section as read from a validated snapshot
   * @return the number of items restored; fails with {@link SnapshotException} when the section
   *     is malformed
   */
  Future<Integer> restore(JsonObject section);
}
