package dev.synapse.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A small blocking HTTP client for the operator commands ({@code remote}, {@code backup}): sends
 * {@code Authorization: Bearer <token>} when a token is given, never prints or logs the token,
 * and turns connection problems into a {@link Response} with status -1 and a readable message.
 * Not thread-safe; one per command run.
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
   * @param token bearer token, or null/empty for none
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
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  Response post(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  URI base() {
    return base;
  }

  private Response send(HttpRequest.Builder b) {
    b.timeout(timeout).header("Accept", "application/json, text/plain");
    if (token != null && !token.isEmpty()) b.header("Authorization", "Bearer " + token);
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
