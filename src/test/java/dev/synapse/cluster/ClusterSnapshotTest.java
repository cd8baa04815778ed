package dev.synapse.cluster;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.synapse.config.ConfigLoader;
import dev.synapse.node.SynapseNode;
import dev.synapse.review.StoredReview;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The clustered review store takes part in snapshots: a whole-cluster restart keeps finished reviews. */
@Timeout(180)
class ClusterSnapshotTest {
  @TempDir Path dir;
  private SynapseNode node;

  @AfterEach
  void close() throws Exception {
    if (node != null) node.close().await(60, TimeUnit.SECONDS);
  }

  private SynapseNode startSingleMember(String cluster) throws Exception {
    int port = ClusterTestSupport.freePort();
    Map<String, String> env = new HashMap<>(ClusterTestSupport.env(cluster, port, List.of(port)));
    env.put("SYNAPSE_BACKUP_DIR", dir.toString());
    node = SynapseNode.startClustered(ConfigLoader.load(null, env, null)).await(120, TimeUnit.SECONDS);
    return node;
  }

  @Test
  @DisplayName("a finished review survives a restart of a one-member cluster through the shutdown snapshot")
  void clusteredRoundTrip() throws Exception {
    SynapseNode first = startSingleMember(ClusterTestSupport.uniqueClusterName());
    first.reviews().submit(ClusterTestSupport.request("cluster-keep")).await(30, TimeUnit.SECONDS);
    assertNotNull(first.reviews().awaitSummary("cluster-keep", 60_000).await(70, TimeUnit.SECONDS));
    first.close().await(60, TimeUnit.SECONDS);
    node = null;
    SynapseNode second = startSingleMember(ClusterTestSupport.uniqueClusterName());
    StoredReview restored = second.reviews().store().get("cluster-keep").await(10, TimeUnit.SECONDS);
    assertNotNull(restored);
    assertNotNull(restored.summary());
  }
}
