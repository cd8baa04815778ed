package dev.synapse.github;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

/**
 * The delivery log of a clustered node: a cluster-wide Vert.x {@link AsyncMap} (a Hazelcast map
 * under vertx-hazelcast) written with {@code putIfAbsent} and a TTL, so the first node to see a
 * delivery id wins on every replica and the entry expires by itself (the TTL bounds the map).
 */
public final class ClusterDeliveryLog implements DeliveryLog {
  /** Name of the shared map. */
  public static final String MAP = "synapse.github.deliveries";

  private final Vertx vertx;
  private final long ttlMs;
  private volatile Future<AsyncMap<String, Long>> map;

  /**
   * @param vertx a clustered Vert.x instance
   * @param ttlMs how long an id is remembered, ms
   */
  public ClusterDeliveryLog(Vertx vertx, long ttlMs) {
    this.vertx = vertx;
    this.ttlMs = ttlMs;
  }

  @Override
  public Future<Boolean> firstSeen(String deliveryId) {
    Future<AsyncMap<String, Long>> m = map;
    if (m == null || m.failed()) {
      m = vertx.sharedData().<String, Long>getClusterWideMap(MAP);
      map = m;
    }
    return m.compose(am -> am.putIfAbsent(deliveryId, System.currentTimeMillis(), ttlMs)).map(prev -> prev == null);
  }
}
