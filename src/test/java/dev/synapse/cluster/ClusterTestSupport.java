package dev.synapse.cluster;

import dev.synapse.config.ConfigLoader;
import dev.synapse.config.SynapseConfig;
import dev.synapse.signal.ReviewRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Loopback cluster configurations and sample requests for the cluster tests. */
final class ClusterTestSupport {
  /** A small diff touching one file. */
  static final String DIFF = """
      diff --git a/src/Repo.java b/src/Repo.java
      --- a/src/Repo.java
      +++ b/src/Repo.java
      @@ -1,3 +1,3 @@
       class Repo {
      -  String q = "SELECT 1";
      +  String q = "SELECT * FROM users WHERE id = " + id;
       }
      """;

  private ClusterTestSupport() {}

  /** @return a port free right now on 127.0.0.1 */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return a cluster name no other test run on this machine uses */
  static String uniqueClusterName() {
    return "synapse-test-" + UUID.randomUUID();
  }

  /** @return environment variables of one member of a loopback cluster */
  static Map<String, String> env(String clusterName, int clusterPort, List<Integer> memberPorts) {
    Map<String, String> env = new HashMap<>();
    env.put("SYNAPSE_CLUSTER", "true");
    env.put("SYNAPSE_CLUSTER_NAME", clusterName);
    env.put("SYNAPSE_CLUSTER_HOST", "127.0.0.1");
    env.put("SYNAPSE_CLUSTER_PORT", Integer.toString(clusterPort));
    env.put("SYNAPSE_CLUSTER_MEMBERS",
        memberPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(",")));
    env.put("SYNAPSE_HTTP_HOST", "127.0.0.1");
    env.put("SYNAPSE_HTTP_PORT", "0");
    env.put("SYNAPSE_ACTION_TIMEOUT_MS", "2000");
    env.put("SYNAPSE_ACTION_MAX_RETRIES", "1");
    env.put("SYNAPSE_SECURITY_POOL_SIZE", "1");
    env.put("SYNAPSE_PERFORMANCE_POOL_SIZE", "1");
    env.put("SYNAPSE_SHUTDOWN_GRACE_MS", "5000");
    return env;
  }

  /** @return the configuration of one member of a loopback cluster */
  static SynapseConfig config(String clusterName, int clusterPort, List<Integer> memberPorts) {
    return ConfigLoader.load(null, env(clusterName, clusterPort, memberPorts), null);
  }

  /** @return a deep-review request (both specialists run) with the given id */
  static ReviewRequest request(String id) {
    return ReviewRequest.fromTrustedJson(new JsonObject().put("review_id", id).put("diff", DIFF)
        .put("files_changed", 1).put("labels", new io.vertx.core.json.JsonArray().add("security")));
  }
}
