package dev.synapse.cluster.trust;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM sealing of values kept in (or sent through) Hazelcast: confidentiality and
 * integrity in one primitive (GCM's 128-bit tag is the authenticator; a separate HMAC would add
 * nothing). Every seal draws a fresh random 96-bit nonce. The additional authenticated data binds
 * a value to its context (review id and the clear index fields), so a sealed value cannot be
 * moved to another key or relabelled.
 *
 * <p>Sealed text: base64 (no padding) of {@code version(1) | nonce(12) | ciphertext | tag(16)}.
 * Thread-safe (a {@link Cipher} per call).
 */
public final class StoreCipher {
  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  /** @param key an AES key (256 bits from {@link ClusterSecret#storeKey()}) */
  public StoreCipher(SecretKey key) {
    this.key = key;
  }

  /**
   * @param plaintext the value
   * @param aad context bound to the value (not encrypted, must be given again to open)
   * @return the sealed text
   */
  public String seal(byte[] plaintext, byte[] aad) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance(TRANSFORMATION);
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad);
      byte[] ct = c.doFinal(plaintext);
      ByteBuffer out = ByteBuffer.allocate(1 + NONCE_BYTES + ct.length).put(VERSION).put(nonce).put(ct);
      return Base64.getEncoder().withoutPadding().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * @param sealed text from {@link #seal}
   * @param aad the context given to {@link #seal}
   * @return the plaintext
   * @throws TamperedValueException when the text is malformed, was sealed with another key, or
   *     was changed, or the context differs
   */
  public byte[] open(String sealed, byte[] aad) throws TamperedValueException {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new TamperedValueException("not base64");
    }
    if (raw.length < 1 + NONCE_BYTES + TAG_BITS / 8 || raw[0] != VERSION) {
      throw new TamperedValueException("bad length or version");
    }
    try {
      Cipher c = Cipher.getInstance(TRANSFORMATION);
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 1, NONCE_BYTES));
      c.updateAAD(aad);
      return c.doFinal(raw, 1 + NONCE_BYTES, raw.length - 1 - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new TamperedValueException("authentication tag mismatch");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }
}
