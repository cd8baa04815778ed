package dev.synapse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import dev.synapse.config.ConfigException;
import dev.synapse.config.ConfigLoader;
import dev.synapse.config.SynapseConfig;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Configuration of the cluster transport: advertised address, event-bus port, TLS, derived name. */
class ClusterTransportConfigTest {
  private static SynapseConfig load(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(ClusterTestSupport.env("synapse", 5701, List.of(5701)));
    env.putAll(extra);
    return ConfigLoader.load(null, env, null);
  }

  @Test
  @DisplayName("the advertised host becomes the Hazelcast public address and the event-bus public host, bound apart")
  void publicHost() {
    SynapseConfig c = load(Map.of("SYNAPSE_CLUSTER_PUBLIC_HOST", "node1.example.org",
        "SYNAPSE_CLUSTER_EVENTBUS_PORT", "5711", "SYNAPSE_CLUSTER_HOST", "0.0.0.0"));
    Config hz = HazelcastConfigFactory.build(c);
    assertEquals("node1.example.org", hz.getNetworkConfig().getPublicAddress());
    EventBusOptions eb = ClusterSecurity.of(c).eventBusOptions(null, "n");
    assertEquals("node1.example.org", eb.getClusterPublicHost());
    assertEquals("0.0.0.0", eb.getHost());
    assertEquals(5711, eb.getPort());
  }

  @Test
  @DisplayName("without an advertised host nothing changes: random event-bus port, Vert.x picks the member address")
  void defaults() {
    SynapseConfig c = load(Map.of());
    assertNull(HazelcastConfigFactory.build(c).getNetworkConfig().getPublicAddress());
    EventBusOptions eb = ClusterSecurity.of(c).eventBusOptions(null, "n");
    assertEquals(0, eb.getPort());
    assertNull(eb.getClusterPublicHost());
    assertEquals(false, eb.isSsl());
    assertEquals("synapse", HazelcastConfigFactory.build(c).getClusterName());
  }

  @Test
  @DisplayName("with a secret the cluster name carries a derived suffix and the event bus requires client certificates")
  void secretTurnsOnTrust() {
    SynapseConfig c = load(Map.of("SYNAPSE_SECRET", "0123456789abcdef0123456789abcdef"));
    String name = HazelcastConfigFactory.build(c).getClusterName();
    assertTrue(name.matches("synapse-[0-9a-f]{16}"), name);
    assertNotEquals(name, HazelcastConfigFactory.build(load(Map.of("SYNAPSE_SECRET", "another-secret-value-123456")))
        .getClusterName());
    EventBusOptions eb = ClusterSecurity.of(c).eventBusOptions(null, "n");
    assertTrue(eb.isSsl());
    assertEquals(ClientAuth.REQUIRED, eb.getClientAuth());
    assertEquals(false, eb.isTrustAll());
    assertTrue(ClusterSecurity.of(c).codec().sealing());
  }

  @Test
  @DisplayName("cluster TLS files must be given together, and a bad value names its key")
  void validation() {
    ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("SYNAPSE_CLUSTER_TLS_CERT", "/x.pem")));
    assertTrue(e.getMessage().contains("SYNAPSE_CLUSTER_TLS_CA"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> load(Map.of("SYNAPSE_CLUSTER_EVENTBUS_PORT", "70000")));
    assertTrue(e.getMessage().contains("SYNAPSE_CLUSTER_EVENTBUS_PORT"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> load(Map.of("SYNAPSE_CLUSTER_PUBLIC_HOST", "a b")));
    assertTrue(e.getMessage().contains("SYNAPSE_CLUSTER_PUBLIC_HOST"), e.getMessage());
  }

  @Test
  @DisplayName("certificate files, when given, are what the event bus presents and trusts (no secret needed)")
  void tlsFromFiles() throws Exception {
    dev.synapse.cluster.trust.TlsMaterial m = dev.synapse.cluster.trust.DerivedCertificates.derive(
        dev.synapse.cluster.trust.ClusterSecret.of("files-test-secret-files-test"), "n");
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cluster-tls");
    java.nio.file.Path cert = java.nio.file.Files.writeString(dir.resolve("member.pem"), m.certChain().toString());
    java.nio.file.Path key = java.nio.file.Files.writeString(dir.resolve("member.key"), m.privateKey().toString());
    java.nio.file.Path ca = java.nio.file.Files.writeString(dir.resolve("ca.pem"), m.caCerts().toString());
    SynapseConfig c = load(Map.of("SYNAPSE_CLUSTER_TLS_CERT", cert.toString(),
        "SYNAPSE_CLUSTER_TLS_KEY", key.toString(), "SYNAPSE_CLUSTER_TLS_CA", ca.toString()));
    EventBusOptions eb = ClusterSecurity.of(c).eventBusOptions(null, "n");
    assertTrue(eb.isSsl());
    assertEquals(ClientAuth.REQUIRED, eb.getClientAuth());
    var keyCert = (io.vertx.core.net.PemKeyCertOptions) eb.getKeyCertOptions();
    assertEquals(List.of(m.certChain()), keyCert.getCertValues());
    assertEquals(List.of(m.privateKey()), keyCert.getKeyValues());
    assertEquals(List.of(m.caCerts()), ((io.vertx.core.net.PemTrustOptions) eb.getTrustOptions()).getCertValues());
    assertEquals(false, ClusterSecurity.of(c).secured(), "files alone do not seal data");
    assertTrue(ClusterSecurity.of(c).eventBusTls());
  }

  @Test
  @DisplayName("an unreadable cluster TLS file stops start-up with a message naming the key, not the content")
  void unreadableTlsFile() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cluster-tls");
    java.nio.file.Path notPem = java.nio.file.Files.writeString(dir.resolve("cert.pem"), "hello");
    SynapseConfig c = load(Map.of("SYNAPSE_CLUSTER_TLS_CERT", notPem.toString(),
        "SYNAPSE_CLUSTER_TLS_KEY", dir.resolve("missing.key").toString(), "SYNAPSE_CLUSTER_TLS_CA", notPem.toString()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClusterSecurity.of(c).eventBusOptions(null, "n"));
    assertTrue(e.getMessage().startsWith("SYNAPSE_CLUSTER_TLS_CERT"), e.getMessage());
    assertTrue(!e.getMessage().contains("hello"));
  }
}
