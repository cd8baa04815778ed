package dev.synapse.bus;

import dev.synapse.signal.Addresses;
import dev.synapse.signal.Signal;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;
import java.util.List;

/**
 * Facade over the Vert.x event bus for signals: publish to every observer (on every cluster
 * node), subscribe by {@link TypePattern}, and replay a bounded {@link SignalHistory}.
 *
 * <p>Every signal is published on {@link Addresses#SIGNALS_ALL}; each node keeps its own history
 * from that broadcast, so replay covers signals from the whole cluster. Point-to-point work
 * (coordinator, specialists) goes through {@link #request}. Methods may be called from any
 * thread; handlers run on the subscriber's context.
 */
public final class SignalBus {
  /** Ids remembered per consumer to drop a repeated delivery of the same CloudEvent. */
  public static final int DEDUP_WINDOW = 4096;

  private final Vertx vertx;
  private final SignalHistory history;
  private MessageConsumer<Signal> historyConsumer;

  /**
   * @param vertx the Vert.x instance whose event bus carries the signals (the {@code Signal}
   *     codec must be registered)
   * @param historyCapacity signals kept for replay
   */
  public SignalBus(Vertx vertx, int historyCapacity) {
    this.vertx = vertx;
    this.history = new SignalHistory(historyCapacity);
  }

  /**
   * Starts recording history.
   *
   * @return completes when the history consumer is registered (cluster-wide when clustered)
   */
  public Future<Void> start() {
    RecentIds seen = new RecentIds(DEDUP_WINDOW);
    historyConsumer = vertx.eventBus().consumer(Addresses.SIGNALS_ALL, m -> {
      Signal s = m.body();
      if (seen.firstSighting(s.source(), s.id())) history.add(s);
    });
    return historyConsumer.completion();
  }

  /** Stops recording history. */
  public Future<Void> stop() {
    return historyConsumer == null ? Future.succeededFuture() : historyConsumer.unregister();
  }

  /** Publishes a signal to every observer on every node. Never blocks. */
  public void publish(Signal signal) {
    vertx.eventBus().publish(Addresses.SIGNALS_ALL, signal);
  }

  /**
   * Sends a signal point-to-point and waits for the reply.
   *
   * @param address a work address ({@link Addresses})
   * @param signal the signal
   * @param timeoutMs reply timeout in ms
   * @return the reply body; fails with a {@code ReplyException} (TIMEOUT, NO_HANDLERS,
   *     RECIPIENT_FAILURE with a {@code FailureCodes} code)
   */
  public Future<Signal> request(String address, Signal signal, long timeoutMs) {
    return vertx.eventBus()
        .<Signal>request(address, signal, new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(Message::body);
  }

  /**
   * Subscribes to signals whose type matches the pattern, from every node.
   *
   * @param pattern e.g. {@code review.**}
   * @param handler called on the caller's context once per matching signal: a repeated delivery
   *     of the same CloudEvent (same source and id, e.g. a summary re-published by a survivor
   *     after a crash) is dropped
   * @return the consumer; unregister it to stop
   */
  public MessageConsumer<Signal> subscribe(TypePattern pattern, Handler<Signal> handler) {
    RecentIds seen = new RecentIds(DEDUP_WINDOW);
    return vertx.eventBus().<Signal>consumer(Addresses.SIGNALS_ALL, m -> {
      Signal s = m.body();
      if (pattern.matches(s.type()) && seen.firstSighting(s.source(), s.id())) handler.handle(s);
    });
  }

  /**
   * @see SignalHistory#replay(TypePattern, Instant, int)
   */
  public List<Signal> replay(TypePattern pattern, Instant since, int limit) {
    return history.replay(pattern, since, limit);
  }

  /** @return the local history (for health and metrics) */
  public SignalHistory history() {
    return history;
  }
}
