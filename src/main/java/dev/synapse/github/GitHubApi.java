package dev.synapse.github;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub REST client on the Vert.x {@link WebClient}: sends the headers GitHub asks for
 * ({@code Accept}, {@code X-GitHub-Api-Version: 2022-11-28}, {@code User-Agent}), times out every
 * call ({@value #CONNECT_TIMEOUT_MS} ms to connect, {@value #REQUEST_TIMEOUT_MS} ms in all) and
 * retries, at most {@value #MAX_ATTEMPTS} attempts in all:
 * <ul>
 *   <li>rate limits: {@code 429}, or {@code 403} with {@code Retry-After}, with
 *       {@code x-ratelimit-remaining: 0} or with a "secondary rate limit" message: after
 *       {@code Retry-After} seconds, else until {@code x-ratelimit-reset}, else after 60 s
 *       (GitHub's advice); a wait over {@value #MAX_WAIT_MS} ms is not taken and the answer is
 *       returned as is. GitHub did not perform a rate-limited call, so every method is retried;</li>
 *   <li>{@code 500}, {@code 502}, {@code 503}, {@code 504} and connection errors: with exponential
 *       backoff, only for calls marked retry-safe (GET, and writes that set a whole value);</li>
 *   <li>{@code 401}: once, after {@link Credential#renew} drops a stale installation token.</li>
 * </ul>
 * Any other answer is returned to the caller, who decides. Every answer is counted in
 * {@link GitHubMetrics}. Answers larger than {@code maxBodyBytes} fail the call; only that many
 * bytes are ever held ({@link BoundedBody}). Thread-safe;
 * callbacks run on the caller's context.
 */
public final class GitHubApi {
  private static final Logger LOG = LoggerFactory.getLogger(GitHubApi.class);
  /** Connect timeout, ms. */
  public static final int CONNECT_TIMEOUT_MS = 5_000;
  /** Whole-call timeout (no answer within it fails the attempt), ms. */
  public static final long REQUEST_TIMEOUT_MS = 30_000;
  /** Attempts per call, the first included. */
  public static final int MAX_ATTEMPTS = 4;
  /** Longest single wait for a rate limit, ms. */
  public static final long MAX_WAIT_MS = 60_000;
  /** First backoff after a server error, ms (doubles per attempt). */
  public static final long BACKOFF_MS = 500;
  /** The REST API version sent in {@code X-GitHub-Api-Version}. */
  public static final String API_VERSION = "2022-11-28";
  /** JSON media type. */
  public static final String JSON = "application/vnd.github+json";
  /** Diff media type (pulls, compare). */
  public static final String DIFF = "application/vnd.github.diff";

  private final Vertx vertx;
  private final WebClient client;
  private final String baseUrl;
  private final GitHubMetrics metrics;
  private final long maxBodyBytes;
  private final Clock clock;
  private final CredentialHealth health;

  /**
   * One REST call.
   *
   * @param operation OpenAPI operation id (metrics label, error messages), e.g. {@code checks/create}
   * @param method HTTP method
   * @param path path below the API base, with its query, e.g. {@code /repos/o/r/pulls/1}
   * @param accept media type asked for ({@link #JSON} or {@link #DIFF})
   * @param body JSON body, or null for none
   * @param credential who calls
   * @param retrySafe true when repeating the call after a server error cannot do harm
   */
  public record Call(String operation, HttpMethod method, String path, String accept, Object body,
      Credential credential, boolean retrySafe) {

    /** A GET of JSON (retry-safe). */
    public static Call get(String operation, String path, Credential credential) {
      return new Call(operation, HttpMethod.GET, path, JSON, null, credential, true);
    }

    /** A write of JSON. */
    public static Call write(String operation, HttpMethod method, String path, Object body,
        Credential credential, boolean retrySafe) {
      return new Call(operation, method, path, JSON, body, credential, retrySafe);
    }

    /** @return a copy asking for another media type */
    public Call accepting(String mediaType) {
      return new Call(operation, method, path, mediaType, body, credential, retrySafe);
    }
  }

  /**
   * GitHub's answer.
   *
   * @param status HTTP status
   * @param headers response headers
   * @param body the body (empty when none)
   */
  public record Response(int status, MultiMap headers, Buffer body) {
    /** @return true for 2xx */
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    /** @return the body as a JSON object; empty when it is not one */
    public JsonObject json() {
      try {
        Object v = body.length() == 0 ? null : io.vertx.core.json.Json.decodeValue(body);
        return v instanceof JsonObject o ? o : new JsonObject();
      } catch (RuntimeException e) {
        return new JsonObject();
      }
    }

    /** @return the body as a JSON array; empty when it is not one */
    public JsonArray jsonArray() {
      try {
        Object v = body.length() == 0 ? null : io.vertx.core.json.Json.decodeValue(body);
        return v instanceof JsonArray a ? a : new JsonArray();
      } catch (RuntimeException e) {
        return new JsonArray();
      }
    }

    /** @return GitHub's {@code message} cut to 200 characters, or the status text */
    public String message() {
      String m = json().getString("message");
      if (m == null) return "HTTP " + status;
      return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
  }

  /**
   * @param vertx timers and the client
   * @param baseUrl API base without a trailing slash
   * @param metrics where calls are counted
   * @param maxBodyBytes largest answer accepted, in bytes
   * @param clock wall clock (rate-limit reset times)
   * @param health told about accepted calls and final {@code 401} answers
   */
  public GitHubApi(Vertx vertx, String baseUrl, GitHubMetrics metrics, long maxBodyBytes, Clock clock,
      CredentialHealth health) {
    this.health = health;
    this.vertx = vertx;
    this.baseUrl = baseUrl;
    this.metrics = metrics;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout(CONNECT_TIMEOUT_MS)
        .setUserAgent("Synapse-GitHub-App")
        .setFollowRedirects(true));
  }

  /**
   * Sends a call with the retries described on the class.
   *
   * @return GitHub's last answer, whatever its status; fails with {@link GitHubException} (status
   *     -1) when no answer came after the retries or the credential could not be had
   */
  public Future<Response> send(Call call) {
    Promise<Response> promise = Promise.promise();
    attempt(call, 1, false, promise);
    return promise.future();
  }

  /**
   * {@link #send}, then checks the status.
   *
   * @return the answer when its status is one of {@code expected}; else fails with
   *     {@link GitHubException} carrying the status and GitHub's message
   */
  public Future<Response> expect(Call call, int... expected) {
    return send(call).compose(r -> {
      for (int e : expected) if (r.status() == e) return Future.succeededFuture(r);
      return Future.failedFuture(new GitHubException(call.operation(), r.status(), r.message()));
    });
  }

  private void attempt(Call call, int attempt, boolean renewed, Promise<Response> promise) {
    call.credential().authorization().onComplete(auth -> {
      if (auth.failed()) {
        promise.fail(auth.cause() instanceof GitHubException g ? g
            : new GitHubException(call.operation(), -1, "no credential: " + auth.cause().getMessage()));
        return;
      }
      long start = System.nanoTime();
      BoundedBody sink = new BoundedBody(maxBodyBytes);
      HttpRequest<Void> request = client.requestAbs(call.method(), baseUrl + call.path())
          .as(io.vertx.ext.web.codec.BodyCodec.pipe(sink))
          .timeout(REQUEST_TIMEOUT_MS)
          .putHeader("Accept", call.accept())
          .putHeader("X-GitHub-Api-Version", API_VERSION)
          .putHeader("Authorization", auth.result());
      Future<HttpResponse<Void>> sent = call.body() == null ? request.send()
          : request.putHeader("Content-Type", "application/json").sendBuffer(io.vertx.core.json.Json.encodeToBuffer(call.body()));
      sent.onComplete(ar -> {
        long nanos = System.nanoTime() - start;
        if (ar.failed()) {
          metrics.apiRequest(call.operation(), -1, nanos);
          if (call.retrySafe() && attempt < MAX_ATTEMPTS) {
            long wait = BACKOFF_MS << (attempt - 1);
            LOG.warn("github operation={} attempt={} failed ({}); retrying in {} ms", call.operation(), attempt,
                ar.cause().getMessage(), wait);
            vertx.setTimer(wait, t -> attempt(call, attempt + 1, renewed, promise));
          } else {
            promise.fail(new GitHubException(call.operation(), -1, String.valueOf(ar.cause().getMessage())));
          }
          return;
        }
        HttpResponse<Void> r = ar.result();
        Buffer body = sink.buffer();
        metrics.apiRequest(call.operation(), r.statusCode(), nanos);
        if (sink.overflowed()) {
          promise.fail(new GitHubException(call.operation(), GitHubException.TOO_LARGE,
              "answer of " + sink.seen() + " bytes is over the limit of " + maxBodyBytes));
          return;
        }
        Response response = new Response(r.statusCode(), r.headers(), body);
        retryDelay(call, response, attempt, renewed, auth.result()).ifPresentOrElse(delay -> {
          boolean renew = response.status() == 401;
          LOG.warn("github operation={} status={} attempt={}: retrying in {} ms", call.operation(),
              response.status(), attempt, delay);
          if (delay == 0) {
            attempt(call, renew ? attempt : attempt + 1, renewed || renew, promise);
          } else {
            vertx.setTimer(delay, t -> attempt(call, attempt + 1, renewed, promise));
          }
        }, () -> {
          if (response.ok()) health.succeeded();
          if (response.status() == 401) health.failed(call.operation() + " answered 401: " + response.message());
          promise.complete(response);
        });
      });
    });
  }

  /** @return the wait before the next attempt, or empty when the answer is final */
  private java.util.Optional<Long> retryDelay(Call call, Response r, int attempt, boolean renewed, String used) {
    if (r.status() == 401) {
      return !renewed && call.credential().renew(used) ? java.util.Optional.of(0L) : java.util.Optional.empty();
    }
    if (attempt >= MAX_ATTEMPTS) return java.util.Optional.empty();
    if (rateLimited(r)) {
      long wait = rateLimitWait(r);
      return wait <= MAX_WAIT_MS ? java.util.Optional.of(Math.max(wait, 1L)) : java.util.Optional.empty();
    }
    if (call.retrySafe() && (r.status() == 500 || r.status() == 502 || r.status() == 503 || r.status() == 504)) {
      return java.util.Optional.of(BACKOFF_MS << (attempt - 1));
    }
    return java.util.Optional.empty();
  }

  /** @return true for a primary or secondary rate-limit answer */
  static boolean rateLimited(Response r) {
    if (r.status() == 429) return true;
    if (r.status() != 403) return false;
    if (r.headers().get("Retry-After") != null) return true;
    if ("0".equals(r.headers().get("x-ratelimit-remaining"))) return true;
    return r.message().toLowerCase(Locale.ROOT).contains("rate limit");
  }

  /** @return how long GitHub asks to wait, in ms */
  long rateLimitWait(Response r) {
    String retryAfter = r.headers().get("Retry-After");
    if (retryAfter != null) {
      try {
        return Math.max(0, Long.parseLong(retryAfter.trim())) * 1000;
      } catch (NumberFormatException e) {
        return MAX_WAIT_MS;
      }
    }
    String reset = r.headers().get("x-ratelimit-reset");
    if ("0".equals(r.headers().get("x-ratelimit-remaining")) && reset != null) {
      try {
        return Math.max(0, Long.parseLong(reset.trim()) * 1000 - clock.millis());
      } catch (NumberFormatException e) {
        return MAX_WAIT_MS;
      }
    }
    return 60_000;
  }

  /** Closes the HTTP client. */
  public void close() {
    client.close();
  }
}
