package dev.synapse.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** App JWTs and installation tokens against the strict double: caching, expiry, refresh, revocation, health. */
@DisplayName("AppCredentials")
class AppCredentialsTest {
  Vertx vertx;
  GitHubDouble github;
  GitHubApi api;
  KeyPair keys;
  CredentialHealth health;
  /** A clock the test moves forward. */
  final Instant[] now = {Instant.now()};
  final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now[0];
    }
  };

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    keys = GitHubTestKit.rsaKeys();
    github = new GitHubDouble(vertx, "77", (RSAPublicKey) keys.getPublic(), null);
    int port = github.start();
    health = new CredentialHealth();
    api = new GitHubApi(vertx, "http://127.0.0.1:" + port, new GitHubMetrics(new SimpleMeterRegistry()), 1 << 20, clock, health);
  }

  @AfterEach
  void stop() throws Exception {
    assertEquals(List.of(), github.violations());
    github.stop();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  void advance(Duration d) {
    now[0] = now[0].plus(d);
    github.skew = github.skew.plus(d);
  }

  GitHubApi.Response listComments(Credential c) throws Exception {
    return api.send(GitHubApi.Call.get("issues/list-comments", "/repos/o/r/issues/1/comments", c)).await(20, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("an installation token is cached, refreshed 5 minutes before it expires, and renewed after a 401")
  void tokenExpiryAndRefresh() throws Exception {
    github.tokenLifetime = Duration.ofHours(1);
    AppCredentials app = new AppCredentials(api, "77", GitHubTestKit.pkcs1Pem(keys), clock, health);
    Credential c = app.installation(5);
    String first = c.authorization().await(20, TimeUnit.SECONDS);
    assertEquals(first, c.authorization().await(20, TimeUnit.SECONDS), "cached");
    assertEquals(1, github.tokensIssued);
    advance(Duration.ofMinutes(54)); // 6 minutes left: still used
    assertEquals(first, c.authorization().await(20, TimeUnit.SECONDS));
    advance(Duration.ofMinutes(2)); // 4 minutes left: inside the refresh margin
    String second = c.authorization().await(20, TimeUnit.SECONDS);
    assertNotEquals(first, second);
    assertEquals(2, github.tokensIssued);
    assertEquals(200, listComments(c).status());

    github.revokeTokens(); // e.g. the installation's token was revoked or expired early
    GitHubApi.Response r = listComments(c);
    assertEquals(200, r.status(), "the 401 drops the token, a new one is exchanged and the call retried once");
    assertEquals(3, github.tokensIssued);
    assertEquals(List.of(401, 200), github.requests("issues/list-comments").stream().skip(1).map(GitHubDouble.Recorded::status).toList());
    assertTrue(!health.failing());
  }

  @Test
  @DisplayName("a wrong app id (JWT refused) makes the credential health fail, naming the operation, never a token")
  void refusedJwtFailsHealth() throws Exception {
    AppCredentials app = new AppCredentials(api, "78", GitHubTestKit.pkcs1Pem(keys), clock, health);
    GitHubApi.Response r = api.send(GitHubApi.Call.get("apps/get-authenticated", "/app", app.app())).await(20, TimeUnit.SECONDS);
    assertEquals(401, r.status());
    assertTrue(health.failing());
    String message = health.status().getData().getString("message");
    assertTrue(message.contains("apps/get-authenticated answered 401"), message);
    assertTrue(!message.contains("ey"), "no JWT in the message: " + message);
  }

  @Test
  @DisplayName("an unreadable private key fails every call and the health check without quoting the key")
  void badKey() {
    AppCredentials app = new AppCredentials(api, "77", "-----BEGIN RSA PRIVATE KEY-----\nnot-base64!!\n-----END RSA PRIVATE KEY-----\n", clock, health);
    assertTrue(app.installation(1).authorization().failed() || app.jwt().failed());
    assertTrue(health.failing());
    assertTrue(!health.status().getData().getString("message").contains("not-base64"));
  }
}
