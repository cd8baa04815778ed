package dev.synapse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import dev.synapse.config.ConfigLoader;
import dev.synapse.config.SynapseConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HazelcastConfigFactoryTest {

  private static Config build(Map<String, String> env) {
    SynapseConfig c = ConfigLoader.load(null, env, null);
    return HazelcastConfigFactory.build(c);
  }

  private static Map<String, String> tcp() {
    Map<String, String> env = new HashMap<>();
    env.put("SYNAPSE_CLUSTER_MEMBERS", "10.0.0.1:5701, 10.0.0.2:5701");
    env.put("SYNAPSE_CLUSTER_HOST", "127.0.0.1");
    env.put("SYNAPSE_CLUSTER_PORT", "5801");
    env.put("SYNAPSE_CLUSTER_NAME", "reviews-prod");
    return env;
  }

  @Test
  @DisplayName("multicast and auto-detection are off and TCP-IP lists the configured members")
  void tcpIpMembers() {
    JoinConfig join = build(tcp()).getNetworkConfig().getJoin();
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getAutoDetectionConfig().isEnabled());
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(List.of("10.0.0.1:5701", "10.0.0.2:5701"), join.getTcpIpConfig().getMembers());
    assertFalse(join.getKubernetesConfig().isEnabled());
  }

  @Test
  @DisplayName("with no members configured, a node looks only for itself on its own host and port")
  void noMembersMeansSelfOnly() {
    Map<String, String> env = tcp();
    env.remove("SYNAPSE_CLUSTER_MEMBERS");
    assertEquals(List.of("127.0.0.1:5801"), build(env).getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
  }

  @Test
  @DisplayName("the member binds only to the cluster host, on the cluster port with auto-increment")
  void bindsHostAndPort() {
    Config cfg = build(tcp());
    assertEquals(5801, cfg.getNetworkConfig().getPort());
    assertTrue(cfg.getNetworkConfig().isPortAutoIncrement());
    assertTrue(cfg.getNetworkConfig().getInterfaces().isEnabled());
    assertEquals(List.of("127.0.0.1"), List.copyOf(cfg.getNetworkConfig().getInterfaces().getInterfaces()));
    assertEquals("false", cfg.getProperty("hazelcast.socket.bind.any"));
  }

  @Test
  @DisplayName("the cluster name comes from the configuration")
  void clusterName() {
    assertEquals("reviews-prod", build(tcp()).getClusterName());
  }

  @Test
  @DisplayName("phone-home and Jet are off")
  void noPhoneHomeNoJet() {
    Config cfg = build(tcp());
    assertEquals("false", cfg.getProperty("hazelcast.phone.home.enabled"));
    assertFalse(cfg.getJetConfig().isEnabled());
  }

  @Test
  @DisplayName("failure detection is tuned: 1 s heartbeat, 5 s to declare a silent member gone, no join wait")
  void failureDetection() {
    Config cfg = build(tcp());
    assertEquals("1", cfg.getProperty("hazelcast.heartbeat.interval.seconds"));
    assertEquals("5", cfg.getProperty("hazelcast.max.no.heartbeat.seconds"));
    assertEquals("0", cfg.getProperty("hazelcast.wait.seconds.before.join"));
  }

  @Test
  @DisplayName("the review maps keep two synchronous backups by default (two of three members may die at once) and no asynchronous one")
  void reviewMapBackups() {
    Config cfg = build(tcp());
    assertEquals(2, cfg.getMapConfig(HazelcastConfigFactory.REVIEWS_MAP).getBackupCount());
    assertEquals(0, cfg.getMapConfig(HazelcastConfigFactory.REVIEWS_MAP).getAsyncBackupCount());
    assertEquals(2, cfg.getMapConfig(HazelcastConfigFactory.UNPUBLISHED_MAP).getBackupCount());
    Map<String, String> env = tcp();
    env.put("SYNAPSE_CLUSTER_BACKUP_COUNT", "3");
    assertEquals(3, build(env).getMapConfig(HazelcastConfigFactory.REVIEWS_MAP).getBackupCount());
  }

  @Test
  @DisplayName("after a split brain the review further along wins the merge, and the split is looked for every 10 s")
  void mergeKeepsNewest() {
    Config cfg = build(tcp());
    assertEquals(ReviewMergePolicy.class.getName(),
        cfg.getMapConfig(HazelcastConfigFactory.REVIEWS_MAP).getMergePolicyConfig().getPolicy());
    assertEquals(com.hazelcast.spi.merge.LatestUpdateMergePolicy.class.getName(),
        cfg.getMapConfig(HazelcastConfigFactory.UNPUBLISHED_MAP).getMergePolicyConfig().getPolicy());
    assertTrue(cfg.getMapConfig(HazelcastConfigFactory.UNPUBLISHED_MAP).isPerEntryStatsEnabled(),
        "last update times are tracked");
    assertEquals("10", cfg.getProperty("hazelcast.merge.first.run.delay.seconds"));
    assertEquals("10", cfg.getProperty("hazelcast.merge.next.run.delay.seconds"));
  }

  @Test
  @DisplayName("an expected size of three protects the review maps with a quorum of two; no expected size, no protection")
  void splitBrainProtection() {
    assertNull(build(tcp()).getMapConfig(HazelcastConfigFactory.REVIEWS_MAP).getSplitBrainProtectionName());
    Map<String, String> env = tcp();
    env.put("SYNAPSE_CLUSTER_EXPECTED_SIZE", "3");
    Config cfg = build(env);
    assertEquals(HazelcastConfigFactory.QUORUM, cfg.getMapConfig(HazelcastConfigFactory.REVIEWS_MAP).getSplitBrainProtectionName());
    assertEquals(HazelcastConfigFactory.QUORUM, cfg.getMapConfig(HazelcastConfigFactory.UNPUBLISHED_MAP).getSplitBrainProtectionName());
    assertEquals(2, cfg.getSplitBrainProtectionConfig(HazelcastConfigFactory.QUORUM).getMinimumClusterSize());
    assertTrue(cfg.getSplitBrainProtectionConfig(HazelcastConfigFactory.QUORUM).isEnabled());
    env.put("SYNAPSE_CLUSTER_EXPECTED_SIZE", "5");
    assertEquals(3, build(env).getSplitBrainProtectionConfig(HazelcastConfigFactory.QUORUM).getMinimumClusterSize());
  }

  @Test
  @DisplayName("the maps Vert.x needs are still declared, with the reviews' backups (two kills must not lose event-bus subscriptions)")
  void vertxMapsKept() {
    Config cfg = build(tcp());
    assertNotNull(cfg.getMultiMapConfigs().get("__vertx.subs"));
    assertEquals(2, cfg.getMultiMapConfig("__vertx.subs").getBackupCount());
    assertEquals("SET", cfg.getMultiMapConfig("__vertx.subs").getValueCollectionType().name(), "Vert.x's own setting kept");
    assertNotNull(cfg.getMapConfigs().get("__vertx.nodeInfo"));
    assertEquals(2, cfg.getMapConfig("__vertx.nodeInfo").getBackupCount());
    Map<String, String> env = tcp();
    env.put("SYNAPSE_CLUSTER_BACKUP_COUNT", "1");
    assertEquals(1, build(env).getMultiMapConfig("__vertx.subs").getBackupCount());
  }

  @Test
  @DisplayName("a Kubernetes service turns on DNS discovery of the headless Service and turns TCP-IP off")
  void kubernetesDns() {
    Map<String, String> env = tcp();
    env.put("SYNAPSE_KUBERNETES_SERVICE", "synapse-hazelcast.reviews.svc.cluster.local");
    env.put("SYNAPSE_CLUSTER_PORT", "5701");
    JoinConfig join = build(env).getNetworkConfig().getJoin();
    assertTrue(join.getKubernetesConfig().isEnabled());
    assertEquals("synapse-hazelcast.reviews.svc.cluster.local", join.getKubernetesConfig().getProperty("service-dns"));
    assertEquals("5701", join.getKubernetesConfig().getProperty("service-port"));
    assertFalse(join.getTcpIpConfig().isEnabled());
    assertFalse(join.getMulticastConfig().isEnabled());
  }

  @Test
  @DisplayName("on Kubernetes the default loopback cluster host is ignored so the member binds the pod address")
  void kubernetesIgnoresLoopback() {
    Map<String, String> env = tcp();
    env.put("SYNAPSE_KUBERNETES_SERVICE", "synapse-hazelcast");
    assertFalse(build(env).getNetworkConfig().getInterfaces().isEnabled());
  }

  @Test
  @DisplayName("on Kubernetes an explicit pod IP is bound")
  void kubernetesBindsPodIp() {
    Map<String, String> env = tcp();
    env.put("SYNAPSE_KUBERNETES_SERVICE", "synapse-hazelcast");
    env.put("SYNAPSE_CLUSTER_HOST", "10.1.2.3");
    Config cfg = build(env);
    assertTrue(cfg.getNetworkConfig().getInterfaces().isEnabled());
    assertEquals(List.of("10.1.2.3"), List.copyOf(cfg.getNetworkConfig().getInterfaces().getInterfaces()));
  }

  @Test
  @DisplayName("a wildcard cluster host lets Hazelcast choose the interface")
  void wildcardHost() {
    Map<String, String> env = tcp();
    env.put("SYNAPSE_CLUSTER_HOST", "0.0.0.0");
    assertFalse(build(env).getNetworkConfig().getInterfaces().isEnabled());
  }
}
