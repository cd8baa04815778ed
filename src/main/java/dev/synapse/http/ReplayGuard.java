package dev.synapse.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Remembers accepted request signatures for the signing window so that a captured request cannot
 * be replayed. Clustered, the memory is the cluster's shared map (Vert.x shared data, Hazelcast
 * underneath: an entry expires after its TTL), so a signature used on one node is refused on all.
 * Not clustered, it is a local map bounded to {@value #LOCAL_CAPACITY} entries, expired ones
 * dropped first; when it is full of live entries, new signatures are refused (the caller answers
 * 503) rather than older ones forgotten, which would reopen them to replay. Thread-safe.
 */
public final class ReplayGuard {
  /** Entries the local (not clustered) memory holds at most. */
  public static final int LOCAL_CAPACITY = 100_000;
  /** Name of the cluster-wide map. */
  static final String MAP_NAME = "synapse.http.signatures";
  /** Longest wait for the cluster map, in ms. */
  static final long CLUSTER_TIMEOUT_MS = 5_000;

  /** The outcome of {@link #firstUse}. */
  public enum Use { FIRST, REPLAY, FULL }

  private final Vertx vertx;
  private final Map<String, Long> local = new LinkedHashMap<>();

  /** @param vertx the node's Vert.x instance; clustered when {@link Vertx#isClustered()} */
  public ReplayGuard(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Records a signature.
   *
   * @param key the signature (hex)
   * @param ttlMs how long to remember it, in ms
   * @return FIRST when not seen within its TTL, REPLAY when seen, FULL when the local memory is
   *     full; fails when the cluster map does not answer within {@value #CLUSTER_TIMEOUT_MS} ms
   */
  public Future<Use> firstUse(String key, long ttlMs) {
    if (vertx.isClustered()) {
      return vertx.sharedData().<String, Boolean>getAsyncMap(MAP_NAME)
          .compose((AsyncMap<String, Boolean> map) -> map.putIfAbsent(key, Boolean.TRUE, ttlMs))
          .map(previous -> previous == null ? Use.FIRST : Use.REPLAY)
          .timeout(CLUSTER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }
    return Future.succeededFuture(firstUseLocally(key, ttlMs, System.nanoTime()));
  }

  synchronized Use firstUseLocally(String key, long ttlMs, long nowNanos) {
    for (Iterator<Long> it = local.values().iterator(); it.hasNext(); ) {
      if (it.next() - nowNanos > 0) break; // insertion order is expiry order (one TTL per node)
      it.remove();
    }
    Long expiry = local.get(key);
    if (expiry != null && expiry - nowNanos > 0) return Use.REPLAY;
    if (local.size() >= LOCAL_CAPACITY) return Use.FULL;
    local.put(key, nowNanos + TimeUnit.MILLISECONDS.toNanos(ttlMs));
    return Use.FIRST;
  }
}
