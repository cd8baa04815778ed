package dev.synapse.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The HTTP load client of the benchmark (issue 16): an <b>open-loop</b> latency run at a constant
 * arrival rate, next to closed-loop saturation runs and the echo ceiling of the same server in the
 * same run. Loopback only (refuses any other host).
 *
 * <p>Open loop: request {@code i} is due at {@code t0 + i / rate}; a 1 ms timer sends every request
 * that is due, whether or not earlier ones were answered, and its latency is measured from the
 * time it was <i>due</i>, not from when a connection was free to send it. So a server stall counts
 * for every request that should have been sent during it (no coordinated omission, as wrk2 does).
 * Connections are bounded ({@code --conns}); requests due while every connection is busy wait in
 * the client's queue (bounded: {@code 20 × rate} requests, the excess is counted as
 * {@code dropped}) and their wait counts in their latency.
 *
 * <p>Closed loop (saturation and echo): {@code --conns} connections each send the next request as
 * soon as the previous answer arrived.
 *
 * <p>Background load ({@code --large DIR}): while the phases listed in {@code --large-phases} run,
 * {@code --large-conns} connections post the {@code *.diff} files of DIR one after the other as raw
 * diffs ({@code POST /api/reviews?wait=300}, {@code text/x-diff}); each large review's time is
 * printed. This measures whether large reviews delay small ones.
 *
 * <p>Bounded: each phase at most 600 s and 5,000,000 requests; each request times out after 30 s
 * idle. Prints one table row per phase (requests/s, p50/p99/p99.9/max in ms, status counts).
 */
final class LoadClient {
  private static final int MAX_REQUESTS = 5_000_000;
  private static final long MAX_PHASE_S = 600;

  private final Vertx vertx;
  private final HttpClientAgent client;
  private final URI base;
  private final int conns;
  private final Map<String, List<Buffer>> sets;

  private LoadClient(URI base, int conns) {
    String host = base.getHost();
    if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
      throw new IllegalArgumentException("loopback only: the URL must be http://127.0.0.1:PORT");
    }
    this.base = base;
    this.conns = conns;
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host)
        .setDefaultPort(base.getPort()).setKeepAlive(true).setIdleTimeout(30).setIdleTimeoutUnit(TimeUnit.SECONDS),
        new PoolOptions().setHttp1MaxSize(conns).setMaxWaitQueueSize(-1));
    this.sets = new java.util.HashMap<>();
    for (Map.Entry<String, List<String>> e : LuaExport.sets().entrySet()) {
      List<Buffer> b = new ArrayList<>();
      for (String s : e.getValue()) b.add(Buffer.buffer(s));
      sets.put(e.getKey(), b);
    }
  }

  /** Latencies (µs) and status counts of one phase; filled on the client's event loop only. */
  static final class Phase {
    final String name;
    long[] lat = new long[1024];
    int n;
    long ok;
    long notDone;
    long other;
    long errors;
    long dropped;
    double seconds;

    Phase(String name) {
      this.name = name;
    }

    void record(long micros, int status) {
      if (n == lat.length) lat = Arrays.copyOf(lat, lat.length * 2);
      lat[n++] = micros;
      if (status == 200) ok++;
      else if (status == 202) notDone++;
      else if (status < 0) errors++;
      else other++;
    }

    String row() {
      long[] s = Arrays.copyOf(lat, n);
      Arrays.sort(s);
      return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %s | %s | %s | %s | %d | %d | %d | %d |",
          name, n / seconds, ok / seconds, ms(s, 0.50), ms(s, 0.99), ms(s, 0.999), ms(s, 1.0), ok, notDone,
          other + errors, dropped);
    }

    private static String ms(long[] sorted, double q) {
      if (sorted.length == 0) return "-";
      int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
      return String.format(Locale.ROOT, "%.2f", sorted[i] / 1000.0);
    }
  }

  static final String HEADER = "| phase | sent/s | done (200)/s | p50 ms | p99 ms | p99.9 ms | max ms | 200 | 202 | other+errors | dropped |\n"
      + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

  private Future<Integer> send(String path, Buffer body, String contentType) {
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
        .putHeader("Content-Type", contentType);
    return client.request(o).compose(req -> req.send(body)).compose(resp -> resp.body().map(b -> resp.statusCode()));
  }

  /** Closed loop: {@code conns} senders back to back for {@code seconds}. */
  private Phase closed(String name, String path, String set, long seconds) {
    Phase p = new Phase(name);
    List<Buffer> bodies = bodies(set);
    CompletableFuture<Void> done = new CompletableFuture<>();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    vertx.runOnContext(v -> {
      int[] active = {conns};
      int[] next = {0};
      for (int c = 0; c < conns; c++) loop(p, path, bodies, next, end, active, done);
    });
    done.join();
    p.seconds = (System.nanoTime() - start) / 1e9;
    return p;
  }

  private void loop(Phase p, String path, List<Buffer> bodies, int[] next, long end, int[] active,
      CompletableFuture<Void> done) {
    if (System.nanoTime() >= end || p.n >= MAX_REQUESTS) {
      if (--active[0] == 0) done.complete(null);
      return;
    }
    Buffer body = bodies.get(next[0]++ % bodies.size());
    long t = System.nanoTime();
    send(path, body, "application/json").onComplete(ar -> {
      p.record((System.nanoTime() - t) / 1000, ar.succeeded() ? ar.result() : -1);
      loop(p, path, bodies, next, end, active, done);
    });
  }

  /** Open loop at {@code rate} requests/s for {@code seconds}; latency from each request's due time. */
  private Phase open(String name, String path, String set, double rate, long seconds) {
    Phase p = new Phase(name);
    List<Buffer> bodies = bodies(set);
    long total = Math.min(MAX_REQUESTS, (long) (rate * seconds));
    long maxOutstanding = Math.max(1000, (long) (20 * rate));
    CompletableFuture<Void> done = new CompletableFuture<>();
    long t0 = System.nanoTime() + 5_000_000;
    double interval = 1e9 / rate;
    vertx.runOnContext(v -> {
      long[] sent = {0};
      long[] answered = {0};
      long[] outstanding = {0};
      vertx.setPeriodic(1, id -> {
        long now = System.nanoTime();
        long due = Math.min(total, (long) Math.floor((now - t0) / interval) + 1);
        while (sent[0] < due) {
          long intended = t0 + (long) (sent[0] * interval);
          Buffer body = bodies.get((int) (sent[0] % bodies.size()));
          sent[0]++;
          if (outstanding[0] >= maxOutstanding) {
            p.dropped++;
            answered[0]++;
            continue;
          }
          outstanding[0]++;
          send(path, body, "application/json").onComplete(ar -> {
            outstanding[0]--;
            answered[0]++;
            p.record((System.nanoTime() - intended) / 1000, ar.succeeded() ? ar.result() : -1);
            if (answered[0] == total) done.complete(null);
          });
        }
        if (sent[0] >= total) {
          vertx.cancelTimer(id);
          if (answered[0] == total) done.complete(null);
        }
      });
    });
    done.join();
    p.seconds = seconds;
    return p;
  }

  /** Background: {@code n} connections posting the large diffs one after the other until stopped. */
  private final class Large {
    final List<Buffer> diffs = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    final HttpClientAgent own;
    volatile boolean stop;
    final List<Promise<Void>> ended = new ArrayList<>();

    Large(Path dir, int n) throws IOException {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(x -> x.toString().endsWith(".diff")).sorted().toList()) {
          diffs.add(Buffer.buffer(Files.readAllBytes(f)));
          names.add(f.getFileName().toString());
        }
      }
      if (diffs.isEmpty()) throw new IllegalArgumentException("no *.diff file in " + dir);
      own = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort())
          .setIdleTimeout(300).setIdleTimeoutUnit(TimeUnit.SECONDS), new PoolOptions().setHttp1MaxSize(n));
      vertx.runOnContext(v -> {
        for (int c = 0; c < n; c++) {
          Promise<Void> e = Promise.promise();
          ended.add(e);
          next(c, c, e);
        }
      });
    }

    private void next(int conn, int i, Promise<Void> ended) {
      if (stop) {
        ended.complete();
        return;
      }
      int k = i % diffs.size();
      long t = System.nanoTime();
      own.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/reviews?wait=300")
              .putHeader("Content-Type", "text/x-diff"))
          .compose(req -> req.send(diffs.get(k)))
          .compose(resp -> resp.body().map(b -> resp.statusCode() + " " + b.length() + " B answer"))
          .onComplete(ar -> {
            if (ar.succeeded() && ar.result().startsWith("503 ")) {
              // the node's in-flight byte budget is full: retry the same diff after Retry-After (2 s)
              log.add(String.format(Locale.ROOT, "large conn %d: %s 503 overloaded, retrying in 2 s", conn, names.get(k)));
              vertx.setTimer(2000, timer -> next(conn, i, ended));
              return;
            }
            log.add(String.format(Locale.ROOT, "large conn %d: %s (%.1f MB) %s in %.2f s", conn, names.get(k),
                diffs.get(k).length() / 1e6, ar.succeeded() ? ar.result() : "failed: " + ar.cause(),
                (System.nanoTime() - t) / 1e9));
            next(conn, i + 1, ended);
          });
    }

    void stopAndWait() {
      stop = true;
      CompletableFuture<Void> f = new CompletableFuture<>();
      vertx.runOnContext(v -> Future.all(ended.stream().map(Promise::future).toList())
          .onComplete(x -> f.complete(null)));
      try {
        f.get(600, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.add("large reviews still running after 600 s: " + e);
      }
    }
  }

  private List<Buffer> bodies(String set) {
    List<Buffer> b = sets.get(set);
    if (b == null) throw new IllegalArgumentException("unknown set '" + set + "': " + sets.keySet());
    return b;
  }

  /**
   * {@code load --url URL [--duration S] [--rate R] [--conns N] [--saturate SETS] [--open SETS]
   * [--large DIR] [--large-conns N] [--no-echo] [--warmup S] [--open-conns N]}.
   */
  static void main(String[] args) throws Exception {
    String url = null;
    long duration = 15;
    double rate = 500;
    int conns = 64;
    int openConns = 64;
    String saturate = "typical,trivial_deep";
    String openSets = "typical";
    boolean echo = true;
    Path large = null;
    int largeConns = 1;
    long warmup = 0;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--duration" -> duration = Long.parseLong(args[++i]);
        case "--rate" -> rate = Double.parseDouble(args[++i]);
        case "--conns" -> conns = Integer.parseInt(args[++i]);
        case "--open-conns" -> openConns = Integer.parseInt(args[++i]);
        case "--saturate" -> saturate = args[++i];
        case "--open" -> openSets = args[++i];
        case "--no-echo" -> echo = false;
        case "--large" -> large = Path.of(args[++i]);
        case "--large-conns" -> largeConns = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Long.parseLong(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (url == null) throw new IllegalArgumentException("--url http://127.0.0.1:PORT is required");
    if (duration < 1 || duration > MAX_PHASE_S) throw new IllegalArgumentException("--duration must be 1..600");
    if (rate <= 0 || rate * duration > MAX_REQUESTS) throw new IllegalArgumentException("rate × duration must be ≤ 5,000,000");
    URI base = URI.create(url);
    System.out.println("load average at start: " + Files.readString(Path.of("/proc/loadavg")).trim());
    List<String> rows = new ArrayList<>();
    LoadClient closedClient = new LoadClient(base, conns);
    LoadClient openClient = new LoadClient(base, openConns);
    try {
      if (warmup > 0) {
        System.out.println("warm-up (not reported): " + closedClient.closed("warm-up typical_deep", "/api/reviews?wait=5",
            "typical_deep", Math.min(warmup, MAX_PHASE_S)).row());
        System.out.println("warm-up (not reported): " + closedClient.closed("warm-up mix", "/api/reviews?wait=5",
            "mix", Math.min(warmup, MAX_PHASE_S)).row());
      }
      if (echo) rows.add(closedClient.closed("echo ceiling (closed, " + conns + " conns, typical body)",
          "/bench/echo", "typical", duration).row());
      for (String s : list(saturate)) {
        rows.add(closedClient.closed("saturation " + s + " (closed, " + conns + " conns)", "/api/reviews?wait=5", s,
            duration).row());
        System.out.println(rows.get(rows.size() - 1));
      }
      Large bg = large == null ? null : openClient.new Large(large, largeConns);
      for (String s : list(openSets)) {
        rows.add(openClient.open(String.format(Locale.ROOT, "open loop %s at %.0f/s (≤ %d conns)%s", s, rate,
            openConns, bg == null ? "" : ", " + largeConns + " large review(s) running"), "/api/reviews?wait=5", s,
            rate, duration).row());
        System.out.println(rows.get(rows.size() - 1));
      }
      if (bg != null) {
        bg.stopAndWait();
        bg.log.forEach(System.out::println);
      }
    } finally {
      closedClient.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      openClient.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    System.out.println("load average at end: " + Files.readString(Path.of("/proc/loadavg")).trim());
    System.out.println();
    System.out.println(HEADER);
    rows.forEach(System.out::println);
  }

  private static List<String> list(String csv) {
    return csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }
}
