package dev.synapse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import dev.synapse.config.SynapseConfig;
import dev.synapse.signal.Addresses;
import dev.synapse.signal.Signal;
import dev.synapse.signal.SignalCodec;
import dev.synapse.signal.SignalTypes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three Synapse JVMs ({@code Main start --cluster}) on 127.0.0.1 take 300 reviews over HTTP,
 * round-robin across the nodes; one node is stopped mid-run, by SIGKILL or by SIGTERM. A client
 * that gets no answer (or 503) from a node retries the same review id on the next node, as a
 * real client would. Every accepted review must reach exactly one summary event (one distinct
 * CloudEvent id), readable from a surviving node. Summaries are counted by an observer in this
 * JVM that joins the cluster as a Hazelcast lite member (it holds no data) and listens to the
 * cluster-wide signal broadcast.
 *
 * <p>Runs in {@code mvn verify} (maven-failsafe-plugin); node logs are written to
 * {@code target/cluster-it/}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterProcessesIT {
  private static final int NODES = 3;
  private static final int REVIEWS = 300;
  private static final int STOP_AFTER = 120;
  private static final int CLIENTS = 24;
  private static final long GRACE_MS = 8_000;
  private static final String MODULE_FLAGS = "--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED "
      + "--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED "
      + "--add-opens java.management/sun.management=ALL-UNNAMED "
      + "--add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED";

  private final List<Process> processes = new ArrayList<>();
  private final AtomicInteger deliveries = new AtomicInteger();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private io.vertx.core.Vertx observer;

  @AfterEach
  void tearDown() throws Exception {
    try {
      if (observer != null) observer.close().await(30, TimeUnit.SECONDS);
    } finally {
      for (Process p : processes) p.destroyForcibly();
      for (Process p : processes) p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("SIGKILL of one of three nodes mid-run: every accepted review reaches exactly one summary")
  void sigkill() throws Exception {
    run("sigkill", true);
  }

  @Test
  @DisplayName("SIGTERM of one of three nodes mid-run: the node drains, and every accepted review reaches exactly one summary")
  void sigterm() throws Exception {
    run("sigterm", false);
  }

  /**
   * Opt-in ({@code -Dreliability.twoKills=true}): no accepted review has been lost in four runs,
   * but in three of them one summary event of 300 was not seen by the observer (docs/reliability.md).
   */
  @Test
  @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "reliability.twoKills", matches = "true")
  @DisplayName("SIGKILL of two of three nodes 2 s apart mid-run: with two synchronous backups no accepted review is lost")
  void twoSigkills() throws Exception {
    run("two-sigkills", true, 2_000);
  }

  /**
   * Opt-in ({@code -Dreliability.freeze=true}): not passing yet on a loaded 2-core machine, see
   * docs/reliability.md ("Not done yet"): no review is lost, but some are still running at 60 s.
   */
  @Test
  @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "reliability.freeze", matches = "true")
  @DisplayName("one of three nodes frozen 15 s (SIGSTOP, as a partition looks) with quorum 2: no accepted review lost or summarised twice")
  void freeze() throws Exception {
    extraEnv.put("SYNAPSE_CLUSTER_EXPECTED_SIZE", "3");
    freezeMs = 15_000;
    run("freeze", false, -1);
  }

  private final Map<String, String> extraEnv = new java.util.HashMap<>();
  private long freezeMs = -1;

  private void run(String scenario, boolean kill) throws Exception {
    run(scenario, kill, -1);
  }

  /** @param secondKillAfterMs when ≥ 0, node 1 is SIGKILLed this long after the first stop */
  private void run(String scenario, boolean kill, long secondKillAfterMs) throws Exception {
    String cluster = ClusterTestSupport.uniqueClusterName();
    List<Integer> clusterPorts = new ArrayList<>();
    List<Integer> httpPorts = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      clusterPorts.add(ClusterTestSupport.freePort());
      httpPorts.add(ClusterTestSupport.freePort());
    }
    Path logs = Path.of("target", "cluster-it");
    Files.createDirectories(logs);
    long t0 = System.nanoTime();
    for (int i = 0; i < NODES; i++) {
      processes.add(launch(cluster, clusterPorts.get(i), clusterPorts, httpPorts.get(i),
          logs.resolve(scenario + "-node" + i + ".log").toFile()));
    }
    for (int port : httpPorts) awaitHttp(port);
    Map<String, Set<String>> summaries = startObserver(cluster, clusterPorts);
    awaitMembers(NODES + 1);
    System.out.printf("[%s] 3 nodes up and clustered in %d ms%n", scenario, ms(t0));

    int victim = NODES - 1;
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    AtomicInteger refusedOnce = new AtomicInteger();
    AtomicInteger started = new AtomicInteger();
    long[] stoppedAt = {0};
    java.time.Instant[] stoppedWallClock = {null};
    java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(CLIENTS);
    for (int i = 0; i < REVIEWS; i++) {
      int n = i;
      clients.submit(() -> {
        if (started.incrementAndGet() == STOP_AFTER) {
          synchronized (stoppedAt) {
            stoppedAt[0] = System.nanoTime();
            stoppedWallClock[0] = java.time.Instant.now();
            if (freezeMs > 0) {
              freeze(processes.get(victim), freezeMs);
            } else if (kill) {
              processes.get(victim).destroyForcibly();
            } else {
              processes.get(victim).destroy();
            }
            if (secondKillAfterMs >= 0) {
              Thread second = new Thread(() -> {
                try {
                  Thread.sleep(secondKillAfterMs);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                processes.get(1).destroyForcibly();
              });
              second.setDaemon(true);
              second.start();
            }
          }
        }
        String id = scenario + "-" + n;
        for (int attempt = 0; attempt < NODES; attempt++) {
          int status = submit(httpPorts.get((n + attempt) % NODES), id);
          if (status == 202 || status == 200) {
            accepted.add(id);
            return null;
          }
          refusedOnce.incrementAndGet();
        }
        return null;
      });
    }
    clients.shutdown();
    assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS), "submissions finished");
    System.out.printf("[%s] %d/%d accepted by %d concurrent clients; %d refusals retried elsewhere%n", scenario,
        accepted.size(), REVIEWS, CLIENTS, refusedOnce.get());
    long stopped;
    synchronized (stoppedAt) {
      stopped = stoppedAt[0];
    }

    int survivorPort = httpPorts.get(0);
    long allDoneMs = awaitAllDone(survivorPort, accepted);
    System.out.printf("[%s] node %d stopped at %s; all accepted reviews done (read from a survivor) %d ms later%n",
        scenario, victim, stoppedWallClock[0], ms(stopped));
    assertTrue(allDoneMs >= 0, "some accepted reviews never completed");

    Thread.sleep(1000);
    List<String> missing = new ArrayList<>();
    List<String> duplicated = new ArrayList<>();
    for (String id : accepted) {
      int n = summaries.getOrDefault(id, Set.of()).size();
      if (n == 0) missing.add(id);
      if (n > 1) duplicated.add(id);
    }
    System.out.printf("[%s] summary events: %d reviews, missing=%s duplicated=%s; deliveries=%d "
        + "(a delivery beyond one per review is the same event re-published after a crash)%n", scenario,
        summaries.size(), missing, duplicated, deliveries.get());
    assertEquals(List.of(), duplicated, "reviews with more than one summary");
    assertEquals(List.of(), missing, "accepted reviews whose summary signal was never seen");
    assertEquals(REVIEWS, accepted.size(), "every review was accepted by some node");

    if (!kill && freezeMs < 0) {
      assertTrue(processes.get(victim).waitFor(GRACE_MS + 30_000, TimeUnit.MILLISECONDS), "SIGTERM'd node exited");
      String log = Files.readString(logs.resolve(scenario + "-node" + victim + ".log"));
      assertTrue(log.contains("draining") && (log.contains("drained in") || log.contains("grace period over")),
          "the stopped node drained before leaving");
    }
  }

  /** SIGSTOP now, SIGCONT after {@code ms} (on a daemon thread). */
  private static void freeze(Process p, long ms) {
    signal(p, "-STOP");
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      signal(p, "-CONT");
    });
    t.setDaemon(true);
    t.start();
  }

  private static void signal(Process p, String sig) {
    try {
      new ProcessBuilder("kill", sig, Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Process launch(String cluster, int clusterPort, List<Integer> clusterPorts, int httpPort, File log)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(MODULE_FLAGS.split(" ")));
    cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dhazelcast.logging.type=slf4j",
        "-Dlogback.configurationFile=" + ClusterProcessesIT.class.getResource("/logback.xml"), "-cp", System.getProperty("java.class.path"),
        "dev.synapse.cli.Main", "start", "--cluster"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("SYNAPSE_"));
    env.putAll(ClusterTestSupport.env(cluster, clusterPort, clusterPorts));
    env.put("SYNAPSE_HTTP_PORT", Integer.toString(httpPort));
    env.put("SYNAPSE_SHUTDOWN_GRACE_MS", Long.toString(GRACE_MS));
    env.put("SYNAPSE_SECURITY_POOL_SIZE", "2");
    env.put("SYNAPSE_PERFORMANCE_POOL_SIZE", "2");
    env.put("LOG_LEVEL", "info");
    env.putAll(extraEnv);
    return pb.start();
  }

  /** Joins the cluster as a lite member and counts review.summary signals per review id. */
  private Map<String, Set<String>> startObserver(String cluster, List<Integer> clusterPorts) throws Exception {
    int port = ClusterTestSupport.freePort();
    List<Integer> members = new ArrayList<>(clusterPorts);
    SynapseConfig config = ClusterTestSupport.config(cluster, port, members);
    Config hz = HazelcastConfigFactory.build(config).setLiteMember(true);
    var manager = new io.vertx.spi.cluster.hazelcast.HazelcastClusterManager(hz);
    observer = io.vertx.core.Vertx.builder().withClusterManager(manager).buildClustered().await(90, TimeUnit.SECONDS);
    observer.eventBus().registerDefaultCodec(Signal.class, new SignalCodec());
    Map<String, Set<String>> counts = new ConcurrentHashMap<>();
    observer.eventBus().<Signal>consumer(Addresses.SIGNALS_ALL, m -> {
      Signal s = m.body();
      if (SignalTypes.REVIEW_SUMMARY.equals(s.type())) {
        counts.computeIfAbsent(s.reviewId(), k -> ConcurrentHashMap.newKeySet()).add(s.id());
        deliveries.incrementAndGet();
      }
    }).completion().await(30, TimeUnit.SECONDS);
    this.observerManager = manager;
    return counts;
  }

  private io.vertx.spi.cluster.hazelcast.HazelcastClusterManager observerManager;

  private void awaitMembers(int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < end) {
      if (observerManager.getHazelcastInstance().getCluster().getMembers().size() >= n
          && observerManager.getHazelcastInstance().getPartitionService().isClusterSafe()) return;
      Thread.sleep(100);
    }
    throw new AssertionError("cluster did not reach " + n + " members");
  }

  private void awaitHttp(int port) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < end) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/api/reviews/probe")).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) return;
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("node on port " + port + " did not come up");
  }

  /** @return the HTTP status, or -1 when the node did not answer */
  private int submit(int port, String id) {
    JsonObject body = new JsonObject().put("review_id", id).put("diff", ClusterTestSupport.DIFF)
        .put("labels", new JsonArray().add("security"));
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/reviews"))
          .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** @return ms until every review was done, or -1 when some were not within 60 s */
  private long awaitAllDone(int port, Set<String> ids) throws InterruptedException {
    long start = System.nanoTime();
    Set<String> pending = ConcurrentHashMap.newKeySet();
    pending.addAll(ids);
    long end = start + TimeUnit.SECONDS.toNanos(60);
    while (!pending.isEmpty() && System.nanoTime() < end) {
      for (String id : List.copyOf(pending)) {
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
              + "/api/reviews/" + id)).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            JsonObject j = new JsonObject(r.body());
            String st = j.getString("status");
            if (("complete".equals(st) || "failed".equals(st)) && j.getJsonObject("summary") != null) pending.remove(id);
          }
        } catch (IOException e) {
          // retry
        }
      }
      if (!pending.isEmpty()) Thread.sleep(250);
    }
    if (!pending.isEmpty()) {
      System.out.println("not done: " + pending);
      for (String id : pending) {
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
              + "/api/reviews/" + id)).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
          System.out.println("  " + id + " -> " + r.statusCode() + " " + r.body());
        } catch (IOException e) {
          System.out.println("  " + id + " -> " + e);
        }
      }
    }
    return pending.isEmpty() ? ms(start) : -1;
  }

  private static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
