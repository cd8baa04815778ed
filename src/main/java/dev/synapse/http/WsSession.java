package dev.synapse.http;

import dev.synapse.bus.SignalBus;
import dev.synapse.bus.TypePattern;
import dev.synapse.review.ReviewService;
import dev.synapse.review.ReviewStore;
import dev.synapse.signal.ReviewRequest;
import dev.synapse.signal.Signal;
import dev.synapse.signal.ValidationException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The protocol of one {@code /ws} connection (DESIGN.md section 3). Client frames are JSON text:
 * <ul>
 *   <li>{@code {"action":"review", …review.request fields}} submits a review; reply
 *       {@code {"action":"review","review_id","status","duplicate"}};</li>
 *   <li>{@code {"action":"subscribe","pattern":"review.**","review_id"?}} streams every matching
 *       signal (optionally only one review's) as a CloudEvent JSON frame as it is published —
 *       results before the summary; reply {@code {"action":"subscribed","pattern"}};</li>
 *   <li>{@code {"action":"unsubscribe","pattern"}} stops it; reply {@code {"action":"unsubscribed"}}.</li>
 * </ul>
 * A bad frame gets {@code {"error": code, "message"}} and the socket stays open; a review frame
 * over the source's rate limit gets {@code rate_limited}. At most
 * {@value #MAX_SUBSCRIPTIONS} subscriptions per socket. All methods run on the socket's context.
 */
public final class WsSession {
  /** Subscriptions one socket may hold. */
  public static final int MAX_SUBSCRIPTIONS = 16;

  private final Vertx vertx;
  private final ReviewService reviews;
  private final SignalBus bus;
  private final FrameSender out;
  private final LongSupplier reviewBudget;
  private final Map<String, MessageConsumer<Signal>> subscriptions = new LinkedHashMap<>();

  /**
   * @param vertx worker threads for large validations
   * @param reviews ingress service
   * @param bus signal subscriptions
   * @param out frames to the client
   * @param reviewBudget called once per review frame: 0 when the source may submit, else the
   *     nanoseconds to wait (the source's rate limit, shared with HTTP)
   */
  public WsSession(Vertx vertx, ReviewService reviews, SignalBus bus, FrameSender out, LongSupplier reviewBudget) {
    this.vertx = vertx;
    this.reviews = reviews;
    this.bus = bus;
    this.out = out;
    this.reviewBudget = reviewBudget;
  }

  /** Handles one text frame from the client. */
  public void onText(String text) {
    JsonObject frame;
    try {
      Object parsed = Json.decodeValue(text);
      if (!(parsed instanceof JsonObject j)) throw new DecodeException("not an object");
      frame = j;
    } catch (DecodeException e) {
      error("invalid_json", "frames must be JSON objects such as {\"action\":\"subscribe\",\"pattern\":\"review.**\"}", null);
      return;
    }
    Object action = frame.getValue("action");
    if (!(action instanceof String a)) {
      error("invalid_request", "action is required: review, subscribe or unsubscribe", null);
      return;
    }
    switch (a) {
      case "review" -> review(frame);
      case "subscribe" -> subscribe(frame);
      case "unsubscribe" -> unsubscribe(frame);
      default -> error("invalid_request", "unknown action '" + ReviewRoutes.truncate(a)
          + "'; expected review, subscribe or unsubscribe", null);
    }
  }

  /** Handles a binary frame: not supported, answered with an error frame. */
  public void onBinary() {
    error("unsupported_frame", "binary frames are not supported; send JSON text frames", null);
  }

  /** Releases every subscription (socket closed). */
  public void close() {
    subscriptions.values().forEach(MessageConsumer::unregister);
    subscriptions.clear();
  }

  /** @return active subscriptions */
  public int subscriptionCount() {
    return subscriptions.size();
  }

  private void review(JsonObject frame) {
    long waitNanos = reviewBudget.getAsLong();
    if (waitNanos > 0) {
      long seconds = (waitNanos + 999_999_999L) / 1_000_000_000L;
      out.send(new JsonObject().put("error", "rate_limited").put("message", "too many requests from this source; retry in "
          + seconds + " s").put("details", new JsonObject().put("retry_after_seconds", seconds)));
      return;
    }
    JsonObject body = frame.copy();
    body.remove("action");
    Future<ReviewRequest> validated;
    if (frame.getValue("diff") instanceof String d && d.length() > ReviewRoutes.INLINE_VALIDATION_BYTES) {
      validated = vertx.executeBlocking(() -> ReviewService.validate(body), false);
    } else {
      try {
        validated = Future.succeededFuture(ReviewService.validate(body));
      } catch (ValidationException e) {
        validated = Future.failedFuture(e);
      }
    }
    validated.compose(reviews::submit).onComplete(ar -> {
      if (ar.succeeded()) {
        ReviewStore.Submission sub = ar.result();
        out.send(new JsonObject().put("action", "review").put("review_id", sub.review().reviewId())
            .put("status", sub.review().state().wire()).put("duplicate", !sub.created()));
      } else if (ar.cause() instanceof ValidationException e) {
        error(e.code(), e.getMessage(), e.field());
      } else {
        error("internal_error", "the review could not be submitted; try again", null);
      }
    });
  }

  private void subscribe(JsonObject frame) {
    String patternText = frame.getValue("pattern") instanceof String s ? s : null;
    if (patternText == null) {
      error("invalid_request", "pattern is required, e.g. review.**", "pattern");
      return;
    }
    TypePattern pattern;
    try {
      pattern = TypePattern.of(patternText);
    } catch (IllegalArgumentException e) {
      error("invalid_request", e.getMessage(), "pattern");
      return;
    }
    String reviewId = frame.getValue("review_id") instanceof String s ? s : null;
    String key = reviewId == null ? patternText : patternText + "\u0000" + reviewId;
    if (!subscriptions.containsKey(key) && subscriptions.size() >= MAX_SUBSCRIPTIONS) {
      error("too_many_subscriptions", "at most " + MAX_SUBSCRIPTIONS + " subscriptions per connection", "pattern");
      return;
    }
    MessageConsumer<Signal> previous = subscriptions.remove(key);
    if (previous != null) previous.unregister();
    MessageConsumer<Signal> consumer = bus.subscribe(pattern, s -> {
      if (reviewId == null || reviewId.equals(s.reviewId())) out.send(s.toJson());
    });
    subscriptions.put(key, consumer);
    consumer.completion().onComplete(ar -> {
      JsonObject reply = new JsonObject().put("action", "subscribed").put("pattern", patternText);
      if (reviewId != null) reply.put("review_id", reviewId);
      out.send(reply);
    });
  }

  private void unsubscribe(JsonObject frame) {
    String patternText = frame.getValue("pattern") instanceof String s ? s : null;
    String reviewId = frame.getValue("review_id") instanceof String s ? s : null;
    String key = patternText == null ? null : reviewId == null ? patternText : patternText + "\u0000" + reviewId;
    MessageConsumer<Signal> consumer = key == null ? null : subscriptions.remove(key);
    if (consumer == null) {
      error("not_subscribed", "no subscription for pattern '" + ReviewRoutes.truncate(patternText) + "'", "pattern");
      return;
    }
    consumer.unregister();
    out.send(new JsonObject().put("action", "unsubscribed").put("pattern", patternText));
  }

  private void error(String code, String message, String field) {
    JsonObject e = new JsonObject().put("error", code).put("message", message);
    if (field != null) e.put("details", new JsonObject().put("field", field));
    out.send(e);
  }
}
