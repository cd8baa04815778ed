package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.config.ConfigKey;
import dev.synapse.config.ConfigLoader;
import dev.synapse.config.SynapseConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment files ({@code k8s/*.yaml}, {@code docker/Dockerfile}, {@code bin/synapse})
 * agree with the application: ports, probe paths, environment names, configuration keys,
 * security settings and shutdown timing.
 */
@SuppressWarnings("unchecked")
class DeploymentManifestTest {
  private static final Path K8S = Path.of("k8s");
  private static final Path DOCKERFILE = Path.of("docker/Dockerfile");
  private static final Path LAUNCHER = Path.of("src/main/dist/bin/synapse");
  private static final int HTTP_PORT = Integer.parseInt(ConfigKey.HTTP_PORT.defaultValue());
  private static final int CLUSTER_PORT = Integer.parseInt(ConfigKey.CLUSTER_PORT.defaultValue());

  private static List<Map<String, Object>> docs;
  private static String dockerfile;

  @BeforeAll
  static void load() throws IOException {
    docs = new ArrayList<>();
    try (Stream<Path> files = Files.list(K8S)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(f))) {
          // plain files beside the manifests (prometheus-rules.yaml) are no Kubernetes objects
          if (doc instanceof Map<?, ?> m && m.containsKey("kind")) docs.add((Map<String, Object>) doc);
        }
      }
    }
    dockerfile = Files.readString(DOCKERFILE);
  }

  // ---- small navigation helpers over the parsed YAML ----

  private static Map<String, Object> map(Object o, String... path) {
    Object cur = o;
    for (String p : path) cur = cur == null ? null : ((Map<String, Object>) cur).get(p);
    return (Map<String, Object>) cur;
  }

  private static List<Object> list(Object o, String key) {
    Object v = ((Map<String, Object>) o).get(key);
    return v == null ? List.of() : (List<Object>) v;
  }

  private static Map<String, Object> one(String kind, String name) {
    return docs.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(map(d, "metadata").get("name")))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in k8s/"));
  }

  private static List<Map<String, Object>> workloads() {
    return docs.stream().filter(d -> Set.of("Deployment", "StatefulSet").contains(d.get("kind"))).toList();
  }

  private static Map<String, Object> workload() {
    List<Map<String, Object>> w = workloads();
    assertEquals(1, w.size(), "expected one Synapse workload");
    return w.get(0);
  }

  private static Map<String, Object> container() {
    return (Map<String, Object>) list(map(workload(), "spec", "template", "spec"), "containers").get(0);
  }

  private static Map<String, Object> podSpec() {
    return map(workload(), "spec", "template", "spec");
  }

  private static Map<String, String> literalEnv() {
    Map<String, String> env = new java.util.HashMap<>();
    for (Object e : list(container(), "env")) {
      Map<String, Object> m = (Map<String, Object>) e;
      if (m.get("value") != null) env.put((String) m.get("name"), String.valueOf(m.get("value")));
    }
    return env;
  }

  private static int containerPort(String name) {
    for (Object p : list(container(), "ports")) {
      Map<String, Object> m = (Map<String, Object>) p;
      if (name.equals(m.get("name"))) return ((Number) m.get("containerPort")).intValue();
    }
    throw new AssertionError("no container port named " + name);
  }

  /** Environment names the application reads: every ConfigKey env name and alias. */
  private static Set<String> configEnvNames() {
    Set<String> names = new HashSet<>();
    for (ConfigKey k : ConfigKey.values()) {
      names.add(k.env());
      names.addAll(k.aliases());
    }
    return names;
  }

  /** Environment names the launcher documents in its header ({@code #   NAME  text}). */
  private static Set<String> launcherEnvNames() throws IOException {
    Set<String> names = new HashSet<>();
    Matcher m = Pattern.compile("(?m)^#   ([A-Z][A-Z0-9_]*)(?: / ([A-Z][A-Z0-9_]*))?\\s").matcher(Files.readString(LAUNCHER));
    while (m.find()) {
      names.add(m.group(1));
      if (m.group(2) != null) names.add(m.group(2));
    }
    return names;
  }

  private static JsonObject configMapJson() {
    return new JsonObject((String) map(one("ConfigMap", "synapse-conf"), "data").get("synapse.json"));
  }

  // ---- the checks ----

  @Test
  @DisplayName("every manifest parses and names its apiVersion, kind and name")
  void manifestsParse() {
    assertTrue(docs.size() >= 6, "found only " + docs.size() + " documents");
    for (Map<String, Object> d : docs) {
      assertNotNull(d.get("apiVersion"), d.toString());
      assertNotNull(d.get("kind"), d.toString());
      assertNotNull(map(d, "metadata").get("name"), d.toString());
    }
  }

  @Test
  @DisplayName("the workload runs three replicas")
  void threeReplicas() {
    assertEquals(3, ((Number) map(workload(), "spec").get("replicas")).intValue());
  }

  @Test
  @DisplayName("container ports are the application's HTTP and cluster defaults")
  void containerPorts() {
    assertEquals(HTTP_PORT, containerPort("http"));
    assertEquals(CLUSTER_PORT, containerPort("hazelcast"));
  }

  @Test
  @DisplayName("port settings in env, ConfigMap and annotations agree with the container ports")
  void portSettingsAgree() {
    Map<String, String> env = literalEnv();
    assertEquals(String.valueOf(HTTP_PORT), env.getOrDefault(ConfigKey.HTTP_PORT.env(), String.valueOf(HTTP_PORT)));
    assertEquals(String.valueOf(CLUSTER_PORT), env.getOrDefault(ConfigKey.CLUSTER_PORT.env(), String.valueOf(CLUSTER_PORT)));
    assertEquals(HTTP_PORT, configMapJson().getInteger(ConfigKey.HTTP_PORT.jsonName(), HTTP_PORT));
    assertEquals(CLUSTER_PORT, configMapJson().getInteger(ConfigKey.CLUSTER_PORT.jsonName(), CLUSTER_PORT));
    Map<String, Object> annotations = map(workload(), "spec", "template", "metadata", "annotations");
    assertEquals("true", annotations.get("prometheus.io/scrape"));
    assertEquals(String.valueOf(HTTP_PORT), annotations.get("prometheus.io/port"));
    assertEquals("/metrics", annotations.get("prometheus.io/path"));
  }

  @Test
  @DisplayName("the Service maps port 80 to the HTTP port and selects the workload's pods")
  void clientService() {
    Map<String, Object> svc = one("Service", "synapse");
    Map<String, Object> port = (Map<String, Object>) list(map(svc, "spec"), "ports").get(0);
    assertEquals(80, ((Number) port.get("port")).intValue());
    Object target = port.get("targetPort");
    assertTrue("http".equals(target) || Integer.valueOf(HTTP_PORT).equals(target), String.valueOf(target));
    assertSelects(map(svc, "spec", "selector"));
  }

  @Test
  @DisplayName("the headless Service publishes not-ready members on the cluster port and is the discovery name")
  void headlessService() {
    Map<String, Object> svc = one("Service", "synapse-hazelcast");
    Map<String, Object> spec = map(svc, "spec");
    assertEquals("None", spec.get("clusterIP"));
    assertEquals(Boolean.TRUE, spec.get("publishNotReadyAddresses"));
    Map<String, Object> port = (Map<String, Object>) list(spec, "ports").get(0);
    assertEquals(CLUSTER_PORT, ((Number) port.get("port")).intValue());
    assertSelects(map(spec, "selector"));
    String ns = (String) map(svc, "metadata").get("namespace");
    assertEquals("synapse-hazelcast." + ns + ".svc.cluster.local", literalEnv().get(ConfigKey.KUBERNETES_SERVICE.env()));
    assertEquals("true", literalEnv().get(ConfigKey.CLUSTER.env()));
    if ("StatefulSet".equals(workload().get("kind"))) assertEquals("synapse-hazelcast", map(workload(), "spec").get("serviceName"));
  }

  private static void assertSelects(Map<String, Object> selector) {
    Map<String, Object> labels = map(workload(), "spec", "template", "metadata", "labels");
    assertFalse(selector.isEmpty());
    selector.forEach((k, v) -> assertEquals(v, labels.get(k), "selector " + k));
  }

  @Test
  @DisplayName("the PodDisruptionBudget selects the pods and lets at most one go at a time")
  void disruptionBudget() {
    Map<String, Object> pdb = docs.stream().filter(d -> "PodDisruptionBudget".equals(d.get("kind"))).findFirst().orElseThrow();
    assertSelects(map(pdb, "spec", "selector", "matchLabels"));
    Object maxUnavailable = map(pdb, "spec").get("maxUnavailable");
    Object minAvailable = map(pdb, "spec").get("minAvailable");
    assertTrue(Integer.valueOf(1).equals(maxUnavailable) || Integer.valueOf(2).equals(minAvailable));
  }

  @Test
  @DisplayName("probes use /health/live for startup and liveness and /health/ready for readiness on the HTTP port")
  void probePaths() {
    Map<String, Object> c = container();
    for (String probe : List.of("startupProbe", "livenessProbe")) {
      assertEquals("/health/live", map(c, probe, "httpGet").get("path"), probe);
    }
    assertEquals("/health/ready", map(c, "readinessProbe", "httpGet").get("path"));
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      Object port = map(c, probe, "httpGet").get("port");
      assertTrue("http".equals(port) || Integer.valueOf(HTTP_PORT).equals(port), probe + " port " + port);
    }
  }

  @Test
  @DisplayName("every environment name in the workload and the Dockerfile is a configuration key, an alias or a launcher variable")
  void environmentNames() throws IOException {
    Set<String> allowed = new HashSet<>(configEnvNames());
    allowed.addAll(launcherEnvNames());
    assertTrue(allowed.contains("JAVA_OPTS") && allowed.contains("SYNAPSE_HOME"), "launcher header not parsed");
    for (Object e : list(container(), "env")) {
      String name = (String) ((Map<String, Object>) e).get("name");
      assertTrue(allowed.contains(name), "unknown environment variable in k8s: " + name);
    }
    for (String name : dockerEnvNames()) {
      assertTrue(allowed.contains(name), "unknown environment variable in Dockerfile: " + name);
    }
  }

  private static Set<String> dockerEnvNames() {
    Set<String> names = new HashSet<>();
    Matcher block = Pattern.compile("(?m)^ENV ((?:[^\\n]*\\\\\\n)*[^\\n]*)").matcher(dockerfile);
    while (block.find()) {
      Matcher kv = Pattern.compile("([A-Z][A-Z0-9_]*)=").matcher(block.group(1).replaceAll("\"[^\"]*\"", "\"\""));
      while (kv.find()) names.add(kv.group(1));
    }
    assertFalse(names.isEmpty(), "no ENV found in the Dockerfile");
    return names;
  }

  @Test
  @DisplayName("the secret comes from a Secret, never from a literal value or the ConfigMap")
  void secretFromSecret() {
    boolean found = false;
    for (Object e : list(container(), "env")) {
      Map<String, Object> m = (Map<String, Object>) e;
      if (ConfigKey.SECRET.env().equals(m.get("name")) || ConfigKey.SECRET.aliases().contains(m.get("name"))) {
        assertNotNull(map(m, "valueFrom", "secretKeyRef"), "SYNAPSE_SECRET must use secretKeyRef");
        assertFalse(m.containsKey("value"));
        found = true;
      }
    }
    assertTrue(found, "SYNAPSE_SECRET is not set");
    assertFalse(configMapJson().containsKey(ConfigKey.SECRET.jsonName()));
  }

  @Test
  @DisplayName("the ConfigMap's synapse.json uses only configuration keys and passes the loader's validation")
  void configMapKeys(@TempDir Path dir) throws IOException {
    Set<String> jsonNames = new HashSet<>();
    for (ConfigKey k : ConfigKey.values()) jsonNames.add(k.jsonName());
    JsonObject json = configMapJson();
    for (String key : json.fieldNames()) assertTrue(jsonNames.contains(key), "unknown key in ConfigMap: " + key);
    Path file = Files.writeString(dir.resolve("synapse.json"), json.encode());
    SynapseConfig config = ConfigLoader.load(file, Map.of(), null);
    assertEquals(HTTP_PORT, config.httpPort());
  }

  @Test
  @DisplayName("the ConfigMap is mounted where the launcher reads conf/ (SYNAPSE_HOME/conf)")
  void configMapMounted() {
    String home = dockerEnv("SYNAPSE_HOME");
    boolean mounted = list(container(), "volumeMounts").stream().map(v -> (Map<String, Object>) v)
        .anyMatch(v -> (home + "/conf").equals(v.get("mountPath")));
    assertTrue(mounted, "no volume mounted at " + home + "/conf");
  }

  private static String dockerEnv(String name) {
    Matcher m = Pattern.compile(name + "=(\\S+)").matcher(dockerfile);
    assertTrue(m.find(), name + " not set in the Dockerfile");
    return m.group(1);
  }

  @Test
  @DisplayName("the termination grace period covers preStop plus the drain")
  void gracePeriod() {
    long graceMs = Long.parseLong(literalEnv().getOrDefault(ConfigKey.SHUTDOWN_GRACE_MS.env(),
        configMapJson().getValue(ConfigKey.SHUTDOWN_GRACE_MS.jsonName(), ConfigKey.SHUTDOWN_GRACE_MS.defaultValue()).toString()));
    List<Object> cmd = list(map(container(), "lifecycle", "preStop", "exec"), "command");
    long preStopMs = cmd.size() == 2 && "sleep".equals(cmd.get(0)) ? Long.parseLong(cmd.get(1).toString()) * 1000 : 0;
    long terminationMs = ((Number) podSpec().get("terminationGracePeriodSeconds")).longValue() * 1000;
    assertTrue(terminationMs > preStopMs + graceMs + 5_000,
        "terminationGracePeriodSeconds " + terminationMs + " ms <= preStop " + preStopMs + " + drain " + graceMs);
  }

  @Test
  @DisplayName("the pod is locked down: non-root, read-only root, no capabilities, no escalation, RuntimeDefault seccomp")
  void securityContext() {
    Map<String, Object> pod = map(podSpec(), "securityContext");
    Map<String, Object> c = map(container(), "securityContext");
    assertEquals(Boolean.TRUE, pod.get("runAsNonRoot"));
    assertEquals("RuntimeDefault", map(pod, "seccompProfile").get("type"));
    assertEquals(Boolean.TRUE, c.get("readOnlyRootFilesystem"));
    assertEquals(Boolean.FALSE, c.get("allowPrivilegeEscalation"));
    assertEquals(List.of("ALL"), map(c, "capabilities").get("drop"));
    int uid = ((Number) pod.get("runAsUser")).intValue();
    assertTrue(uid > 0);
    assertTrue(dockerfile.contains("USER " + uid), "Dockerfile USER differs from runAsUser " + uid);
  }

  @Test
  @DisplayName("with a read-only root, /tmp and every folder the application writes are volumes")
  void writableFolders() {
    Set<String> mounts = new HashSet<>();
    for (Object v : list(container(), "volumeMounts")) mounts.add((String) ((Map<String, Object>) v).get("mountPath"));
    assertTrue(mounts.contains("/tmp"));
    String backupDir = literalEnv().get(ConfigKey.BACKUP_DIR.env());
    assertNotNull(backupDir, "SYNAPSE_BACKUP_DIR not set");
    assertTrue(mounts.contains(backupDir), "backup folder " + backupDir + " is not a volume");
    String logFile = literalEnv().get(ConfigKey.LOG_FILE.env());
    if (logFile != null) assertTrue(mounts.contains(Path.of(logFile).getParent().toString()), "log folder is not a volume");
  }

  @Test
  @DisplayName("resources set requests and a memory limit, and the JVM sizes its heap from the limit")
  void resources() {
    Map<String, Object> r = map(container(), "resources");
    assertNotNull(map(r, "requests").get("cpu"));
    assertNotNull(map(r, "requests").get("memory"));
    assertNotNull(map(r, "limits").get("memory"));
    assertTrue(literalEnv().getOrDefault("JAVA_OPTS", "").contains("MaxRAMPercentage"));
  }

  @Test
  @DisplayName("the Dockerfile is multi-stage, exposes the HTTP and cluster ports and starts bin/synapse as non-root")
  void dockerfileShape() {
    assertTrue(dockerfile.matches("(?s).*FROM maven:3\\.9-eclipse-temurin-17 AS build.*"), "build stage");
    assertTrue(dockerfile.contains("FROM eclipse-temurin:17-jre"), "runtime stage");
    Matcher expose = Pattern.compile("(?m)^EXPOSE (.+)$").matcher(dockerfile);
    assertTrue(expose.find());
    List<String> ports = List.of(expose.group(1).trim().split("\\s+"));
    assertTrue(ports.contains(String.valueOf(HTTP_PORT)) && ports.contains(String.valueOf(CLUSTER_PORT)), ports.toString());
    assertTrue(dockerfile.contains("ENTRYPOINT [\"/opt/synapse/bin/synapse\", \"start\"]"));
    assertTrue(dockerfile.contains("MaxRAMPercentage"));
    assertEquals(dockerEnv("SYNAPSE_HTTP_PORT"), String.valueOf(HTTP_PORT));
  }

  @Test
  @DisplayName("the Dockerfile health check calls /health/live with a tool the image installs")
  void dockerHealthcheck() {
    Matcher hc = Pattern.compile("(?s)HEALTHCHECK[^\\n]*\\\\\\n\\s*CMD ([^\\n]+)").matcher(dockerfile);
    assertTrue(hc.find(), "no HEALTHCHECK CMD");
    String cmd = hc.group(1);
    assertTrue(cmd.contains("/health/live"), cmd);
    String tool = cmd.trim().split("\\s+")[0];
    assertTrue(dockerfile.matches("(?s).*apt-get install[^\\n]*\\b" + tool + "\\b.*"), tool + " is not installed in the image");
  }

  @Test
  @DisplayName("the probe and scrape paths are routes a running node serves")
  @Timeout(120)
  void probePathsAreServed() throws Exception {
    SynapseConfig config = ConfigLoader.load(null, Map.of("SYNAPSE_HTTP_PORT", "0", "SYNAPSE_HTTP_HOST", "127.0.0.1"), null);
    var node = dev.synapse.node.SynapseNode.start(config, true).await(60, TimeUnit.SECONDS);
    try {
      HttpClient http = HttpClient.newHttpClient();
      List<String> paths = new ArrayList<>();
      Map<String, Object> c = container();
      for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
        paths.add((String) map(c, probe, "httpGet").get("path"));
      }
      paths.add((String) map(workload(), "spec", "template", "metadata", "annotations").get("prometheus.io/path"));
      for (String path : paths) {
        int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
        assertEquals(200, status, path);
      }
    } finally {
      node.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("the pods spread over nodes: topology spread on the hostname and pod anti-affinity select the pod label")
  void podsSpreadOverNodes() {
    Map<String, Object> podLabels = map(workload(), "spec", "template", "metadata", "labels");
    List<Object> spread = list(podSpec(), "topologySpreadConstraints");
    assertTrue(spread.stream().anyMatch(c -> "kubernetes.io/hostname".equals(((Map<String, Object>) c).get("topologyKey"))
        && podLabels.equals(map(c, "labelSelector", "matchLabels"))), "no hostname spread over " + podLabels);
    List<Object> anti = list(map(podSpec(), "affinity", "podAntiAffinity"), "preferredDuringSchedulingIgnoredDuringExecution");
    assertFalse(anti.isEmpty(), "no pod anti-affinity");
    assertEquals(podLabels, map(anti.get(0), "podAffinityTerm", "labelSelector", "matchLabels"));
  }

  @Test
  @DisplayName("the Service snippet of docs/cluster.md (and any in the README) selects the label the manifests put on the pods")
  void readmeServiceSelectorMatchesPods() throws IOException {
    Map<String, Object> podLabels = map(workload(), "spec", "template", "metadata", "labels");
    String readme = Files.readString(Path.of("README.md")) + "\n" + Files.readString(Path.of("docs/cluster.md"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("selector: \\{ ([^:]+): ([^ }]+) \\}").matcher(readme);
    int found = 0;
    while (m.find()) {
      found++;
      assertEquals(podLabels.get(m.group(1)), m.group(2), "README selector " + m.group() + " vs pod labels " + podLabels);
    }
    assertTrue(found > 0, "no Service selector in docs/cluster.md or README.md");
  }

  @Test
  @DisplayName("every repository file the Dockerfile and the k8s manifests point to exists")
  void referencedDocsExist() throws IOException {
    java.util.regex.Pattern ref = java.util.regex.Pattern.compile("\\b((?:docs|k8s|docker|conf)/[A-Za-z0-9._/-]+\\.(?:md|yaml|json))");
    List<Path> sources = new ArrayList<>(List.of(DOCKERFILE));
    try (Stream<Path> files = Files.list(K8S)) {
      files.forEach(sources::add);
    }
    for (Path source : sources) {
      java.util.regex.Matcher m = ref.matcher(Files.readString(source));
      while (m.find()) assertTrue(Files.exists(Path.of(m.group(1))), source + " refers to missing " + m.group(1));
    }
  }
}
