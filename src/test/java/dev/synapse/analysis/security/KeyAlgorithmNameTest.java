package dev.synapse.analysis.security;

import static dev.synapse.analysis.security.SecurityTestDiffs.lines;
import static dev.synapse.analysis.security.SecurityTestDiffs.newFile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Plain "AES" is a weak choice only as a Cipher transformation (the provider default mode is
 * ECB); as the algorithm of a key generator or key factory it says nothing about the mode. Found
 * on the OWASP Benchmark (Java) yardstick: every safe AES/GCM test was flagged for its
 * {@code KeyGenerator.getInstance("AES")} line.
 */
class KeyAlgorithmNameTest {

  @Test
  @DisplayName("KeyGenerator.getInstance(\"AES\") next to an AES/GCM cipher is not weak crypto")
  void keyGeneratorAesIsNotReported() {
    assertEquals(List.of(), lines(newFile("Seal.java", """
        class Seal {
          byte[] seal(byte[] data, byte[] iv) throws Exception {
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            javax.crypto.SecretKey key = javax.crypto.KeyGenerator.getInstance("AES").generateKey();
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.GCMParameterSpec(128, iv));
            return c.doFinal(data);
          }
        }
        """), "weak_crypto"));
  }

  @Test
  @DisplayName("Cipher.getInstance(\"AES\") (ECB by default) is still reported")
  void cipherAesIsReported() {
    assertEquals(List.of(3), lines(newFile("Seal.java", """
        class Seal {
          byte[] seal(byte[] data, javax.crypto.SecretKey key) throws Exception {
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES");
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, key);
            return c.doFinal(data);
          }
        }
        """), "weak_crypto"));
  }
}
