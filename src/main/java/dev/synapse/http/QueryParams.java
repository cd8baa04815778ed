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
   * A route handler that refuses query parameters the route does not read, so a misspelled
   * parameter ({@code lables=security}) is a {@code 400 invalid_request} naming it instead of
   * being silently ignored. Runs on the event loop; looks only at parameter names.
   *
   * @param known the parameter names the route reads
   * @return the handler; it calls {@code next()} when every parameter is known
   */
  static io.vertx.core.Handler<RoutingContext> only(String... known) {
    java.util.Set<String> allowed = java.util.Set.of(known);
    return rc -> {
      java.util.TreeSet<String> unknown = new java.util.TreeSet<>();
      for (String name : rc.queryParams().names()) if (!allowed.contains(name)) unknown.add(name);
      if (unknown.isEmpty()) {
        rc.next();
        return;
      }
      String first = unknown.first();
      ApiError.invalid(rc, new ValidationException("invalid_request", first,
          "unknown query parameter" + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown.stream().map(ReviewRoutes::truncate).toList())
              + (allowed.isEmpty() ? "; this route takes none"
                  : "; this route takes " + String.join(", ", new java.util.TreeSet<>(allowed)))));
    };
  }

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
