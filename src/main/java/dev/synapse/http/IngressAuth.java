package dev.synapse.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ingress authentication (DESIGN.md section 3) when {@code SYNAPSE_SECRET} is set. A request
 * passes with either
 * <ul>
 *   <li>{@code Authorization: Bearer <token>} where the token equals the secret, or</li>
 *   <li>{@code X-Synapse-Signature: sha256=<hex>} (or GitHub's {@code X-Hub-Signature-256}) holding
 *       HMAC-SHA256 of the raw request body keyed with the secret (RFC 2104; GitHub "Validating
 *       webhook deliveries").</li>
 * </ul>
 * Comparisons are constant-time ({@link MessageDigest#isEqual}). Anything else answers 401 JSON
 * and does not call {@code next()}. Must run after the {@code BodyHandler} for HMAC to see the
 * body; a request without a body is signed as the empty body. Thread-safe.
 */
public final class IngressAuth implements Handler<RoutingContext> {
  /** Synapse's signature header. */
  public static final String SIGNATURE_HEADER = "X-Synapse-Signature";
  /** GitHub's webhook signature header. */
  public static final String GITHUB_SIGNATURE_HEADER = "X-Hub-Signature-256";
  /** Routing-context key holding how the caller authenticated: {@code bearer} or {@code hmac}. */
  public static final String PRINCIPAL_KEY = "synapse.principal";
  private static final String SIG_PREFIX = "sha256=";

  private final byte[] secret;

  /** @param secret the shared secret, non-empty */
  public IngressAuth(String secret) {
    if (secret == null || secret.isEmpty()) throw new IllegalArgumentException("secret must be non-empty");
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext rc) {
    String authorization = rc.request().getHeader("Authorization");
    if (authorization != null) {
      if (bearerMatches(authorization)) {
        pass(rc, "bearer");
      } else {
        ApiError.unauthorized(rc, "invalid credentials in Authorization header");
      }
      return;
    }
    String signature = rc.request().getHeader(SIGNATURE_HEADER);
    if (signature == null) signature = rc.request().getHeader(GITHUB_SIGNATURE_HEADER);
    if (signature != null) {
      if (signatureMatches(signature, rc.body() == null ? null : rc.body().buffer())) {
        pass(rc, "hmac");
      } else {
        ApiError.unauthorized(rc, "signature does not match the request body");
      }
      return;
    }
    ApiError.unauthorized(rc, "authentication required: send Authorization: Bearer <token> or "
        + SIGNATURE_HEADER + ": sha256=<HMAC-SHA256 of the body>");
  }

  private static void pass(RoutingContext rc, String principal) {
    rc.put(PRINCIPAL_KEY, principal);
    rc.next();
  }

  boolean bearerMatches(String authorization) {
    int space = authorization.indexOf(' ');
    if (space < 0 || !authorization.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) return false;
    byte[] token = authorization.substring(space + 1).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(token, secret);
  }

  boolean signatureMatches(String header, Buffer body) {
    String h = header.trim();
    if (!h.regionMatches(true, 0, SIG_PREFIX, 0, SIG_PREFIX.length())) return false;
    String hex = h.substring(SIG_PREFIX.length());
    if (hex.length() != 64) return false;
    byte[] presented;
    try {
      presented = HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(presented, hmac(secret, body == null ? new byte[0] : body.getBytes()));
  }

  /**
   * @return HMAC-SHA256 of the data with the key
   */
  public static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** @return the header value {@code sha256=<hex>} for a body signed with the secret (clients, tests) */
  public static String signature(String secret, byte[] body) {
    return SIG_PREFIX + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
  }
}
