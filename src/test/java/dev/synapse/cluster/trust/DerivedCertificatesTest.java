package dev.synapse.cluster.trust;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DerivedCertificatesTest {
  private static List<X509Certificate> certs(io.vertx.core.buffer.Buffer pem) throws Exception {
    CertificateFactory f = CertificateFactory.getInstance("X.509");
    return f.generateCertificates(new ByteArrayInputStream(pem.toString().getBytes(StandardCharsets.UTF_8)))
        .stream().map(c -> (X509Certificate) c).toList();
  }

  private static X509TrustManager trusting(TlsMaterial m) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    int i = 0;
    for (X509Certificate c : certs(m.caCerts())) ks.setCertificateEntry("ca" + i++, c);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(ks);
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }

  @Test
  @DisplayName("two members deriving from the same secret trust each other's certificates, as client and as server")
  void sameSecretTrusted() throws Exception {
    ClusterSecret s = ClusterSecret.of("a-long-random-cluster-secret");
    TlsMaterial a = DerivedCertificates.derive(s, "10.0.0.1");
    TlsMaterial b = DerivedCertificates.derive(ClusterSecret.of("a-long-random-cluster-secret"), "10.0.0.2");
    X509Certificate[] chainB = certs(b.certChain()).toArray(new X509Certificate[0]);
    assertDoesNotThrow(() -> trusting(a).checkClientTrusted(chainB, "ECDHE_ECDSA"));
    assertDoesNotThrow(() -> trusting(a).checkServerTrusted(chainB, "ECDHE_ECDSA"));
    assertEquals(certs(a.caCerts()).get(0).getPublicKey(), certs(b.caCerts()).get(0).getPublicKey());
    assertNotEquals(certs(a.certChain()).get(0).getPublicKey(), chainB[0].getPublicKey(), "each member has its own key");
  }

  @Test
  @DisplayName("a certificate derived from another secret is refused")
  void otherSecretRefused() throws Exception {
    TlsMaterial a = DerivedCertificates.derive(ClusterSecret.of("secret-one-secret-one"), "a");
    TlsMaterial rogue = DerivedCertificates.derive(ClusterSecret.of("secret-two-secret-two"), "a");
    X509Certificate[] chain = certs(rogue.certChain()).toArray(new X509Certificate[0]);
    assertThrows(CertificateException.class, () -> trusting(a).checkClientTrusted(chain, "ECDHE_ECDSA"));
    assertThrows(CertificateException.class, () -> trusting(a).checkServerTrusted(chain, "ECDHE_ECDSA"));
  }

  @Test
  @DisplayName("the private key is PKCS#8 PEM and the CA public key depends only on the secret")
  void shapes() throws Exception {
    ClusterSecret s = ClusterSecret.of("shape-secret-shape-secret");
    TlsMaterial m = DerivedCertificates.derive(s, "h");
    String key = m.privateKey().toString();
    assertEquals(true, key.startsWith("-----BEGIN PRIVATE KEY-----"));
    assertEquals(DerivedCertificates.caPublicKey(s), certs(m.caCerts()).get(0).getPublicKey());
    assertEquals("TlsMaterial[redacted]", m.toString());
  }
}
