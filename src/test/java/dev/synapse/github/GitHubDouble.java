package dev.synapse.github;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local, strict GitHub REST API for tests (127.0.0.1, random port). Every request must match
 * an operation of GitHub's OpenAPI description and is checked against it: method and path,
 * {@code Accept} (a media type the operation serves), {@code X-GitHub-Api-Version},
 * {@code User-Agent}, path and query parameters, {@code Content-Type} and the JSON body's schema.
 * Authentication is checked too: {@code /app*} needs an RS256 app JWT signed by the app's key with
 * {@code iss} = the app id and at most 10 minutes of life; everything else needs an unexpired
 * installation token this double issued (or the configured token). Every JSON answer is itself
 * validated against the operation's response schema. Anything wrong is recorded in
 * {@link #violations()} and answered 400/401/422 as GitHub would.
 *
 * <p>It keeps one repository's state: the pull request's diff, compare diffs, {@code .synapse.yml},
 * check runs (with appended annotations), reviews (a comment on a line outside the diff is answered
 * 422 and recorded), issue comments. Faults: comments refused with 403 (a fork), one rate-limit
 * answer (403 + {@code Retry-After}), short-lived or revoked tokens.
 */
final class GitHubDouble {
  final OpenApiContract contract = new OpenApiContract();
  private final Vertx vertx;
  private final String appId;
  private final RSAPublicKey appKey;
  private final String staticToken;
  private HttpServer server;

  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Instant> tokens = new HashMap<>();
  private final AtomicLong ids = new AtomicLong(1000);
  volatile Duration tokenLifetime = Duration.ofHours(1);
  /** Added to the real time: lets a test move GitHub's clock together with the client's. */
  volatile Duration skew = Duration.ZERO;
  volatile int tokensIssued;

  // repository state
  volatile String prDiff = "";
  final Map<String, String> compareDiffs = new HashMap<>();
  volatile String synapseYml;
  final Map<Long, JsonObject> checkRuns = new LinkedHashMap<>();
  final Map<Long, List<JsonObject>> annotations = new HashMap<>();
  final List<JsonObject> reviews = new ArrayList<>();
  final Map<Long, JsonObject> issueComments = new LinkedHashMap<>();
  volatile boolean forbidComments;
  volatile String rateLimitOnce;
  volatile int lineOutsideDiff;

  /** One request as seen. */
  record Recorded(String operation, String method, String path, int status, JsonObject body) {}

  GitHubDouble(Vertx vertx, String appId, RSAPublicKey appKey, String staticToken) {
    this.vertx = vertx;
    this.appId = appId;
    this.appKey = appKey;
    this.staticToken = staticToken;
  }

  int start() throws Exception {
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> handle(req, body)));
    return server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
  }

  void stop() throws Exception {
    if (server != null) server.close().await(10, TimeUnit.SECONDS);
  }

  List<String> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  List<Recorded> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  List<Recorded> requests(String operation) {
    return requests().stream().filter(r -> r.operation().equals(operation)).toList();
  }

  /** Forgets the repository state, the log and the faults (tokens stay valid). */
  synchronized void reset() {
    violations.clear();
    requests.clear();
    prDiff = "";
    compareDiffs.clear();
    synapseYml = null;
    checkRuns.clear();
    annotations.clear();
    reviews.clear();
    issueComments.clear();
    forbidComments = false;
    rateLimitOnce = null;
    lineOutsideDiff = 0;
  }

  synchronized void revokeTokens() {
    tokens.clear();
  }

  private void handle(HttpServerRequest req, Buffer body) {
    String rawPath = req.path();
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : req.params()) query.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
    OpenApiContract.Match match = contract.match(req.method().name(), rawPath);
    if (match == null) {
      violation(req.method() + " " + rawPath + " is not an operation of the description");
      answer(req, null, 404, new JsonObject().put("message", "Not Found"), null);
      return;
    }
    String op = match.operationId();
    List<String> problems = new ArrayList<>(contract.checkParameters(match, query));
    String accept = req.getHeader("Accept");
    JsonObject served = contract.responseContent(match.route().operation(), 200);
    if (served == null) served = contract.responseContent(match.route().operation(), 201);
    if (accept == null) {
      problems.add("Accept header is missing");
    } else if (!accept.equals("application/vnd.github+json") && (served == null || !served.containsKey(accept))
        && !match.route().operation().getString("description", "").contains("`" + accept + "`")) {
      // GitHub declares custom media types either as response content or in the operation's description
      problems.add("Accept '" + accept + "' is not served by " + op);
    }
    if (!"2022-11-28".equals(req.getHeader("X-GitHub-Api-Version"))) problems.add("X-GitHub-Api-Version must be 2022-11-28");
    if (req.getHeader("User-Agent") == null || req.getHeader("User-Agent").isBlank()) problems.add("User-Agent is required by GitHub");
    JsonObject json = null;
    Object[] rb = contract.requestBody(match.route().operation());
    if (body.length() > 0) {
      if (rb == null) {
        problems.add(op + " takes no request body");
      } else if (!String.valueOf(req.getHeader("Content-Type")).startsWith("application/json")) {
        problems.add("Content-Type must be application/json");
      } else {
        try {
          json = body.toJsonObject();
          problems.addAll(contract.validate("request:" + op, (JsonObject) rb[0], body.toString(StandardCharsets.UTF_8), "request body"));
        } catch (RuntimeException e) {
          problems.add("request body is not a JSON object");
        }
      }
    } else if (rb != null && (Boolean) rb[1]) {
      problems.add(op + " requires a request body");
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> violation(op + ": " + p));
      answer(req, op, 422, new JsonObject().put("message", "Validation Failed").put("errors", new JsonArray(problems)), json);
      return;
    }
    String auth = req.getHeader("Authorization");
    boolean appCall = rawPath.startsWith("/app");
    String authProblem = appCall ? checkJwt(auth) : checkToken(auth);
    if (authProblem != null) {
      answer(req, op, 401, new JsonObject().put("message", "Bad credentials").put("documentation_url",
          "https://docs.github.com/rest").put("status", "401").put("why", authProblem), json);
      return;
    }
    if (op.equals(rateLimitOnce)) {
      rateLimitOnce = null;
      req.response().putHeader("Retry-After", "1");
      answer(req, op, 403, new JsonObject().put("message", "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.")
          .put("documentation_url", "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"), json);
      return;
    }
    route(req, op, match.pathParams(), json, accept);
  }

  private void route(HttpServerRequest req, String op, Map<String, String> p, JsonObject body, String accept) {
    switch (op) {
      case "apps/get-authenticated" -> answer(req, op, 200, app(), body);
      case "apps/create-installation-access-token" -> {
        String token = "ghs_" + UUID.randomUUID().toString().replace("-", "");
        Instant expires = now().plus(tokenLifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        synchronized (this) {
          tokens.put(token, expires);
          tokensIssued++;
        }
        answer(req, op, 201, new JsonObject().put("token", token).put("expires_at", expires.toString())
            .put("permissions", new JsonObject().put("checks", "write").put("pull_requests", "write")
                .put("contents", "read").put("metadata", "read")).put("repository_selection", "selected"), body);
      }
      case "repos/get-content" -> {
        if (synapseYml == null || !p.get("path").equals(".synapse.yml")) {
          answer(req, op, 404, notFound(), body);
        } else {
          answer(req, op, 200, contentFile(p, synapseYml), body);
        }
      }
      case "pulls/get" -> text(req, op, prDiff, accept);
      case "repos/compare-commits-with-basehead" -> {
        String diff = compareDiffs.get(p.get("basehead"));
        if (diff == null) answer(req, op, 404, notFound(), body);
        else text(req, op, diff, accept);
      }
      case "checks/create" -> {
        long id = ids.incrementAndGet();
        JsonObject run;
        synchronized (this) {
          run = new JsonObject().put("id", id).put("name", body.getString("name")).put("head_sha", body.getString("head_sha"))
              .put("status", body.getString("status", "queued")).put("external_id", body.getString("external_id"))
              .put("started_at", body.getString("started_at")).put("conclusion", null).put("completed_at", null)
              .put("output", new JsonObject());
          checkRuns.put(id, run);
          annotations.put(id, new ArrayList<>());
          appendOutput(id, body);
        }
        answer(req, op, 201, checkRun(id, p), body);
      }
      case "checks/update" -> {
        long id = Long.parseLong(p.get("check_run_id"));
        synchronized (this) {
          JsonObject run = checkRuns.get(id);
          if (run == null) {
            answer(req, op, 404, notFound(), body);
            return;
          }
          for (String k : List.of("status", "conclusion", "completed_at")) if (body.containsKey(k)) run.put(k, body.getValue(k));
          appendOutput(id, body);
        }
        answer(req, op, 200, checkRun(id, p), body);
      }
      case "pulls/create-review" -> {
        if (forbidComments) {
          answer(req, op, 403, new JsonObject().put("message", "Resource not accessible by integration")
              .put("documentation_url", "https://docs.github.com/rest/pulls/reviews"), body);
          return;
        }
        Diff diff = DiffParser.parse(prDiff);
        DiffIndex index = new DiffIndex(diff);
        for (Object o : body.getJsonArray("comments", new JsonArray())) {
          JsonObject c = (JsonObject) o;
          boolean right = !"LEFT".equals(c.getString("side", "RIGHT"));
          if (index.lineAt(c.getString("path"), c.getInteger("line", -1), right) == null) {
            lineOutsideDiff++;
            violation("pulls/create-review: comment at " + c.getString("path") + ":" + c.getInteger("line") + " is not part of the diff");
            answer(req, op, 422, new JsonObject().put("message", "Unprocessable Entity")
                .put("errors", new JsonArray().add("Pull request review thread line must be part of the diff")), body);
            return;
          }
        }
        long id = ids.incrementAndGet();
        synchronized (this) {
          reviews.add(body.copy().put("id", id));
        }
        answer(req, op, 200, review(id, p, body), body);
      }
      case "issues/list-comments" -> {
        JsonArray items = new JsonArray();
        synchronized (this) {
          for (JsonObject c : issueComments.values()) items.add(issueComment(c.getLong("id"), p, c.getString("body")));
        }
        answer(req, op, 200, items, body);
      }
      case "issues/create-comment" -> {
        if (forbidComments) {
          answer(req, op, 403, new JsonObject().put("message", "Resource not accessible by integration")
              .put("documentation_url", "https://docs.github.com/rest/issues/comments"), body);
          return;
        }
        long id = ids.incrementAndGet();
        synchronized (this) {
          issueComments.put(id, new JsonObject().put("id", id).put("body", body.getString("body")).put("edits", 0));
        }
        answer(req, op, 201, issueComment(id, p, body.getString("body")), body);
      }
      case "issues/update-comment" -> {
        long id = Long.parseLong(p.get("comment_id"));
        synchronized (this) {
          JsonObject c = issueComments.get(id);
          if (c == null) {
            answer(req, op, 404, notFound(), body);
            return;
          }
          c.put("body", body.getString("body")).put("edits", c.getInteger("edits") + 1);
        }
        answer(req, op, 200, issueComment(id, p, body.getString("body")), body);
      }
      default -> {
        violation("no handler for " + op);
        answer(req, op, 404, notFound(), body);
      }
    }
  }

  private void appendOutput(long id, JsonObject body) {
    JsonObject output = body.getJsonObject("output");
    if (output == null) return;
    JsonObject run = checkRuns.get(id);
    JsonObject out = run.getJsonObject("output");
    for (String k : List.of("title", "summary", "text")) if (output.containsKey(k)) out.put(k, output.getValue(k));
    JsonArray a = output.getJsonArray("annotations");
    if (a != null) {
      if (a.size() > 50) violation("checks: " + a.size() + " annotations in one request (GitHub's limit is 50)");
      for (Object o : a) annotations.get(id).add((JsonObject) o);
    }
    if (String.valueOf(out.getString("summary")).length() > 65535 || String.valueOf(out.getString("text")).length() > 65535) {
      violation("checks: output summary or text over 65,535 characters");
    }
  }

  private Instant now() {
    return Instant.now().plus(skew);
  }

  private synchronized String checkToken(String auth) {
    if (auth == null || !auth.startsWith("Bearer ")) return "no bearer token";
    String t = auth.substring(7);
    if (t.equals(staticToken)) return null;
    Instant exp = tokens.get(t);
    if (exp == null) return "unknown or revoked token";
    if (!now().isBefore(exp)) return "expired token";
    return null;
  }

  private String checkJwt(String auth) {
    if (auth == null || !auth.startsWith("Bearer ")) return "no bearer JWT";
    try {
      SignedJWT jwt = SignedJWT.parse(auth.substring(7));
      if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) return "JWT must be RS256";
      if (!jwt.verify(new RSASSAVerifier(appKey))) return "JWT signature does not verify";
      var claims = jwt.getJWTClaimsSet();
      if (!appId.equals(claims.getIssuer())) return "iss is not the app id";
      Instant iat = claims.getIssueTime().toInstant();
      Instant exp = claims.getExpirationTime().toInstant();
      if (Duration.between(iat, exp).compareTo(Duration.ofMinutes(10)) > 0) return "JWT lives longer than 10 minutes";
      if (!now().isBefore(exp)) return "JWT expired";
      if (iat.isAfter(now().plusSeconds(5))) return "iat in the future";
      return null;
    } catch (Exception e) {
      return "JWT unreadable: " + e.getMessage();
    }
  }

  private void text(HttpServerRequest req, String op, String text, String accept) {
    if (!"application/vnd.github.diff".equals(accept)) violation(op + ": the diff is asked for without the diff media type");
    record(op, req, 200, null);
    req.response().setStatusCode(200).putHeader("Content-Type", "application/vnd.github.diff; charset=utf-8").end(text);
  }

  private void answer(HttpServerRequest req, String op, int status, Object body, JsonObject requestBody) {
    if (op != null) {
      JsonObject content = contract.responseContent(matchOperation(op), status);
      boolean global = status == 401 || (status == 403 || status == 429) && req.response().headers().contains("Retry-After");
      if (content == null && !global) {
        // 401 Bad credentials and rate-limit answers (403/429 with Retry-After) apply to every operation:
        // GitHub documents them once, globally
        violation(op + ": the double answered " + status + ", which the description does not declare");
      } else if (content != null && content.containsKey("application/json")) {
        JsonObject schema = content.getJsonObject("application/json").getJsonObject("schema");
        for (String p : contract.validate("response:" + op + ":" + status, schema, io.vertx.core.json.Json.encode(body), "double's " + status + " answer")) {
          violation(op + ": " + p);
        }
      }
    }
    record(op == null ? "unknown" : op, req, status, requestBody);
    req.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(io.vertx.core.json.Json.encode(body));
  }

  private JsonObject matchOperation(String op) {
    JsonObject paths = contractSpecPaths();
    for (String t : paths.fieldNames()) {
      JsonObject ops = paths.getJsonObject(t);
      for (String m : ops.fieldNames()) if (op.equals(ops.getJsonObject(m).getString("operationId"))) return ops.getJsonObject(m);
    }
    throw new IllegalStateException("no operation " + op);
  }

  private JsonObject specPaths;

  private synchronized JsonObject contractSpecPaths() {
    if (specPaths == null) {
      try (var in = GitHubDouble.class.getResourceAsStream("/github/api.github.com.trimmed.json")) {
        specPaths = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonObject("paths");
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return specPaths;
  }

  private void record(String op, HttpServerRequest req, int status, JsonObject body) {
    requests.add(new Recorded(op, req.method().name(), req.uri(), status, body));
  }

  private void violation(String v) {
    violations.add(v);
  }

  // ---- answer bodies valid under the description ----

  private static JsonObject notFound() {
    return new JsonObject().put("message", "Not Found").put("documentation_url", "https://docs.github.com/rest");
  }

  static JsonObject user(String login, long id) {
    String path = login.replace("[", "%5B").replace("]", "%5D");
    String u = "https://api.github.com/users/" + path;
    return new JsonObject().put("login", login).put("id", id).put("node_id", "MDQ6VXNlcj" + id)
        .put("avatar_url", "https://avatars.githubusercontent.com/u/" + id).put("gravatar_id", "")
        .put("url", u).put("html_url", "https://github.com/" + path).put("followers_url", u + "/followers")
        .put("following_url", u + "/following{/other_user}").put("gists_url", u + "/gists{/gist_id}")
        .put("starred_url", u + "/starred{/owner}{/repo}").put("subscriptions_url", u + "/subscriptions")
        .put("organizations_url", u + "/orgs").put("repos_url", u + "/repos").put("events_url", u + "/events{/privacy}")
        .put("received_events_url", u + "/received_events").put("type", "Bot").put("site_admin", false);
  }

  private JsonObject app() {
    return new JsonObject().put("id", Long.parseLong(appId)).put("slug", "synapse").put("node_id", "MDM6QXBw" + appId)
        .put("owner", user("Codertocat", 21031067)).put("name", "Synapse").put("description", "Code review")
        .put("external_url", "https://synapse.example").put("html_url", "https://github.com/apps/synapse")
        .put("created_at", "2026-01-01T00:00:00Z").put("updated_at", "2026-01-01T00:00:00Z")
        .put("permissions", new JsonObject().put("checks", "write").put("pull_requests", "write")
            .put("contents", "read").put("metadata", "read"))
        .put("events", new JsonArray().add("pull_request"));
  }

  private static JsonObject contentFile(Map<String, String> p, String text) {
    String base = "https://api.github.com/repos/" + p.get("owner") + "/" + p.get("repo");
    String content = Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    return new JsonObject().put("type", "file").put("encoding", "base64").put("size", text.length())
        .put("name", ".synapse.yml").put("path", ".synapse.yml").put("content", content + "\n")
        .put("sha", "3d21ec53a331a6f037a91c368710b99387d012c1").put("url", base + "/contents/.synapse.yml")
        .put("git_url", base + "/git/blobs/3d21ec53a331a6f037a91c368710b99387d012c1")
        .put("html_url", "https://github.com/" + p.get("owner") + "/" + p.get("repo") + "/blob/master/.synapse.yml")
        .put("download_url", "https://raw.githubusercontent.com/" + p.get("owner") + "/" + p.get("repo") + "/master/.synapse.yml")
        .put("_links", new JsonObject().put("git", base + "/git/blobs/3d21").put("self", base + "/contents/.synapse.yml")
            .put("html", "https://github.com/" + p.get("owner") + "/" + p.get("repo") + "/blob/master/.synapse.yml"));
  }

  private synchronized JsonObject checkRun(long id, Map<String, String> p) {
    JsonObject run = checkRuns.get(id);
    String base = "https://api.github.com/repos/" + p.get("owner") + "/" + p.get("repo");
    JsonObject out = run.getJsonObject("output");
    return new JsonObject().put("id", id).put("node_id", "CR_" + id).put("head_sha", run.getString("head_sha"))
        .put("name", run.getString("name")).put("external_id", run.getString("external_id"))
        .put("url", base + "/check-runs/" + id).put("html_url", "https://github.com/" + p.get("owner") + "/" + p.get("repo") + "/runs/" + id)
        .put("details_url", "https://synapse.example").put("status", run.getString("status"))
        .put("conclusion", run.getValue("conclusion")).put("started_at", run.getValue("started_at"))
        .put("completed_at", run.getValue("completed_at"))
        .put("output", new JsonObject().put("title", out.getString("title")).put("summary", out.getString("summary"))
            .put("text", out.getString("text")).put("annotations_count", annotations.get(id).size())
            .put("annotations_url", base + "/check-runs/" + id + "/annotations"))
        .put("check_suite", new JsonObject().put("id", 5L)).put("app", null).put("pull_requests", new JsonArray());
  }

  private static JsonObject review(long id, Map<String, String> p, JsonObject body) {
    String pr = "https://api.github.com/repos/" + p.get("owner") + "/" + p.get("repo") + "/pulls/" + p.get("pull_number");
    String html = "https://github.com/" + p.get("owner") + "/" + p.get("repo") + "/pull/" + p.get("pull_number") + "#pullrequestreview-" + id;
    return new JsonObject().put("id", id).put("node_id", "PRR_" + id).put("user", user("synapse[bot]", 99))
        .put("body", body.getString("body", "")).put("state", "COMMENTED").put("commit_id", body.getString("commit_id"))
        .put("html_url", html).put("pull_request_url", pr)
        .put("_links", new JsonObject().put("html", new JsonObject().put("href", html))
            .put("pull_request", new JsonObject().put("href", pr)))
        .put("author_association", "NONE").put("submitted_at", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
  }

  private static JsonObject issueComment(long id, Map<String, String> p, String body) {
    String base = "https://api.github.com/repos/" + p.get("owner") + "/" + p.get("repo");
    String issue = p.getOrDefault("issue_number", "2");
    return new JsonObject().put("id", id).put("node_id", "IC_" + id).put("url", base + "/issues/comments/" + id)
        .put("html_url", "https://github.com/" + p.get("owner") + "/" + p.get("repo") + "/pull/" + issue + "#issuecomment-" + id)
        .put("issue_url", base + "/issues/" + issue).put("body", body).put("user", user("synapse[bot]", 99))
        .put("created_at", "2026-01-01T00:00:00Z").put("updated_at", "2026-01-01T00:00:00Z")
        .put("author_association", "NONE");
  }
}
