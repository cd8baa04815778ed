package dev.synapse.bus;

import dev.synapse.agent.AgentNames;
import dev.synapse.signal.Addresses;
import dev.synapse.signal.FailureCodes;
import dev.synapse.signal.Signal;
import dev.synapse.signal.SignalTypes;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.Message;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound event-bus interceptor authenticating signal sources on the coordinator's work address
 * ({@link Addresses#COORDINATOR}): a message there must be a {@code review.request} signal whose
 * CloudEvents {@code source} is allowed (by default the ingress source {@code /synapse/reviews}
 * and the coordinator's own source, used when a review is handed over). Anything else is dropped
 * — {@code next()} is not called, so no coordinator sees it — and, when the sender expects a
 * reply, failed with {@link FailureCodes#UNAUTHENTICATED}. Other addresses pass untouched.
 * Reads {@code message().body()}, which is set for local and clustered deliveries alike.
 * Thread-safe.
 */
public final class SourceAuthInterceptor implements Handler<DeliveryContext<Object>> {
  /** Sources allowed to send review requests to the coordinator by default. */
  public static final Set<String> DEFAULT_ALLOWED =
      Set.of(Signal.INGRESS_SOURCE, Signal.agentSource(AgentNames.COORDINATOR));
  private static final Logger LOG = LoggerFactory.getLogger(SourceAuthInterceptor.class);

  private final Set<String> allowed;

  /** @param allowed CloudEvents sources allowed to request reviews */
  public SourceAuthInterceptor(Set<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  @Override
  public void handle(DeliveryContext<Object> ctx) {
    Message<Object> message = ctx.message();
    if (!Addresses.COORDINATOR.equals(message.address())) {
      ctx.next();
      return;
    }
    Object body = message.body();
    if (body instanceof Signal s && SignalTypes.REVIEW_REQUEST.equals(s.type()) && allowed.contains(s.source())) {
      ctx.next();
      return;
    }
    String source = body instanceof Signal s ? s.source() : "(not a signal)";
    LOG.warn("dropped message on {} from unauthenticated source={}", message.address(), source);
    if (message.replyAddress() != null) {
      message.fail(FailureCodes.UNAUTHENTICATED, "signal source is not allowed to request reviews");
    }
  }
}
