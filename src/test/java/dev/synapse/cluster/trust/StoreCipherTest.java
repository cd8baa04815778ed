package dev.synapse.cluster.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StoreCipherTest {
  private static final byte[] AAD = "review r1".getBytes(StandardCharsets.UTF_8);
  private final StoreCipher cipher = StoreCipher.of(ClusterSecret.of("store-cipher-test-secret"));

  private static String flip(String sealed, int index) {
    byte[] raw = Base64.getDecoder().decode(sealed);
    raw[index] ^= 1;
    return Base64.getEncoder().withoutPadding().encodeToString(raw);
  }

  @Test
  @DisplayName("a sealed value opens with the same keys and context, and two seals of one value differ")
  void roundTrip() throws Exception {
    byte[] plain = "the diff".getBytes(StandardCharsets.UTF_8);
    String a = cipher.seal(plain, AAD);
    assertArrayEquals(plain, cipher.open(a, AAD));
    assertNotEquals(a, cipher.seal(plain, AAD), "fresh IV per seal");
    assertArrayEquals(new byte[0], cipher.open(cipher.seal(new byte[0], AAD), AAD));
  }

  @Test
  @DisplayName("a changed version, IV, ciphertext or tag byte, a truncation, another context or other keys are refused")
  void tamperRefused() {
    String s = cipher.seal("the diff".getBytes(StandardCharsets.UTF_8), AAD);
    int len = Base64.getDecoder().decode(s).length;
    for (int i : new int[] {0, 1, 16, 17, 20, len - 1}) {
      assertThrows(TamperedValueException.class, () -> cipher.open(flip(s, i), AAD), "byte " + i);
    }
    assertThrows(TamperedValueException.class, () -> cipher.open(s.substring(0, s.length() - 4), AAD));
    assertThrows(TamperedValueException.class, () -> cipher.open(s, "review r2".getBytes(StandardCharsets.UTF_8)));
    assertThrows(TamperedValueException.class, () -> cipher.open("%%%", AAD));
    StoreCipher other = StoreCipher.of(ClusterSecret.of("another-store-secret"));
    TamperedValueException e = assertThrows(TamperedValueException.class, () -> other.open(s, AAD));
    assertEquals("authentication tag mismatch", e.getMessage());
  }

  @Test
  @DisplayName("the context is length-prefixed: moving bytes between context and value does not verify")
  void contextBoundaryIsUnambiguous() {
    String s = cipher.seal("xy".getBytes(StandardCharsets.UTF_8), "ab".getBytes(StandardCharsets.UTF_8));
    assertThrows(TamperedValueException.class, () -> cipher.open(s, "abx".getBytes(StandardCharsets.UTF_8)));
    assertThrows(TamperedValueException.class, () -> cipher.open(s, "a".getBytes(StandardCharsets.UTF_8)));
  }
}
