package dev.synapse.bus;

import dev.synapse.ops.SynapseMetrics;
import dev.synapse.signal.Addresses;
import dev.synapse.signal.Signal;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;

/**
 * Outbound event-bus interceptor counting every signal published to observers
 * ({@code synapse_signals_published_total{type}}). Always calls {@code next()}.
 */
public final class MetricsInterceptor implements Handler<DeliveryContext<Object>> {
  private final SynapseMetrics metrics;

  /** @param metrics where to count */
  public MetricsInterceptor(SynapseMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(DeliveryContext<Object> ctx) {
    if (Addresses.SIGNALS_ALL.equals(ctx.message().address())
        && ctx.message().body() instanceof Signal s) {
      metrics.signalPublished(s.type());
    }
    ctx.next();
  }
}
