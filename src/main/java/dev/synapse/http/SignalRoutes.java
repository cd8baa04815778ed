package dev.synapse.http;

import dev.synapse.bus.SignalBus;
import dev.synapse.bus.TypePattern;
import dev.synapse.signal.Signal;
import dev.synapse.signal.ValidationException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/signals?type=PATTERN&since=RFC3339&limit=N}: replays this node's signal history
 * (which records signals from every cluster node) as CloudEvents, oldest first:
 * {@code {signals: [...], count}}. 400 for a bad pattern, timestamp or limit.
 */
public final class SignalRoutes {
  /** Default number of signals returned. */
  public static final int DEFAULT_LIMIT = 100;
  /** Largest number of signals returned. */
  public static final int MAX_LIMIT = 1_000;

  private final SignalBus bus;

  /** @param bus the node's signal bus */
  public SignalRoutes(SignalBus bus) {
    this.bus = bus;
  }

  /** Handles the request. */
  public void replay(RoutingContext rc) {
    TypePattern pattern;
    Instant since;
    int limit;
    try {
      String type = rc.request().getParam("type");
      pattern = pattern(type == null || type.isEmpty() ? "**" : type);
      since = QueryParams.timestamp(rc, "since");
      limit = QueryParams.integer(rc, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    } catch (ValidationException e) {
      ApiError.invalid(rc, e);
      return;
    }
    List<Signal> signals = bus.replay(pattern, since, limit);
    JsonArray out = new JsonArray();
    for (Signal s : signals) out.add(s.toJson());
    rc.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("signals", out).put("count", out.size()).encode());
  }

  static TypePattern pattern(String text) {
    try {
      return TypePattern.of(text);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("invalid_request", "type", e.getMessage());
    }
  }
}
