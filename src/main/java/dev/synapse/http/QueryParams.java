package dev.synapse.http;

import dev.synapse.signal.ValidationException;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads and validates query parameters; every failure is a {@link ValidationException}
 * ({@code invalid_request}, naming the parameter) that {@link ApiError} turns into a 400.
 */
final class QueryParams {
  private QueryParams() {}

  /**
   * @return the integer parameter, or {@code def} when absent or empty
   * @throws ValidationException when not an integer within [min, max]
   */
  static int integer(RoutingContext rc, String name, int def, int min, int max) {
    String v = rc.request().getParam(name);
    if (v == null || v.isEmpty()) return def;
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= min && n <= max) return n;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new ValidationException("invalid_request", name,
        name + " must be an integer between " + min + " and " + max + "; got '" + ReviewRoutes.truncate(v) + "'");
  }

  /**
   * @return the RFC 3339 timestamp parameter (any offset, e.g. {@code 2026-01-01T10:00:00Z} or
   *     {@code …+02:00}), or null when absent
   * @throws ValidationException when malformed
   */
  static Instant timestamp(RoutingContext rc, String name) {
    String v = rc.request().getParam(name);
    if (v == null || v.isEmpty()) return null;
    try {
      return OffsetDateTime.parse(v.trim().replace(' ', '+')).toInstant();
    } catch (DateTimeParseException e) {
      throw new ValidationException("invalid_request", name,
          name + " must be an RFC 3339 timestamp such as 2026-01-01T10:00:00Z; got '" + ReviewRoutes.truncate(v) + "'");
    }
  }
}
