package dev.synapse.github;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations Synapse uses, from GitHub's published OpenAPI description
 * ({@code src/test/resources/github/api.github.com.trimmed.json}, copied from @octokit/openapi by
 * {@code trim-openapi.py}): finds the operation of a request, and checks parameters and JSON
 * bodies against its schemas with networknt's OpenAPI 3.0 dialect ({@code nullable} and all).
 */
final class OpenApiContract {
  private final JsonObject spec;
  private final JsonObject components;
  private final List<Route> routes = new ArrayList<>();
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());

  /** One operation: its template as a pattern. */
  record Route(String template, String method, Pattern pattern, List<String> names, JsonObject operation) {}

  /** A matched request. */
  record Match(Route route, Map<String, String> pathParams) {
    String operationId() {
      return route.operation().getString("operationId");
    }
  }

  OpenApiContract() {
    try (InputStream in = OpenApiContract.class.getResourceAsStream("/github/api.github.com.trimmed.json")) {
      spec = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    components = spec.getJsonObject("components");
    JsonObject paths = spec.getJsonObject("paths");
    for (String template : paths.fieldNames()) {
      List<String> names = new ArrayList<>();
      Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
      StringBuilder regex = new StringBuilder();
      int last = 0;
      while (m.find()) {
        regex.append(Pattern.quote(template.substring(last, m.start())));
        names.add(m.group(1));
        regex.append(m.group(1).equals("path") ? "(.+)" : "([^/]+)");
        last = m.end();
      }
      regex.append(Pattern.quote(template.substring(last)));
      JsonObject ops = paths.getJsonObject(template);
      for (String method : ops.fieldNames()) {
        routes.add(new Route(template, method.toUpperCase(), Pattern.compile(regex.toString()), names, ops.getJsonObject(method)));
      }
    }
  }

  /** @return the operation for the method and path (no query), or null */
  Match match(String method, String path) {
    for (Route r : routes) {
      if (!r.method().equals(method)) continue;
      Matcher m = r.pattern().matcher(path);
      if (m.matches()) {
        Map<String, String> params = new java.util.HashMap<>();
        for (int i = 0; i < r.names().size(); i++) params.put(r.names().get(i), m.group(i + 1));
        return new Match(r, params);
      }
    }
    return null;
  }

  /** @return the operation's parameters with $refs resolved */
  List<JsonObject> parameters(JsonObject operation) {
    List<JsonObject> out = new ArrayList<>();
    for (Object o : operation.getJsonArray("parameters", new JsonArray())) out.add(resolve((JsonObject) o));
    return out;
  }

  /** @return problems with path and query parameters (undeclared, missing required, wrong type) */
  List<String> checkParameters(Match match, Map<String, List<String>> query) {
    List<String> problems = new ArrayList<>();
    List<JsonObject> params = parameters(match.route().operation());
    for (JsonObject p : params) {
      String name = p.getString("name");
      String in = p.getString("in");
      String value = in.equals("path") ? match.pathParams().get(name)
          : in.equals("query") && query.containsKey(name) ? query.get(name).get(0) : null;
      if (value == null) {
        if (p.getBoolean("required", false)) problems.add(in + " parameter '" + name + "' is required");
        continue;
      }
      JsonObject schema = p.getJsonObject("schema", new JsonObject());
      Object typed = value;
      if ("integer".equals(schema.getString("type"))) {
        try {
          typed = Long.parseLong(value);
        } catch (NumberFormatException e) {
          problems.add(in + " parameter '" + name + "' must be an integer; got '" + value + "'");
          continue;
        }
      }
      problems.addAll(validate("param:" + match.route().template() + ":" + name, schema,
          io.vertx.core.json.Json.encode(typed), in + " parameter " + name));
    }
    for (String q : query.keySet()) {
      boolean declared = params.stream().anyMatch(p -> "query".equals(p.getString("in")) && q.equals(p.getString("name")));
      if (!declared) problems.add("query parameter '" + q + "' is not declared for " + match.operationId());
    }
    return problems;
  }

  /** @return the request body's JSON schema, or null when the operation takes none; {@code required} in [1] */
  Object[] requestBody(JsonObject operation) {
    JsonObject rb = operation.getJsonObject("requestBody");
    if (rb == null) return null;
    rb = resolve(rb);
    JsonObject schema = rb.getJsonObject("content").getJsonObject("application/json").getJsonObject("schema");
    return new Object[] {schema, rb.getBoolean("required", false)};
  }

  /** @return the response content types declared for a status (empty when the status is not declared) */
  JsonObject responseContent(JsonObject operation, int status) {
    JsonObject r = operation.getJsonObject("responses").getJsonObject(Integer.toString(status));
    if (r == null) return null;
    r = resolve(r);
    return r.getJsonObject("content", new JsonObject());
  }

  /** @return problems of a JSON text under a schema (an OpenAPI 3.0 schema object with $refs into components) */
  List<String> validate(String cacheKey, JsonObject schema, String json, String what) {
    Schema s = schemas.computeIfAbsent(cacheKey, k -> registry.getSchema(schema.copy().put("components", components).encode()));
    List<Error> errors = s.validate(json, InputFormat.JSON);
    List<String> out = new ArrayList<>();
    for (Error e : errors) out.add(what + ": " + e.getMessage());
    return out;
  }

  private JsonObject resolve(JsonObject node) {
    String ref = node.getString("$ref");
    if (ref == null) return node;
    String[] parts = ref.substring(2).split("/");
    JsonObject target = spec;
    for (String p : parts) target = target.getJsonObject(p);
    return resolve(target);
  }
}
