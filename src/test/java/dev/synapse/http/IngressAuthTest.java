package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IngressAuth credential checks")
class IngressAuthTest {
  private final IngressAuth auth = new IngressAuth("s3cret");
  private final Buffer body = Buffer.buffer("{\"diff\":\"\"}");

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
  @DisplayName("an HMAC-SHA256 signature of the exact body is accepted")
  void signatureOk() {
    assertTrue(auth.signatureMatches(IngressAuth.signature("s3cret", body.getBytes()), body));
  }

  @Test
  @DisplayName("a signature of another body (tampered request) is refused")
  void tampered() {
    String sig = IngressAuth.signature("s3cret", "{\"diff\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    assertFalse(auth.signatureMatches(sig, body));
  }

  @Test
  @DisplayName("a signature made with another key, without the sha256= prefix or not hex is refused")
  void malformedSignature() {
    assertFalse(auth.signatureMatches(IngressAuth.signature("other", body.getBytes()), body));
    assertFalse(auth.signatureMatches(IngressAuth.signature("s3cret", body.getBytes()).substring(7), body));
    assertFalse(auth.signatureMatches("sha256=" + "zz".repeat(32), body));
  }

  @Test
  @DisplayName("a request without a body is signed as the empty body")
  void emptyBody() {
    assertTrue(auth.signatureMatches(IngressAuth.signature("s3cret", new byte[0]), null));
  }
}
