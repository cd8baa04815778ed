package dev.synapse.cluster;

import dev.synapse.cluster.trust.ClusterSecret;
import dev.synapse.cluster.trust.DerivedCertificates;
import dev.synapse.cluster.trust.StoreCipher;
import dev.synapse.cluster.trust.TlsMaterial;
import dev.synapse.config.ClusterTransport;
import dev.synapse.config.SynapseConfig;
import io.vertx.core.eventbus.EventBusOptions;

/**
 * What keeps members without the cluster secret out (docs/threat-model.md). Hazelcast's
 * open-source edition authenticates no member and encrypts no traffic (both are Enterprise
 * features), so Synapse treats Hazelcast as an untrusted carrier and adds three layers, all keyed
 * by {@code SYNAPSE_SECRET}:
 *
 * <ol>
 *   <li><b>Join gate</b> ({@link #clusterName}): the Hazelcast cluster name gets a suffix derived
 *       from the secret, so a member without it (or with another one) is refused at join by
 *       Hazelcast itself. This keeps out misconfigured nodes; it is not cryptographic (the name
 *       crosses the network in clear).
 *   <li><b>Sealed data</b> ({@link #codec}): review values and entry-processor arguments are
 *       sealed (AES-256-CTR, then HMAC-SHA256); a member that got in anyway can neither read nor inject a review.
 *   <li><b>Event bus over mutual TLS</b> ({@link #eventBusOptions}): certificates from
 *       {@code cluster_tls_*} files, else derived from the secret ({@link DerivedCertificates});
 *       a peer without a member certificate can neither send signals to nor receive them from a
 *       member.
 * </ol>
 *
 * <p>Without a secret every layer is off (an open cluster, as before) unless TLS files are
 * given. Immutable; built once per node.
 */
public final class ClusterSecurity {
  private final ClusterSecret secret;
  private final ReviewCodec codec;
  private final ClusterTransport transport;

  private ClusterSecurity(ClusterSecret secret, ClusterTransport transport) {
    this.secret = secret;
    this.transport = transport;
    this.codec = secret == null ? ReviewCodec.plain() : ReviewCodec.sealed(StoreCipher.of(secret));
  }

  /** @return the security of a node with this configuration */
  public static ClusterSecurity of(SynapseConfig config) {
    return new ClusterSecurity(config.authEnabled() ? ClusterSecret.of(config.secret()) : null,
        config.clusterTransport());
  }

  /**
   * @param config validated configuration
   * @return {@code cluster_name} when no secret is set, else {@code <cluster_name>-<16 hex digits>}
   *     derived from the secret ({@link ClusterSecret#clusterName})
   */
  public static String clusterName(SynapseConfig config) {
    return config.authEnabled() ? ClusterSecret.of(config.secret()).clusterName(config.clusterName())
        : config.clusterName();
  }

  /** @return true when a cluster secret is set (sealed data, derived join name) */
  public boolean secured() {
    return secret != null;
  }

  /** @return true when the event bus runs over mutual TLS */
  public boolean eventBusTls() {
    return secret != null || transport.tlsFiles();
  }

  /** @return the codec of this member's review values (one per member) */
  public ReviewCodec codec() {
    return codec;
  }

  /**
   * Event-bus options of a member: fixed port ({@code cluster_eventbus_port}, 0 = any free
   * port), the advertised address ({@code cluster_public_host}) with the bind host, and mutual
   * TLS when {@link #eventBusTls()}.
   *
   * @param bindHost the address the event bus listens on when an advertised address is set
   *     (null: Vert.x uses the Hazelcast member's address)
   * @param memberName label for a derived certificate's subject
   * @return new options
   * @throws IllegalArgumentException when a TLS file cannot be read
   */
  public EventBusOptions eventBusOptions(String bindHost, String memberName) {
    EventBusOptions options = new EventBusOptions().setPort(transport.eventBusPort());
    if (transport.publicHost() != null) {
      options.setHost(bindHost == null ? "0.0.0.0" : bindHost).setClusterPublicHost(transport.publicHost());
    }
    if (transport.tlsFiles()) {
      TlsMaterial.fromFiles(transport.tlsCert(), transport.tlsKey(), transport.tlsCa()).applyTo(options);
    } else if (secret != null) {
      DerivedCertificates.derive(secret, memberName).applyTo(options);
    }
    return options;
  }
}
