package dev.synapse.bus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded set of recently seen CloudEvent ids, used to drop a repeated delivery of the same
 * event (CloudEvents 1.0: "consumers MAY assume that events with identical source and id are
 * duplicates"). After a node crash a survivor may re-publish a summary with the same id.
 * Thread-safe; O(1) per call.
 */
public final class RecentIds {
  private final Map<String, Boolean> ids;

  /** @param capacity ids remembered, oldest forgotten first */
  public RecentIds(int capacity) {
    this.ids = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** @return true the first time an id (with its source) is seen, false for a repeat */
  public synchronized boolean firstSighting(String source, String id) {
    return ids.putIfAbsent(source + "\u0000" + id, Boolean.TRUE) == null;
  }
}
