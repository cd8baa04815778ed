package dev.synapse.agent.coordinator;

import dev.synapse.agent.AgentNames;
import dev.synapse.agent.NodeContext;
import dev.synapse.signal.Addresses;
import dev.synapse.signal.FailureCodes;
import dev.synapse.signal.Signal;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * The coordinator: receives {@code review.request} signals point-to-point on
 * {@link Addresses#COORDINATOR}, acknowledges them at once, loads the stored review and hands it
 * to a {@link ReviewOrchestrator}. Thin on purpose: it wires and delegates.
 */
public final class CoordinatorVerticle extends VerticleBase {
  private final NodeContext node;
  private ReviewOrchestrator orchestrator;

  /** @param node shared node components */
  public CoordinatorVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    orchestrator = new ReviewOrchestrator(vertx, node);
    node.agents().register(AgentNames.COORDINATOR, 1);
    MessageConsumer<Signal> consumer = vertx.eventBus().consumer(Addresses.COORDINATOR, this::onRequest);
    // a draining node takes no new hand-offs; requests already delivered are still handled
    node.lifecycle().onDrain(() -> context.runOnContext(v -> consumer.unregister()));
    return consumer.completion().onSuccess(v -> node.agents().instanceDelta(AgentNames.COORDINATOR, 1));
  }

  @Override
  public Future<?> stop() {
    node.agents().instanceDelta(AgentNames.COORDINATOR, -1);
    return Future.succeededFuture();
  }

  private void onRequest(Message<Signal> message) {
    String reviewId = message.body().reviewId();
    node.store().get(reviewId).onComplete(ar -> {
      if (ar.failed()) {
        message.fail(FailureCodes.NOT_READY, "review store unavailable");
      } else if (ar.result() == null) {
        message.fail(FailureCodes.NOT_FOUND, "unknown review " + reviewId);
      } else {
        message.reply(null);
        if (!ar.result().state().done()) orchestrator.run(ar.result(), message.body());
      }
    });
  }
}
