package dev.synapse.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The request signature of {@code X-Synapse-Signature} (docs/security.md), shared by the server
 * ({@link IngressAuth}) and the CLI client. The signed bytes are
 * <pre>METHOD "\n" REQUEST-TARGET "\n" TIMESTAMP "\n" BODY</pre>
 * where METHOD is upper case ({@code POST}), REQUEST-TARGET is the path with its query exactly as
 * sent on the request line ({@code /api/reviews?wait=30}), TIMESTAMP is the decimal Unix time in
 * seconds also sent in {@code X-Synapse-Timestamp}, and BODY the raw body bytes (empty for GET).
 * The header value is {@code sha256=<lower-case hex HMAC-SHA256 keyed with the secret>}
 * (RFC 2104). A timestamp further than {@value #WINDOW_SECONDS} s from the server's clock is
 * refused, and each signature is accepted once within that window. Pure Java; thread-safe.
 */
public final class RequestSigning {
  /** Synapse's signature header. */
  public static final String SIGNATURE_HEADER = "X-Synapse-Signature";
  /** The signed Unix time in seconds. */
  public static final String TIMESTAMP_HEADER = "X-Synapse-Timestamp";
  /** Largest accepted distance between the timestamp and the server's clock, in seconds. */
  public static final long WINDOW_SECONDS = 300;
  static final String PREFIX = "sha256=";

  private RequestSigning() {}

  /**
   * @param secret the shared secret (UTF-8)
   * @param method HTTP method, any case
   * @param target path with query as sent on the request line
   * @param timestampSeconds Unix time in seconds, sent in {@link #TIMESTAMP_HEADER}
   * @param body raw body bytes, or null for none
   * @return the {@link #SIGNATURE_HEADER} value, {@code sha256=<hex>}
   */
  public static String sign(String secret, String method, String target, long timestampSeconds, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(mac(secret.getBytes(StandardCharsets.UTF_8), method, target,
        Long.toString(timestampSeconds), body));
  }

  /**
   * Checks a presented signature in constant time.
   *
   * @param presented the header value; a missing {@code sha256=} prefix or bad hex fails
   * @return true when it is the signature of these parts
   */
  static boolean matches(byte[] secret, String presented, String method, String target, String timestamp, byte[] body) {
    byte[] given = parse(presented);
    return given != null && MessageDigest.isEqual(given, mac(secret, method, target, timestamp, body));
  }

  /** @return the 32 signature bytes of {@code sha256=<64 hex>}, or null when malformed */
  static byte[] parse(String header) {
    if (header == null) return null;
    String h = header.trim();
    if (h.length() != PREFIX.length() + 64 || !h.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) return null;
    try {
      return HexFormat.of().parseHex(h.substring(PREFIX.length()).toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] mac(byte[] key, String method, String target, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((method.toUpperCase(Locale.ROOT) + "\n" + target + "\n" + timestamp + "\n")
          .getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body == null ? new byte[0] : body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
