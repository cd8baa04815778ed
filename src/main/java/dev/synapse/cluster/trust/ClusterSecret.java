package dev.synapse.cluster.trust;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys derived from the shared secret ({@code SYNAPSE_SECRET}) for the cluster: HKDF-SHA256
 * (RFC 5869) with a fixed salt and one {@code info} label per use, so each derived value is
 * independent of the others and of the secret itself (the ingress HMAC keeps using the raw
 * secret; nothing derived here can be turned back into it).
 *
 * <ul>
 *   <li>{@link #clusterName}: the Hazelcast cluster name, {@code <name>-<16 hex digits>}; a
 *       member without the secret presents another name and Hazelcast refuses its join.
 *   <li>{@link #storeKey} and {@link #storeMacKey}: the AES-256 and HMAC-SHA256 keys sealing
 *       review values in Hazelcast ({@link StoreCipher}).
 *   <li>{@link #derive} with {@link #TLS_CA_LABEL}: the private scalar of the event bus's derived
 *       certificate authority ({@link DerivedCertificates}).
 * </ul>
 *
 * <p>The derivation is as strong as the secret: use at least 32 random bytes
 * ({@code openssl rand -hex 32}). Immutable and thread-safe; never logs or prints key material.
 */
public final class ClusterSecret {
  /** HKDF label of the event bus's derived CA key. */
  public static final String TLS_CA_LABEL = "synapse/cluster/tls-ca-key/v1";
  private static final String NAME_LABEL = "synapse/cluster/name/v1";
  private static final String STORE_LABEL = "synapse/cluster/review-store/aes-256-ctr/v1";
  private static final String STORE_MAC_LABEL = "synapse/cluster/review-store/hmac-sha256/v1";
  private static final byte[] SALT = "synapse-cluster-hkdf-salt-v1".getBytes(StandardCharsets.UTF_8);
  private static final String HMAC = "HmacSHA256";

  private final byte[] prk;

  private ClusterSecret(byte[] prk) {
    this.prk = prk;
  }

  /**
   * @param secret the shared secret; must not be null or empty
   * @return the derivation root (HKDF extract of the secret)
   */
  public static ClusterSecret of(String secret) {
    if (secret == null || secret.isEmpty()) throw new IllegalArgumentException("empty cluster secret");
    return new ClusterSecret(hmac(SALT, secret.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * HKDF expand.
   *
   * @param label the use of the output (distinct labels give independent outputs)
   * @param length bytes wanted, 1 to 8160
   * @return {@code length} pseudo-random bytes, the same for the same secret and label
   */
  public byte[] derive(String label, int length) {
    if (length < 1 || length > 255 * 32) throw new IllegalArgumentException("length " + length);
    byte[] info = label.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[length];
    byte[] block = new byte[0];
    int done = 0;
    for (int i = 1; done < length; i++) {
      byte[] input = new byte[block.length + info.length + 1];
      System.arraycopy(block, 0, input, 0, block.length);
      System.arraycopy(info, 0, input, block.length, info.length);
      input[input.length - 1] = (byte) i;
      block = hmac(prk, input);
      int n = Math.min(block.length, length - done);
      System.arraycopy(block, 0, out, done, n);
      done += n;
    }
    return out;
  }

  /**
   * @param base the configured cluster name ({@code SYNAPSE_CLUSTER_NAME})
   * @return the name members sharing this secret use: {@code base-<16 hex digits>}
   */
  public String clusterName(String base) {
    return base + "-" + HexFormat.of().formatHex(derive(NAME_LABEL, 8));
  }

  /** @return the AES-256 key that encrypts review values stored in Hazelcast */
  public SecretKey storeKey() {
    return new SecretKeySpec(derive(STORE_LABEL, 32), "AES");
  }

  /** @return the HMAC-SHA256 key that authenticates review values stored in Hazelcast */
  public SecretKey storeMacKey() {
    return new SecretKeySpec(derive(STORE_MAC_LABEL, 32), HMAC);
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "ClusterSecret[redacted]";
  }
}
