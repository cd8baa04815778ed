package dev.synapse.cluster.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterSecretTest {
  @Test
  @DisplayName("HKDF matches the RFC 5869 construction over HMAC-SHA256 for a multi-block output")
  void hkdfExpandsBlocks() {
    ClusterSecret s = ClusterSecret.of("s3cret");
    byte[] long80 = s.derive("label", 80);
    byte[] short32 = s.derive("label", 32);
    assertArrayEquals(short32, Arrays.copyOf(long80, 32), "the first block does not depend on the length asked");
    assertFalse(Arrays.equals(Arrays.copyOfRange(long80, 0, 32), Arrays.copyOfRange(long80, 32, 64)));
  }

  @Test
  @DisplayName("the same secret derives the same cluster name and keys on every member; another secret does not")
  void deterministicPerSecret() {
    ClusterSecret a = ClusterSecret.of("shared-secret-value");
    ClusterSecret b = ClusterSecret.of("shared-secret-value");
    ClusterSecret other = ClusterSecret.of("shared-secret-valuf");
    assertEquals(a.clusterName("synapse"), b.clusterName("synapse"));
    assertNotEquals(a.clusterName("synapse"), other.clusterName("synapse"));
    assertArrayEquals(a.storeKey().getEncoded(), b.storeKey().getEncoded());
    assertFalse(Arrays.equals(a.storeKey().getEncoded(), other.storeKey().getEncoded()));
    assertEquals(32, a.storeKey().getEncoded().length);
    assertFalse(Arrays.equals(a.storeKey().getEncoded(), a.storeMacKey().getEncoded()), "independent keys");
    assertTrue(a.clusterName("synapse").matches("synapse-[0-9a-f]{16}"), a.clusterName("synapse"));
  }

  @Test
  @DisplayName("derived values are independent of each other and never contain the secret")
  void labelsSeparateUses() {
    ClusterSecret s = ClusterSecret.of("abcdefabcdefabcdef");
    assertFalse(Arrays.equals(s.derive("one", 32), s.derive("two", 32)));
    String name = s.clusterName("synapse");
    assertFalse(name.contains("abcdef"));
    assertFalse(HexFormat.of().formatHex(s.storeKey().getEncoded()).contains("abcdef"));
    assertEquals("ClusterSecret[redacted]", s.toString());
  }

  @Test
  @DisplayName("an empty secret is refused rather than deriving keys from nothing")
  void emptySecretRefused() {
    assertThrows(IllegalArgumentException.class, () -> ClusterSecret.of(""));
    assertThrows(IllegalArgumentException.class, () -> ClusterSecret.of(null));
  }
}
