package dev.synapse.node;

import dev.synapse.agent.NodeContext;
import dev.synapse.ops.NodeLifecycle;
import dev.synapse.review.StoredReview;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drain before a node stops (SIGTERM): readiness fails first ({@code NOT_READY}), then the
 * node stops accepting ({@code DRAINING}: 503 {@code not_ready} on submissions, the coordinator
 * unregisters so other nodes stop handing it reviews), then it waits until no in-flight review
 * is owned by this node, polling every {@value #POLL_MS} ms, for at most the grace period. What
 * is still owned when the grace period ends is handed over by leaving the cluster: the
 * survivors claim reviews whose owner is gone (see {@code dev.synapse.cluster.FailoverVerticle}).
 * Non-blocking.
 */
public final class GracefulShutdown {
  /** Poll period of the in-flight check, in ms. */
  public static final long POLL_MS = 250;
  private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

  private GracefulShutdown() {}

  /**
   * @param vertx timers
   * @param node the node's components
   * @param graceMs longest wait for in-flight reviews, in ms
   * @return completes (never fails) when this node owns no in-flight review or the grace period
   *     ended; the lifecycle is then {@code DRAINING} and the caller closes Vert.x
   */
  public static Future<Void> drain(Vertx vertx, NodeContext node, long graceMs) {
    NodeLifecycle lifecycle = node.lifecycle();
    lifecycle.advance(NodeLifecycle.State.NOT_READY);
    lifecycle.advance(NodeLifecycle.State.DRAINING);
    long start = System.nanoTime();
    long deadline = start + graceMs * 1_000_000L;
    LOG.info("node_id={} draining: readiness down, submissions refused, grace_ms={}", node.nodeId(), graceMs);
    Promise<Void> done = Promise.promise();
    poll(vertx, node, deadline, start, done);
    return done.future();
  }

  private static void poll(Vertx vertx, NodeContext node, long deadline, long start, Promise<Void> done) {
    node.store().inFlight().onComplete(ar -> {
      long owned = ar.succeeded()
          ? ar.result().stream().map(StoredReview::owner).filter(node.nodeId()::equals).count() : -1;
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      if (owned == 0) {
        LOG.info("node_id={} drained in {} ms", node.nodeId(), elapsedMs);
        long settle = node.store().publishSettleMs();
        // let the last summaries' publishing markers expire here rather than be re-published
        if (settle > 0) vertx.setTimer(settle + 100, t -> done.complete());
        else done.complete();
      } else if (System.nanoTime() - deadline >= 0) {
        LOG.warn("node_id={} grace period over after {} ms; {} in-flight reviews handed over to the cluster",
            node.nodeId(), elapsedMs, owned < 0 ? "unknown" : owned);
        done.complete();
      } else {
        vertx.setTimer(POLL_MS, t -> poll(vertx, node, deadline, start, done));
      }
    });
  }
}
