package dev.synapse.bus;

import dev.synapse.signal.Signal;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound event-bus interceptor that logs each signal at DEBUG with its id, type, review id and
 * address as key-value pairs — never the payload (diffs and secrets stay out of logs). Always calls {@code next()}.
 */
public final class LoggingInterceptor implements Handler<DeliveryContext<Object>> {
  private static final Logger LOG = LoggerFactory.getLogger("dev.synapse.signals");

  @Override
  public void handle(DeliveryContext<Object> ctx) {
    if (LOG.isDebugEnabled() && ctx.message().body() instanceof Signal s) {
      LOG.atDebug().setMessage("signal")
          .addKeyValue("signal_id", s.id()).addKeyValue("signal_type", s.type())
          .addKeyValue("review_id", s.reviewId()).addKeyValue("address", ctx.message().address())
          .addKeyValue("send", ctx.message().isSend()).log();
    }
    ctx.next();
  }
}
