package dev.synapse.github;

import io.vertx.core.Future;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The delivery log of a non-clustered node: ids in insertion order with the time they were
 * seen, expired after the TTL and capped at {@code maxEntries} (the oldest go first, so a flood
 * of deliveries can shorten the window but never grow memory). Thread-safe.
 */
public final class LocalDeliveryLog implements DeliveryLog {
  /** Default cap on remembered ids. */
  public static final int DEFAULT_MAX_ENTRIES = 50_000;

  private final long ttlMs;
  private final int maxEntries;
  private final LongSupplier clockMs;
  private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

  /**
   * @param ttlMs how long an id is remembered, ms
   * @param maxEntries most ids remembered
   * @param clockMs current time in ms (System::currentTimeMillis outside tests)
   */
  public LocalDeliveryLog(long ttlMs, int maxEntries, LongSupplier clockMs) {
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
    this.clockMs = clockMs;
  }

  @Override
  public synchronized Future<Boolean> firstSeen(String deliveryId) {
    long now = clockMs.getAsLong();
    for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
      if (now - it.next().getValue() >= ttlMs) it.remove();
      else break;
    }
    if (seen.containsKey(deliveryId)) return Future.succeededFuture(false);
    seen.put(deliveryId, now);
    if (seen.size() > maxEntries) {
      Iterator<String> oldest = seen.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return Future.succeededFuture(true);
  }

  /** @return ids currently remembered */
  public synchronized int size() {
    return seen.size();
  }
}
