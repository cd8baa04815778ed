package dev.synapse.cluster.trust;

import io.vertx.core.buffer.Buffer;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Dev-mode TLS material for the event bus, derived from the cluster secret when no certificate
 * files are configured.
 *
 * <p>The CA's EC P-256 key pair is a pure function of the secret: its private scalar is
 * {@code 1 + (HKDF(secret, "synapse/cluster/tls-ca-key/v1", 40 bytes) mod (n - 1))}, its public
 * point computed with BouncyCastle's curve arithmetic; the CA certificate has a fixed subject and
 * validity, so every member sharing the secret holds the same trust anchor. Each member then
 * draws a fresh random P-256 key at start and signs its own leaf certificate with the CA key.
 * A peer without the secret cannot produce a certificate the members accept.
 *
 * <p>Trade-off (docs/threat-model.md): anyone who learns the secret can mint member
 * certificates, and changing the secret changes the CA; certificate files from a real CA
 * ({@code cluster_tls_*}) separate the two. Key material never leaves memory and is never logged.
 * Signing uses the JDK's SunEC provider; BouncyCastle is not registered as a provider.
 */
public final class DerivedCertificates {
  private static final String CURVE = "secp256r1";
  private static final String SIGNATURE = "SHA256withECDSA";
  private static final X500Name CA_NAME = new X500Name("CN=Synapse cluster CA (derived from the cluster secret)");
  private static final Instant CA_NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
  private static final Instant CA_NOT_AFTER = Instant.parse("2099-12-31T23:59:59Z");
  /** Leaf validity: long, since a leaf lives as long as its process; it is never written anywhere. */
  private static final Duration LEAF_VALIDITY = Duration.ofDays(3650);

  private DerivedCertificates() {}

  /**
   * @param secret the derivation root
   * @param memberName a label for this member's certificate subject (not a secret; e.g. its host)
   * @return this member's leaf and key, with the derived CA as the only trust anchor
   */
  public static TlsMaterial derive(ClusterSecret secret, String memberName) {
    try {
      KeyPair ca = caKeyPair(secret);
      X509Certificate caCert = caCertificate(ca, secret);
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec(CURVE));
      KeyPair leaf = gen.generateKeyPair();
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(CA_NAME,
          new BigInteger(127, new java.security.SecureRandom()).add(BigInteger.ONE),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(LEAF_VALIDITY)),
          new X500Name("CN=synapse-member " + memberName.replaceAll("[^A-Za-z0-9._:-]", "_")), leaf.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      X509Certificate leafCert = sign(b, ca.getPrivate());
      return new TlsMaterial(Buffer.buffer(pem("CERTIFICATE", leafCert.getEncoded()) + pem("CERTIFICATE", caCert.getEncoded())),
          Buffer.buffer(pem("PRIVATE KEY", leaf.getPrivate().getEncoded())),
          Buffer.buffer(pem("CERTIFICATE", caCert.getEncoded())));
    } catch (GeneralSecurityException | org.bouncycastle.cert.CertIOException e) {
      throw new IllegalStateException("cannot derive cluster certificates: " + e.getClass().getSimpleName(), e);
    }
  }

  /** @return the CA public key derived from {@code secret} (same on every member sharing it) */
  public static PublicKey caPublicKey(ClusterSecret secret) {
    try {
      return caKeyPair(secret).getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot derive the cluster CA key", e);
    }
  }

  private static KeyPair caKeyPair(ClusterSecret secret) throws GeneralSecurityException {
    X9ECParameters x9 = ECNamedCurveTable.getByName(CURVE);
    BigInteger n = x9.getN();
    BigInteger d = new BigInteger(1, secret.derive(ClusterSecret.TLS_CA_LABEL, 40))
        .mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    org.bouncycastle.math.ec.ECPoint q = x9.getG().multiply(d).normalize();
    AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
    ap.init(new ECGenParameterSpec(CURVE));
    ECParameterSpec spec = ap.getParameterSpec(ECParameterSpec.class);
    KeyFactory kf = KeyFactory.getInstance("EC");
    PrivateKey priv = kf.generatePrivate(new ECPrivateKeySpec(d, spec));
    PublicKey pub = kf.generatePublic(new ECPublicKeySpec(
        new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), spec));
    return new KeyPair(pub, priv);
  }

  private static X509Certificate caCertificate(KeyPair ca, ClusterSecret secret)
      throws GeneralSecurityException, org.bouncycastle.cert.CertIOException {
    BigInteger serial = new BigInteger(1, secret.derive("synapse/cluster/tls-ca-serial/v1", 16));
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(CA_NAME, serial,
        Date.from(CA_NOT_BEFORE), Date.from(CA_NOT_AFTER), CA_NAME, ca.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return sign(b, ca.getPrivate());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("signer unavailable", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
