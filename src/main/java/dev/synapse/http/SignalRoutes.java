package dev.synapse.http;

import dev.synapse.bus.SignalBus;
import dev.synapse.bus.SignalHistory;
import dev.synapse.bus.TypePattern;
import io.vertx.core.buffer.Buffer;
import dev.synapse.signal.ValidationException;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * {@code GET /api/signals?type=PATTERN&since=RFC3339&limit=N&after=ID}: replays this node's signal
 * history (which records signals from every cluster node) as CloudEvents, oldest first:
 * {@code {signals: [...], count, next?}}. A page holds at most {@code limit} signals and at most
 * {@value #MAX_PAGE_BYTES} bytes of them (at least one signal); when more follow, {@code next} is
 * the link to the rest ({@code after} = the last signal's id). The page is written from the
 * stored encodings, without decoding them. 400 for a bad pattern, timestamp or limit.
 */
public final class SignalRoutes {
  /** Default number of signals returned. */
  public static final int DEFAULT_LIMIT = 100;
  /** Largest number of signals returned. */
  public static final int MAX_LIMIT = 1_000;
  /** Most bytes of signals in one page (a single larger signal is still returned alone). */
  public static final int MAX_PAGE_BYTES = 1024 * 1024;

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
    String type = rc.request().getParam("type");
    String after = rc.request().getParam("after");
    try {
      pattern = pattern(type == null || type.isEmpty() ? "**" : type);
      since = QueryParams.timestamp(rc, "since");
      limit = QueryParams.integer(rc, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    } catch (ValidationException e) {
      ApiError.invalid(rc, e);
      return;
    }
    SignalHistory.Page page = bus.history().page(pattern, since, after == null || after.isEmpty() ? null : after,
        limit, MAX_PAGE_BYTES);
    Buffer out = Buffer.buffer().appendString("{\"signals\":[");
    for (int i = 0; i < page.json().size(); i++) {
      if (i > 0) out.appendByte((byte) ',');
      out.appendBytes(page.json().get(i));
    }
    out.appendString("],\"count\":" + page.json().size());
    if (page.nextAfter() != null) {
      StringBuilder next = new StringBuilder("/api/signals?limit=").append(limit);
      if (type != null && !type.isEmpty()) next.append("&type=").append(ReviewRoutes.encode(type));
      String sinceText = rc.request().getParam("since");
      if (sinceText != null && !sinceText.isEmpty()) next.append("&since=").append(ReviewRoutes.encode(sinceText));
      next.append("&after=").append(ReviewRoutes.encode(page.nextAfter()));
      out.appendString(",\"next\":" + io.vertx.core.json.Json.encode(next.toString()));
    }
    out.appendString("}");
    rc.response().putHeader("Content-Type", "application/json").end(out);
  }

  static TypePattern pattern(String text) {
    try {
      return TypePattern.of(text);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("invalid_request", "type", e.getMessage());
    }
  }
}
