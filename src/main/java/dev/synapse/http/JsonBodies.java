package dev.synapse.http;

import dev.synapse.signal.ValidationException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads a request body that must be one JSON object. */
final class JsonBodies {
  private JsonBodies() {}

  /**
   * @return the body as a JSON object
   * @throws ValidationException {@code invalid_json} when empty, malformed or not an object
   */
  static JsonObject object(RoutingContext rc) {
    String text = rc.body() == null ? null : rc.body().asString();
    if (text == null || text.isBlank()) {
      throw new ValidationException("invalid_json", null, "request body is empty; expected a JSON object");
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new ValidationException("invalid_json", null, "request body is not valid JSON");
    }
    if (!(parsed instanceof JsonObject json)) {
      throw new ValidationException("invalid_json", null, "request body must be a JSON object");
    }
    return json;
  }

  /**
   * @return the optional string field, or null when absent
   * @throws ValidationException when present but not a string, or longer than {@code maxLength}
   */
  static String optionalString(JsonObject json, String field, int maxLength) {
    Object v = json.getValue(field);
    if (v == null) return null;
    if (!(v instanceof String s)) {
      throw new ValidationException("invalid_request", field, field + " must be a string");
    }
    if (s.length() > maxLength) {
      throw new ValidationException("invalid_request", field, field + " must be at most " + maxLength + " characters");
    }
    return s;
  }

  /** @throws ValidationException when absent or empty (see {@link #optionalString}) */
  static String requiredString(JsonObject json, String field, int maxLength) {
    String s = optionalString(json, field, maxLength);
    if (s == null || s.isEmpty()) {
      throw new ValidationException("invalid_request", field, field + " is required");
    }
    return s;
  }
}
