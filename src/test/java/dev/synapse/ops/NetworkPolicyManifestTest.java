package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.config.ConfigKey;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** k8s/networkpolicy.yaml against the workload it protects (issue 14: only Synapse pods reach the cluster ports). */
@SuppressWarnings("unchecked")
class NetworkPolicyManifestTest {
  private static Map<String, Object> policy;
  private static Map<String, Object> workload;
  private static Map<String, Object> configMap;

  @BeforeAll
  static void load() throws IOException {
    policy = only(Path.of("k8s/networkpolicy.yaml"), "NetworkPolicy");
    workload = only(Path.of("k8s/statefulset.yaml"), "StatefulSet");
    configMap = only(Path.of("k8s/configmap.yaml"), "ConfigMap");
  }

  private static Map<String, Object> only(Path file, String kind) throws IOException {
    List<Map<String, Object>> found = new ArrayList<>();
    for (Object d : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))) {
      if (d instanceof Map<?, ?> m && kind.equals(m.get("kind"))) found.add((Map<String, Object>) m);
    }
    assertEquals(1, found.size(), "one " + kind + " in " + file);
    return found.get(0);
  }

  private static Object at(Object node, String... path) {
    Object cur = node;
    for (String p : path) {
      assertNotNull(cur, String.join(".", path));
      cur = ((Map<String, Object>) cur).get(p);
    }
    return cur;
  }

  private static Map<String, Integer> containerPorts() {
    Map<String, Object> container = (Map<String, Object>) ((List<Object>) at(workload, "spec", "template", "spec",
        "containers")).get(0);
    Map<String, Integer> ports = new HashMap<>();
    for (Object p : (List<Object>) container.get("ports")) {
      Map<String, Object> m = (Map<String, Object>) p;
      ports.put((String) m.get("name"), ((Number) m.get("containerPort")).intValue());
    }
    return ports;
  }

  private static Map<String, Object> podLabels() {
    return (Map<String, Object>) at(workload, "spec", "template", "metadata", "labels");
  }

  @Test
  @DisplayName("the policy selects the Synapse pods by the labels the workload actually sets")
  void selectsWorkloadPods() {
    Map<String, Object> match = (Map<String, Object>) at(policy, "spec", "podSelector", "matchLabels");
    assertTrue(podLabels().entrySet().containsAll(match.entrySet()), match + " vs " + podLabels());
    assertTrue(match.containsKey("app.kubernetes.io/name"));
    assertEquals(List.of("Ingress"), at(policy, "spec", "policyTypes"));
  }

  @Test
  @DisplayName("the Hazelcast and event-bus ports are reachable only from Synapse pods; HTTP from anywhere")
  void clusterPortsOnlyFromSynapsePods() {
    Map<String, Integer> ports = containerPorts();
    Set<Integer> clusterPorts = Set.of(ports.get("hazelcast"), ports.get("eventbus"));
    Set<Integer> fromPods = new TreeSet<>();
    Set<Integer> fromAnywhere = new TreeSet<>();
    for (Object r : (List<Object>) at(policy, "spec", "ingress")) {
      Map<String, Object> rule = (Map<String, Object>) r;
      List<Object> from = (List<Object>) rule.get("from");
      Set<Integer> rulePorts = new TreeSet<>();
      for (Object p : (List<Object>) rule.get("ports")) rulePorts.add(((Number) ((Map<String, Object>) p).get("port")).intValue());
      if (from == null) {
        fromAnywhere.addAll(rulePorts);
        continue;
      }
      for (Object f : from) {
        Map<String, Object> peer = (Map<String, Object>) f;
        assertEquals(Set.of("podSelector"), peer.keySet(), "cluster ports open only to pods: " + peer);
        Map<String, Object> match = (Map<String, Object>) at(peer, "podSelector", "matchLabels");
        assertTrue(podLabels().entrySet().containsAll(match.entrySet()), match.toString());
      }
      fromPods.addAll(rulePorts);
    }
    assertEquals(new TreeSet<>(clusterPorts), fromPods);
    assertEquals(Set.of(ports.get("http")), fromAnywhere);
  }

  @Test
  @DisplayName("the event bus listens on the port the policy opens (ConfigMap, env and container port agree)")
  void eventBusPortFixed() {
    int port = containerPorts().get("eventbus");
    JsonObject conf = new JsonObject((String) ((Map<String, Object>) configMap.get("data")).get("synapse.json"));
    assertEquals(port, conf.getInteger(ConfigKey.CLUSTER_EVENTBUS_PORT.jsonName()));
    Map<String, Object> container = (Map<String, Object>) ((List<Object>) at(workload, "spec", "template", "spec",
        "containers")).get(0);
    String env = null;
    for (Object e : (List<Object>) container.get("env")) {
      Map<String, Object> m = (Map<String, Object>) e;
      if (ConfigKey.CLUSTER_EVENTBUS_PORT.env().equals(m.get("name"))) env = String.valueOf(m.get("value"));
    }
    assertEquals(String.valueOf(port), env);
  }
}
