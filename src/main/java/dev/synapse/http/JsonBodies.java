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
    return object(rc.body() == null ? null : rc.body().buffer());
  }

  /**
   * @param bytes the body's bytes, or null
   * @return the body as a JSON object
   * @throws ValidationException {@code invalid_json} when empty, malformed or not an object
   */
  static JsonObject object(io.vertx.core.buffer.Buffer bytes) {
    if (isBlank(bytes)) {
      throw new ValidationException("invalid_json", null, "request body is empty; expected a JSON object");
    }
    Object parsed;
    try {
      // decoded from the UTF-8 bytes: no intermediate String of the whole body
      parsed = Json.decodeValue(bytes);
    } catch (DecodeException e) {
      throw new ValidationException("invalid_json", null, "request body is not valid JSON");
    }
    if (!(parsed instanceof JsonObject json)) {
      throw new ValidationException("invalid_json", null, "request body must be a JSON object");
    }
    return json;
  }

  /** @return true for a missing body or one of JSON whitespace only */
  private static boolean isBlank(io.vertx.core.buffer.Buffer bytes) {
    if (bytes == null) return true;
    for (int i = 0, n = bytes.length(); i < n; i++) {
      byte b = bytes.getByte(i);
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') return false;
    }
    return true;
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
