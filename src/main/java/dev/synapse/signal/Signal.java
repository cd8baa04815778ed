package dev.synapse.signal;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A CloudEvents 1.0 event in JSON structured mode (DESIGN.md section 1; CloudEvents spec
 * "JSON Event Format"). Immutable by convention: the {@code data} object must not be mutated
 * after the signal is published, since local event-bus delivery passes the same instance.
 *
 * @param id unique per signal (UUID)
 * @param type one of {@link SignalTypes}
 * @param source URI-reference: {@code /synapse/reviews} or {@code /synapse/agents/<agent>}
 * @param subject {@code review/<review_id>}, or null on a request
 * @param time creation time, serialised as RFC 3339 UTC
 * @param dataContentType always {@code application/json} for Synapse payloads
 * @param data the payload
 * @param extensions CloudEvents extension attributes (lower-case alphanumeric names)
 */
public record Signal(
    String id,
    String type,
    String source,
    String subject,
    Instant time,
    String dataContentType,
    JsonObject data,
    Map<String, String> extensions) {

  /** CloudEvents spec version written on every signal. */
  public static final String SPEC_VERSION = "1.0";
  /** Content type of every Synapse payload. */
  public static final String JSON = "application/json";
  /** Source of signals created by ingress (HTTP, WebSocket, CLI). */
  public static final String INGRESS_SOURCE = "/synapse/reviews";

  private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]{1,20}");
  private static final java.util.Set<String> CORE_ATTRIBUTES =
      java.util.Set.of("specversion", "id", "type", "source", "subject", "time",
          "datacontenttype", "data", "dataschema", "data_base64");

  public Signal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(time, "time");
    if (dataContentType == null) dataContentType = JSON;
    if (data == null) data = new JsonObject();
    extensions = extensions == null || extensions.isEmpty()
        ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
  }

  /**
   * Creates a new signal with a fresh UUID ({@link #newId()}) and the current time.
   *
   * @param type a {@link SignalTypes} value
   * @param source the emitting component's source URI-reference
   * @param reviewId the review the signal is about; sets {@code subject} to {@code review/<id>}
   *     unless null
   * @param data the payload
   */
  public static Signal create(String type, String source, String reviewId, JsonObject data) {
    return create(newId(), type, source, reviewId, data);
  }

  /**
   * As {@link #create(String, String, String, JsonObject)} with a given id (e.g. a name-based
   * UUID that makes a re-publication the same CloudEvent).
   *
   * @param id the CloudEvents id
   */
  public static Signal create(String id, String type, String source, String reviewId, JsonObject data) {
    return new Signal(id, type, source, reviewId == null ? null : subjectOf(reviewId), Instant.now(),
        JSON, data, Map.of());
  }

  /**
   * @return a random (version 4) UUID string for a signal id. CloudEvents ids only need to be
   *     unique per source; they are not secrets, so the bits come from
   *     {@link ThreadLocalRandom} instead of {@code UUID.randomUUID()}'s {@code SecureRandom},
   *     whose shared lock serialises every event loop publishing signals. Thread-safe.
   */
  public static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;                          // version 4
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;   // IETF variant
    return new UUID(msb, lsb).toString();
  }

  /** @return {@code review/<reviewId>} */
  public static String subjectOf(String reviewId) {
    return "review/" + reviewId;
  }

  /** @return source URI-reference of an agent: {@code /synapse/agents/<agent>} */
  public static String agentSource(String agent) {
    return "/synapse/agents/" + agent;
  }

  /** @return a copy with one more extension attribute */
  public Signal withExtension(String name, String value) {
    if (!EXTENSION_NAME.matcher(name).matches() || CORE_ATTRIBUTES.contains(name)) {
      throw new IllegalArgumentException("invalid CloudEvents extension name: " + name);
    }
    Map<String, String> ext = new LinkedHashMap<>(extensions);
    ext.put(name, value);
    return new Signal(id, type, source, subject, time, dataContentType, data, ext);
  }

  /** @return the review id in {@code data.review_id}, or null */
  public String reviewId() {
    return data.getString("review_id");
  }

  /** @return the CloudEvent in JSON structured mode */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("specversion", SPEC_VERSION)
        .put("id", id)
        .put("type", type)
        .put("source", source);
    if (subject != null) json.put("subject", subject);
    json.put("time", time.toString());
    json.put("datacontenttype", dataContentType);
    extensions.forEach(json::put);
    json.put("data", data);
    return json;
  }

  /**
   * Reads a CloudEvent in JSON structured mode.
   *
   * @throws IllegalArgumentException when a required attribute is missing or malformed, naming
   *     the attribute
   */
  public static Signal fromJson(JsonObject json) {
    if (json == null) throw new IllegalArgumentException("signal is null");
    String spec = json.getValue("specversion") instanceof String s ? s : null;
    if (!SPEC_VERSION.equals(spec)) {
      throw new IllegalArgumentException("specversion must be \"1.0\"");
    }
    String id = requireString(json, "id");
    String type = requireString(json, "type");
    String source = requireString(json, "source");
    Instant time;
    try {
      time = Instant.parse(requireString(json, "time"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("time must be an RFC 3339 UTC timestamp");
    }
    Object data = json.getValue("data");
    if (data != null && !(data instanceof JsonObject)) {
      throw new IllegalArgumentException("data must be a JSON object");
    }
    Map<String, String> ext = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : json) {
      if (!CORE_ATTRIBUTES.contains(e.getKey()) && e.getValue() instanceof String v
          && EXTENSION_NAME.matcher(e.getKey()).matches()) {
        ext.put(e.getKey(), v);
      }
    }
    return new Signal(id, type, source, json.getString("subject"), time,
        json.getString("datacontenttype", JSON), (JsonObject) data, ext);
  }

  private static String requireString(JsonObject json, String name) {
    Object v = json.getValue(name);
    if (!(v instanceof String s) || s.isEmpty()) {
      throw new IllegalArgumentException(name + " is required and must be a non-empty string");
    }
    return s;
  }
}
