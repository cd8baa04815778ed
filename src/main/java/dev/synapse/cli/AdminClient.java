package dev.synapse.cli;

import dev.synapse.http.RequestSigning;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A small blocking HTTP client for the operator commands ({@code remote}, {@code backup}): when a
 * token (the node's secret) is given, signs every request ({@link #sign}: {@code X-Synapse-Signature}
 * and {@code X-Synapse-Timestamp}, docs/security.md) so the secret itself never crosses the
 * network; never prints or logs the token; turns connection problems into a {@link Response}
 * with status -1 and a readable message. Not thread-safe; one per command run.
 */
final class AdminClient {
  /** Connect timeout, in seconds. */
  static final int CONNECT_TIMEOUT_S = 5;

  private final URI base;
  private final String token;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param base node URL, e.g. {@code http://127.0.0.1:4000}
   * @param token the node's secret (signing key), or null/empty for unsigned requests
   * @param timeout request timeout
   */
  AdminClient(URI base, String token, Duration timeout) {
    this.base = base;
    this.token = token;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(CONNECT_TIMEOUT_S)).build();
  }

  /**
   * An answer: HTTP status (or -1 when the node could not be reached) and the body (or an
   * error message when status is -1).
   */
  record Response(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  Response get(String path) {
    URI uri = base.resolve(path);
    return send(sign(HttpRequest.newBuilder(uri).GET(), "GET", uri, null, token));
  }

  Response post(String path) {
    URI uri = base.resolve(path);
    return send(sign(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()), "POST", uri, null, token));
  }

  Response delete(String path) {
    URI uri = base.resolve(path);
    return send(sign(HttpRequest.newBuilder(uri).DELETE(), "DELETE", uri, null, token));
  }

  /**
   * Adds the request signature when a secret is given (otherwise leaves the request unsigned).
   *
   * @param b the request being built; its body must be exactly {@code body}
   * @param method the request's method
   * @param uri the request's URI: its raw path and query are the signed request target
   * @param body the body bytes, or null for none
   * @param secret the node's secret, or null/empty
   * @return {@code b}
   */
  static HttpRequest.Builder sign(HttpRequest.Builder b, String method, URI uri, byte[] body, String secret) {
    if (secret == null || secret.isEmpty()) return b;
    String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    long now = System.currentTimeMillis() / 1000;
    return b.header(RequestSigning.TIMESTAMP_HEADER, Long.toString(now))
        .header(RequestSigning.SIGNATURE_HEADER, RequestSigning.sign(secret, method, target, now, body));
  }

  URI base() {
    return base;
  }

  private Response send(HttpRequest.Builder b) {
    b.timeout(timeout).header("Accept", "application/json, text/plain");
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (ConnectException e) {
      return new Response(-1, "cannot connect to " + base + " (is the node running?)");
    } catch (HttpTimeoutException e) {
      return new Response(-1, "no answer from " + base + " within " + timeout.toSeconds() + " s");
    } catch (IOException e) {
      return new Response(-1, "request to " + base + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(-1, "interrupted");
    }
  }
}
