package dev.synapse.github;

import io.vertx.core.Future;

/**
 * Remembers webhook delivery ids ({@code X-GitHub-Delivery}) for a TTL so that a redelivery runs
 * nothing twice. Implementations: {@link LocalDeliveryLog} (one node, bounded) and
 * {@link ClusterDeliveryLog} (cluster-wide). Non-blocking; safe from an event loop.
 */
public interface DeliveryLog {
  /**
   * Records a delivery id atomically.
   *
   * @return true when the id was not seen within the TTL (the caller runs the delivery); false
   *     for a redelivery
   */
  Future<Boolean> firstSeen(String deliveryId);
}
