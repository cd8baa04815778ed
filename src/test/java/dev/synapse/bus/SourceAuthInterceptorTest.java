package dev.synapse.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.signal.Addresses;
import dev.synapse.signal.FailureCodes;
import dev.synapse.signal.Signal;
import dev.synapse.signal.SignalCodec;
import dev.synapse.signal.SignalTypes;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("SourceAuthInterceptor")
@ExtendWith(VertxExtension.class)
class SourceAuthInterceptorTest {
  private final SourceAuthInterceptor interceptor = new SourceAuthInterceptor(Set.of(Signal.INGRESS_SOURCE));

  private static Signal request(String source) {
    return Signal.create(SignalTypes.REVIEW_REQUEST, source, null, new JsonObject().put("review_id", "r1"));
  }

  /** A delivery context over a message, recording whether next() and fail() were called. */
  static final class FakeContext implements DeliveryContext<Object> {
    final AtomicBoolean next = new AtomicBoolean();
    final AtomicBoolean failed = new AtomicBoolean();
    final Message<Object> message;

    @SuppressWarnings("unchecked")
    FakeContext(String address, Object body, String replyAddress) {
      message = (Message<Object>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Message.class},
          (proxy, method, args) -> switch (method.getName()) {
            case "address" -> address;
            case "body" -> body;
            case "replyAddress" -> replyAddress;
            case "fail" -> {
              failed.set(true);
              yield null;
            }
            default -> null;
          });
    }

    @Override
    public Message<Object> message() {
      return message;
    }

    @Override
    public void next() {
      next.set(true);
    }

    @Override
    public boolean send() {
      return true;
    }

    @Override
    public Object body() {
      return message.body();
    }
  }

  @Test
  @DisplayName("a review request from an allowed source passes to the coordinator")
  void allowedPasses() {
    FakeContext ctx = new FakeContext(Addresses.COORDINATOR, request(Signal.INGRESS_SOURCE), "reply");
    interceptor.handle(ctx);
    assertTrue(ctx.next.get());
  }

  @Test
  @DisplayName("a review request from an unknown source does not call next() and fails the request")
  void unknownSourceDropped() {
    FakeContext ctx = new FakeContext(Addresses.COORDINATOR, request("/evil/agent"), "reply");
    interceptor.handle(ctx);
    assertFalse(ctx.next.get());
    assertTrue(ctx.failed.get());
  }

  @Test
  @DisplayName("a non-signal body on the coordinator address does not call next()")
  void nonSignalDropped() {
    FakeContext ctx = new FakeContext(Addresses.COORDINATOR, "hello", null);
    interceptor.handle(ctx);
    assertFalse(ctx.next.get());
    assertFalse(ctx.failed.get());
  }

  @Test
  @DisplayName("messages on other addresses pass whatever their source")
  void otherAddressesPass() {
    FakeContext ctx = new FakeContext(Addresses.SIGNALS_ALL, request("/evil/agent"), null);
    interceptor.handle(ctx);
    assertTrue(ctx.next.get());
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("on a real event bus the coordinator never sees a spoofed request and the sender gets 401")
  void realBus(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().registerDefaultCodec(Signal.class, new SignalCodec());
    vertx.eventBus().addInboundInterceptor(interceptor);
    AtomicBoolean delivered = new AtomicBoolean();
    Checkpoint refused = test.checkpoint();
    vertx.eventBus().<Signal>consumer(Addresses.COORDINATOR, m -> {
      delivered.set(true);
      m.reply(null);
    }).completion().onComplete(test.succeeding(v ->
        vertx.eventBus().request(Addresses.COORDINATOR, request("/evil/agent")).onComplete(test.failing(err ->
            test.verify(() -> {
              assertEquals(FailureCodes.UNAUTHENTICATED, ((ReplyException) err).failureCode());
              assertFalse(delivered.get());
              refused.flag();
            })))));
  }
}
