package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IngressAuth and RequestSigning credential checks")
class IngressAuthTest {
  private final Vertx vertx = Vertx.vertx();
  private final IngressAuth auth = new IngressAuth("s3cret", new ReplayGuard(vertx));
  private final byte[] secret = "s3cret".getBytes(StandardCharsets.UTF_8);
  private final byte[] body = "{\"diff\":\"\"}".getBytes(StandardCharsets.UTF_8);

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  @DisplayName("a bearer token equal to the secret is accepted, whatever the scheme's case")
  void bearerOk() {
    assertTrue(auth.bearerMatches("Bearer s3cret"));
    assertTrue(auth.bearerMatches("bearer s3cret"));
  }

  @Test
  @DisplayName("a wrong, truncated or differently-schemed token is refused")
  void bearerWrong() {
    assertFalse(auth.bearerMatches("Bearer s3cre"));
    assertFalse(auth.bearerMatches("Bearer s3cret2"));
    assertFalse(auth.bearerMatches("Basic s3cret"));
    assertFalse(auth.bearerMatches("s3cret"));
  }

  @Test
  @DisplayName("the signature matches the same method, target, timestamp and body, and equals an independent HMAC")
  void signatureOk() {
    String sig = RequestSigning.sign("s3cret", "post", "/api/reviews?wait=30", 1_700_000_000L, body);
    assertEquals(RawHttp.sign("s3cret", "POST", "/api/reviews?wait=30", 1_700_000_000L, body), sig);
    assertTrue(RequestSigning.matches(secret, sig, "POST", "/api/reviews?wait=30", "1700000000", body));
  }

  @Test
  @DisplayName("changing the method, the query, the timestamp or the body breaks the signature")
  void everyPartCovered() {
    String sig = RequestSigning.sign("s3cret", "POST", "/api/reviews?intent=feature", 1_700_000_000L, body);
    assertFalse(RequestSigning.matches(secret, sig, "GET", "/api/reviews?intent=feature", "1700000000", body));
    assertFalse(RequestSigning.matches(secret, sig, "POST", "/api/reviews?intent=hotfix", "1700000000", body));
    assertFalse(RequestSigning.matches(secret, sig, "POST", "/api/reviews?intent=feature", "1700000001", body));
    assertFalse(RequestSigning.matches(secret, sig, "POST", "/api/reviews?intent=feature", "1700000000", new byte[0]));
  }

  @Test
  @DisplayName("a signature made with another key, without the sha256= prefix or not hex is refused")
  void malformedSignature() {
    String other = RequestSigning.sign("other", "GET", "/ws", 1L, null);
    assertFalse(RequestSigning.matches(secret, other, "GET", "/ws", "1", null));
    assertNull(RequestSigning.parse(RequestSigning.sign("s3cret", "GET", "/ws", 1L, null).substring(7)));
    assertNull(RequestSigning.parse("sha256=" + "zz".repeat(32)));
  }

  @Test
  @DisplayName("a timestamp within 5 minutes passes; beyond, missing or not a number is refused")
  void timestampWindow() {
    assertNull(IngressAuth.timestampProblem("1000", 1000 + 300));
    assertNull(IngressAuth.timestampProblem(" 1300 ", 1000));
    assertNotNull(IngressAuth.timestampProblem("1000", 1000 + 301));
    assertNotNull(IngressAuth.timestampProblem("1302", 1001));
    assertNotNull(IngressAuth.timestampProblem(null, 1000));
    assertNotNull(IngressAuth.timestampProblem("2026-01-01T00:00:00Z", 1000));
  }

  @Test
  @DisplayName("the local replay memory accepts a signature once within its TTL, again after it, and refuses when full")
  void localReplayMemory() {
    ReplayGuard guard = new ReplayGuard(vertx);
    long t0 = 0;
    assertEquals(ReplayGuard.Use.FIRST, guard.firstUseLocally("a", 1000, t0));
    assertEquals(ReplayGuard.Use.REPLAY, guard.firstUseLocally("a", 1000, t0 + 999_000_000L));
    assertEquals(ReplayGuard.Use.FIRST, guard.firstUseLocally("a", 1000, t0 + 1_001_000_000L));
    for (int i = 0; i < ReplayGuard.LOCAL_CAPACITY - 1; i++) guard.firstUseLocally("k" + i, 1000, t0 + 1_001_000_000L);
    assertEquals(ReplayGuard.Use.FULL, guard.firstUseLocally("one-more", 1000, t0 + 1_001_000_000L));
    assertEquals(ReplayGuard.Use.FIRST, guard.firstUseLocally("one-more", 1000, t0 + 3_000_000_000L), "expired entries make room");
  }
}
