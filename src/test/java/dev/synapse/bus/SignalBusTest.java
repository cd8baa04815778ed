package dev.synapse.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.synapse.ops.SynapseMetrics;
import dev.synapse.signal.Signal;
import dev.synapse.signal.SignalCodec;
import dev.synapse.signal.SignalTypes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SignalBusTest {
  private SignalBus bus;
  private SynapseMetrics metrics;

  @BeforeEach
  void setUp(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().registerDefaultCodec(Signal.class, new SignalCodec());
    metrics = SynapseMetrics.inMemory();
    vertx.eventBus().addOutboundInterceptor(new LoggingInterceptor());
    bus = new SignalBus(vertx, 3, metrics);
    bus.start().onComplete(ctx.succeedingThenComplete());
  }

  private static Signal signal(String type, String id) {
    return Signal.create(type, "/synapse/reviews", id, new JsonObject().put("review_id", id));
  }

  @Test
  @Timeout(value = 5, timeUnit = TimeUnit.SECONDS)
  @DisplayName("subscribers receive only the types their pattern matches; the history keeps the newest N")
  void subscribeAndReplay(Vertx vertx, VertxTestContext ctx) {
    List<String> results = new CopyOnWriteArrayList<>();
    List<String> everything = new CopyOnWriteArrayList<>();
    bus.subscribe(TypePattern.of("review.result"), s -> results.add(s.reviewId()));
    bus.subscribe(TypePattern.of("review.**"), s -> everything.add(s.type()));
    vertx.setTimer(100, t -> {
      bus.publish(signal(SignalTypes.REVIEW_REQUEST, "a"));
      bus.publish(signal(SignalTypes.REVIEW_RESULT, "a"));
      bus.publish(signal(SignalTypes.REVIEW_RESULT, "b"));
      bus.publish(signal(SignalTypes.REVIEW_SUMMARY, "a"));
      vertx.setTimer(300, t2 -> ctx.verify(() -> {
        assertEquals(List.of("a", "b"), results);
        assertEquals(4, everything.size());
        assertEquals(3, bus.history().size(), "history bounded to 3");
        assertEquals(List.of("review.result", "review.result", "review.summary"),
            bus.replay(TypePattern.of("review.*"), null, 10).stream().map(Signal::type).toList());
        assertEquals(2.0, metrics.registry().get("synapse.signals.published").tag("type", "review.result").counter().count());
        ctx.completeNow();
      }));
    });
  }

  @Test
  @Timeout(value = 5, timeUnit = TimeUnit.SECONDS)
  @DisplayName("an interceptor that does not call next() stops delivery; ours always call next()")
  void interceptorChain(Vertx vertx, VertxTestContext ctx) {
    List<String> seen = new CopyOnWriteArrayList<>();
    vertx.eventBus().addOutboundInterceptor(dc -> {
      if (!"blocked".equals(dc.message().address())) dc.next();
    });
    vertx.eventBus().consumer("blocked", m -> seen.add("blocked"));
    vertx.eventBus().consumer("open", m -> seen.add("open"));
    vertx.setTimer(50, t -> {
      vertx.eventBus().send("blocked", "x");
      vertx.eventBus().send("open", "x");
      vertx.setTimer(200, t2 -> ctx.verify(() -> {
        assertEquals(List.of("open"), seen);
        ctx.completeNow();
      }));
    });
  }

  @Test
  @Timeout(value = 5, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a repeated delivery of the same CloudEvent (same source and id) reaches subscribers and history once")
  void duplicateIdsDropped(Vertx vertx, VertxTestContext ctx) {
    List<String> got = new CopyOnWriteArrayList<>();
    bus.subscribe(TypePattern.of("review.summary"), s -> got.add(s.id()));
    Signal summary = signal(SignalTypes.REVIEW_SUMMARY, "a");
    Signal other = signal(SignalTypes.REVIEW_SUMMARY, "b");
    vertx.setTimer(100, t -> {
      bus.publish(summary);
      bus.publish(summary);
      bus.publish(other);
      vertx.setTimer(300, t2 -> ctx.verify(() -> {
        assertEquals(List.of(summary.id(), other.id()), got);
        assertEquals(2, bus.replay(TypePattern.of("review.summary"), null, 10).size());
        ctx.completeNow();
      }));
    });
  }
}
