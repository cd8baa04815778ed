package dev.synapse.ops;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * How much of the heap live data takes, for readiness: the old generation's usage right after
 * its last collection ({@link MemoryPoolMXBean#getCollectionUsage()}), which, unlike the current
 * usage, does not count garbage waiting to be collected. Before the old generation was ever
 * collected (or on a collector without such a pool) the current heap usage stands in. Reads JMX
 * beans only: cheap, non-blocking, thread-safe.
 */
public final class HeapHeadroom {
  private HeapHeadroom() {}

  /** @return heap bytes in use after the last old-generation collection (see class comment) */
  public static long usedAfterGc() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() != MemoryType.HEAP || !isOld(pool.getName())) continue;
      MemoryUsage after = pool.getCollectionUsage();
      if (after != null && after.getUsed() > 0) return after.getUsed();
    }
    return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
  }

  /** @return the maximum heap, in bytes ({@code -Xmx}) */
  public static long max() {
    return Runtime.getRuntime().maxMemory();
  }

  private static boolean isOld(String pool) {
    return pool.contains("Old Gen") || pool.contains("Tenured") || pool.contains("Old Space");
  }
}
