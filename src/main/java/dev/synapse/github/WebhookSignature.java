package dev.synapse.github;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's webhook signature: {@code X-Hub-Signature-256: sha256=<hex>} = HMAC-SHA256 of the raw
 * body bytes keyed with the webhook secret ("Validating webhook deliveries"), compared in
 * constant time. Thread-safe.
 */
public final class WebhookSignature {
  /** The header. */
  public static final String HEADER = "X-Hub-Signature-256";
  private static final String PREFIX = "sha256=";
  private final byte[] secret;

  /** @param secret the webhook secret, non-empty */
  public WebhookSignature(String secret) {
    if (secret == null || secret.isEmpty()) throw new IllegalArgumentException("webhook secret must be non-empty");
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** @return true when the header is {@code sha256=} and the HMAC of exactly these bytes */
  public boolean matches(String header, byte[] body) {
    if (header == null) return false;
    String h = header.trim();
    if (!h.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || h.length() != PREFIX.length() + 64) return false;
    byte[] presented;
    try {
      presented = HexFormat.of().parseHex(h.substring(PREFIX.length()).toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(presented, hmac(body));
  }

  /** @return the header value for a body (tests, the documentation's curl example) */
  public String sign(byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(body));
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
