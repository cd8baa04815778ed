package dev.synapse.cluster.trust;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PEM material of one member for the clustered event bus: its certificate chain, its PKCS#8
 * private key, and the CA certificate(s) every member's certificate must chain to.
 *
 * <p>{@link #applyTo} turns on TLS for both directions of the event bus with client
 * authentication required: a connection is accepted only from a peer presenting a certificate
 * signed by the CA, and this member sends only to a peer that does. Vert.x does not verify host
 * names on event-bus connections, so the CA is the whole trust decision: use a CA that signs
 * only Synapse members. The PEM values are kept in memory (Vert.x copies them into the client and
 * server options); never logged.
 *
 * @param certChain PEM certificate chain, leaf first
 * @param privateKey PEM PKCS#8 private key of the leaf
 * @param caCerts PEM CA certificate(s)
 */
public record TlsMaterial(Buffer certChain, Buffer privateKey, Buffer caCerts) {
  /**
   * @return material read from the three files
   * @throws IllegalArgumentException naming the file when one cannot be read or is not PEM
   */
  public static TlsMaterial fromFiles(Path cert, Path key, Path ca) {
    return new TlsMaterial(read(cert, "SYNAPSE_CLUSTER_TLS_CERT"), read(key, "SYNAPSE_CLUSTER_TLS_KEY"),
        read(ca, "SYNAPSE_CLUSTER_TLS_CA"));
  }

  /**
   * Sets TLS with required client authentication, this member's key and certificate, and the CA
   * as the only trust anchor, on {@code options}.
   *
   * @return {@code options}
   */
  public EventBusOptions applyTo(EventBusOptions options) {
    options.setSsl(true).setClientAuth(ClientAuth.REQUIRED).setTrustAll(false)
        .setKeyCertOptions(new PemKeyCertOptions().addCertValue(certChain).addKeyValue(privateKey))
        .setTrustOptions(new PemTrustOptions().addCertValue(caCerts));
    return options;
  }

  private static Buffer read(Path file, String key) {
    try {
      String text = Files.readString(file);
      if (!text.contains("-----BEGIN ")) throw new IllegalArgumentException(key + ": " + file + " is not PEM");
      return Buffer.buffer(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(key + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  @Override
  public String toString() {
    return "TlsMaterial[redacted]";
  }
}
