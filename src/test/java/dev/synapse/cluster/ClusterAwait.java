package dev.synapse.cluster;

import dev.synapse.node.SynapseNode;
import dev.synapse.review.StoredReview;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Polling helpers for cluster tests (bounded waits; the caller asserts the outcome). */
final class ClusterAwait {
  static final long LIMIT_MS = 30_000;

  private ClusterAwait() {}

  /** @return true once the condition held, false when {@link #LIMIT_MS} passed first */
  static boolean until(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LIMIT_MS);
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) return true;
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }

  /** Waits until the node sees {@code n} members. */
  static void members(SynapseNode node, int n) throws InterruptedException {
    if (!until(() -> node.context().cluster().memberCount() == n)) {
      throw new AssertionError("cluster did not reach " + n + " members");
    }
  }

  /** Waits until the partitions are safe (backups in place). */
  static void safe(SynapseNode node) throws InterruptedException {
    if (!until(() -> ((ClusterHealth) node.context().cluster()).clusterSafeBlocking())) {
      throw new AssertionError("cluster not safe");
    }
  }

  /** @return the review once it has a summary, read through {@code node}'s store */
  static StoredReview done(SynapseNode node, String id) throws Exception {
    StoredReview[] last = new StoredReview[1];
    boolean ok = until(() -> {
      try {
        last[0] = node.context().store().get(id).await(5, TimeUnit.SECONDS);
        return last[0] != null && last[0].state().done();
      } catch (Exception e) {
        return false;
      }
    });
    if (!ok) throw new AssertionError("review " + id + " not done: " + (last[0] == null ? "unknown" : last[0].state()));
    return last[0];
  }

  /** Lets late signals arrive before counting them. */
  static void settle() throws InterruptedException {
    Thread.sleep(500);
  }
}
