package dev.synapse.config;

import java.nio.file.Path;

/**
 * How cluster members reach each other's event bus, and the TLS material that authenticates
 * them (see docs/threat-model.md).
 *
 * @param eventBusPort TCP port of the clustered event bus; 0 picks a free port at start
 * @param publicHost address other members use to reach this one (Hazelcast public address and
 *     event-bus host) when it differs from the bind address (containers, NAT), or null
 * @param tlsCert PEM certificate chain of this member for the event bus, or null
 * @param tlsKey PEM (PKCS#8) private key of {@code tlsCert}, or null
 * @param tlsCa PEM certificate(s) of the CA that signs every member's certificate, or null;
 *     the three are set together or not at all
 */
public record ClusterTransport(int eventBusPort, String publicHost, Path tlsCert, Path tlsKey, Path tlsCa) {
  /** Random event-bus port, no public address, no TLS files. */
  public static final ClusterTransport DEFAULT = new ClusterTransport(0, null, null, null, null);

  /** @return true when TLS certificates come from files */
  public boolean tlsFiles() {
    return tlsCert != null && tlsKey != null && tlsCa != null;
  }
}
