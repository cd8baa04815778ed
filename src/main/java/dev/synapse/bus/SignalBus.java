package dev.synapse.bus;

import dev.synapse.ops.SynapseMetrics;
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
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Facade over the Vert.x event bus for signals: publish to every observer (on every cluster
 * node), subscribe by {@link TypePattern}, and replay a bounded {@link SignalHistory}.
 *
 * <p>Every signal is published on {@link Addresses#SIGNALS_ALL} for subscribers (WebSocket
 * sessions, other nodes). The node's own bookkeeping — the history and the node listeners added
 * with {@link #listen} (e.g. the summary waiters) — does not go through an event-bus consumer for
 * signals published on this node: {@link #publish} records them directly on the publishing
 * thread, which saves a hand-off to another event loop per signal and listener. Signals from
 * other cluster nodes reach the same bookkeeping through one node consumer (clustered nodes only);
 * that consumer skips this node's own publications (marked with the {@value #ORIGIN_HEADER}
 * header), and a repeated delivery of the same CloudEvent is recorded once either way.
 * On a node that is not clustered, the event-bus publication itself is skipped while no
 * {@link #subscribe subscription} is registered (nobody would receive it). Every publication is
 * counted in {@code synapse_signals_published_total{type}} here (when metrics are given) and
 * logged at DEBUG, by {@code LoggingInterceptor} when it goes through the event bus, else here.
 * Point-to-point work (coordinator, specialists) goes through {@link #request}. Methods may be
 * called from any thread; subscription handlers run on the subscriber's context.
 */
public final class SignalBus {
  /** Ids remembered per consumer to drop a repeated delivery of the same CloudEvent. */
  public static final int DEDUP_WINDOW = 4096;
  /** Delivery header naming the {@link SignalBus} instance that published a signal (clustered). */
  public static final String ORIGIN_HEADER = "synapse-origin";

  private static final Logger SIGNAL_LOG = LoggerFactory.getLogger("dev.synapse.signals");

  private final Vertx vertx;
  private final SynapseMetrics metrics;
  private final SignalHistory history;
  private final List<MessageConsumer<Signal>> subscribers = new CopyOnWriteArrayList<>();
  private final RecentIds seen = new RecentIds(DEDUP_WINDOW);
  private final List<Handler<Signal>> listeners = new CopyOnWriteArrayList<>();
  private final String origin = UUID.randomUUID().toString();
  private final DeliveryOptions publishOptions = new DeliveryOptions().addHeader(ORIGIN_HEADER, origin);
  private MessageConsumer<Signal> remoteConsumer;

  /**
   * @param vertx the Vert.x instance whose event bus carries the signals (the {@code Signal}
   *     codec must be registered)
   * @param historyCapacity signals kept for replay
   */
  public SignalBus(Vertx vertx, int historyCapacity) {
    this(vertx, historyCapacity, null);
  }

  /**
   * @param metrics where publications are counted ({@code synapse_signals_published_total}), or
   *     null for none
   * @see #SignalBus(Vertx, int)
   */
  public SignalBus(Vertx vertx, int historyCapacity, SynapseMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.history = new SignalHistory(historyCapacity);
  }

  /**
   * Starts recording signals from other cluster nodes (this node's own are recorded by
   * {@link #publish} from construction on).
   *
   * @return completes when the node consumer is registered cluster-wide (at once when not
   *     clustered)
   */
  public Future<Void> start() {
    if (!vertx.isClustered()) return Future.succeededFuture();
    remoteConsumer = vertx.eventBus().consumer(Addresses.SIGNALS_ALL, m -> {
      if (!origin.equals(m.headers().get(ORIGIN_HEADER))) record(m.body());
    });
    return remoteConsumer.completion();
  }

  /** Stops recording signals from other nodes. */
  public Future<Void> stop() {
    return remoteConsumer == null ? Future.succeededFuture() : remoteConsumer.unregister();
  }

  /**
   * Adds a node listener: called once per distinct signal (by source and id) published on this
   * node — on the publishing thread, before {@link #publish} returns — or received from another
   * cluster node — on the node consumer's context. It must be thread-safe, quick and must not
   * block; a listener that needs its own context hands the work over itself.
   *
   * @param listener the listener; exceptions it throws are not propagated to the publisher
   */
  public void listen(Handler<Signal> listener) {
    listeners.add(listener);
  }

  /**
   * Publishes a signal to every observer on every node: records it in this node's history and
   * node listeners at once, then publishes it on the event bus for subscribers. Never blocks.
   */
  public void publish(Signal signal) {
    if (metrics != null) metrics.signalPublished(signal.type());
    record(signal);
    if (vertx.isClustered()) {
      vertx.eventBus().publish(Addresses.SIGNALS_ALL, signal, publishOptions);
    } else if (hasSubscribers()) {
      vertx.eventBus().publish(Addresses.SIGNALS_ALL, signal);
    } else if (SIGNAL_LOG.isDebugEnabled()) {
      SIGNAL_LOG.atDebug().setMessage("signal")
          .addKeyValue("signal_id", signal.id()).addKeyValue("signal_type", signal.type())
          .addKeyValue("review_id", signal.reviewId()).addKeyValue("address", Addresses.SIGNALS_ALL)
          .addKeyValue("send", false).log();
    }
  }

  /** @return true while a subscription made here is registered; forgets unregistered ones */
  private boolean hasSubscribers() {
    if (subscribers.isEmpty()) return false;
    for (MessageConsumer<Signal> c : subscribers) {
      if (c.isRegistered()) return true;
    }
    subscribers.removeIf(c -> !c.isRegistered());
    return false;
  }

  private void record(Signal s) {
    if (!seen.firstSighting(s.source(), s.id())) return;
    history.add(s);
    for (Handler<Signal> l : listeners) {
      try {
        l.handle(s);
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(SignalBus.class).warn("signal listener failed: {}", e.toString());
      }
    }
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
    MessageConsumer<Signal> consumer = vertx.eventBus().<Signal>consumer(Addresses.SIGNALS_ALL, m -> {
      Signal s = m.body();
      if (pattern.matches(s.type()) && seen.firstSighting(s.source(), s.id())) handler.handle(s);
    });
    subscribers.removeIf(c -> !c.isRegistered());
    subscribers.add(consumer);
    return consumer;
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
