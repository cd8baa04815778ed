package dev.synapse.ops;

import dev.synapse.agent.NodeContext;
import dev.synapse.config.SynapseConfig;
import dev.synapse.review.LocalReviewStore;
import dev.synapse.review.ReviewStore;
import dev.synapse.signal.Addresses;
import dev.synapse.signal.ReviewRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic state snapshots of one node (DESIGN.md section 5, "state snapshots to
 * SYNAPSE_BACKUP_DIR"): every {@code backup_interval_ms} and once more at shutdown, captures every
 * {@link SnapshotSource} (on the event loop, without blocking), writes the snapshot with
 * {@link SnapshotFiles} on a worker thread and keeps the newest {@code backup_keep}.
 *
 * <p>At start, {@link #restoreAtStart()} restores the snapshot queued by {@code synapse restore}
 * when there is one, else the newest periodic snapshot that validates; unreadable, foreign,
 * wrong-version or checksum-mismatched files are logged and skipped, never fatal. The service
 * also answers {@value #ADMIN_ADDRESS} (a local consumer) with a fresh snapshot
 * ({@code {file, node_id}}), which is what
 * {@code POST /api/admin/backup} and {@code synapse backup} use.
 *
 * <p>Writes are serialised: a snapshot requested while one is being written waits for it.
 */
public final class BackupService {
  /** Local event-bus address that takes a snapshot now and replies {@code {file, node_id}}. */
  public static final String ADMIN_ADDRESS = Addresses.ADMIN_BACKUP;
  private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);

  private final Vertx vertx;
  private final SnapshotFiles files;
  private final Map<String, SnapshotSource> sources;
  private final String nodeId;
  private final String appVersion;
  private final long intervalMs;
  private final int keep;
  private Future<Path> lastWrite = Future.succeededFuture();
  private long timerId = -1;
  private MessageConsumer<Object> consumer;

  /**
   * @param vertx timers, worker threads and the event bus
   * @param files the snapshot folder
   * @param sources sections by name, restored in this order (agents before reviews)
   * @param nodeId recorded in each snapshot header
   * @param appVersion recorded in each snapshot header
   * @param intervalMs period between snapshots, in ms (≥ 1)
   * @param keep snapshots kept (≥ 1)
   */
  public BackupService(Vertx vertx, SnapshotFiles files, Map<String, SnapshotSource> sources,
      String nodeId, String appVersion, long intervalMs, int keep) {
    this.vertx = vertx;
    this.files = files;
    this.sources = new LinkedHashMap<>(sources);
    this.nodeId = nodeId;
    this.appVersion = appVersion;
    this.intervalMs = intervalMs;
    this.keep = keep;
  }

  /**
   * Builds the backup service of a node, or returns null when {@code backup_dir} is unset.
   * Sections: {@code agents} ({@link AgentStateSnapshots}) and {@code reviews}: the store itself
   * when it implements {@link SnapshotSource} (clustered store), {@link LocalStoreSnapshots} for
   * a {@link LocalReviewStore}; another store is left out of snapshots (logged).
   *
   * @param vertx the node's Vert.x instance
   * @param node shared node components (config, agents, node id)
   * @param resubmit runs a restored in-flight review again (usually {@code ReviewService::submit})
   */
  public static BackupService forNode(Vertx vertx, NodeContext node, Function<ReviewRequest, Future<?>> resubmit) {
    SynapseConfig config = node.config();
    if (config.backupDir() == null) return null;
    Map<String, SnapshotSource> sources = new LinkedHashMap<>();
    sources.put(AgentStateSnapshots.SECTION, new AgentStateSnapshots(node.agents()));
    ReviewStore store = node.store();
    if (store instanceof SnapshotSource s) {
      sources.put(LocalStoreSnapshots.SECTION, s);
    } else if (store instanceof LocalReviewStore local) {
      sources.put(LocalStoreSnapshots.SECTION, new LocalStoreSnapshots(local, resubmit));
    } else if (store instanceof dev.synapse.review.JournaledReviewStore journaled) {
      sources.put(LocalStoreSnapshots.SECTION, new LocalStoreSnapshots(journaled.local(), resubmit));
    } else {
      LOG.warn("review store {} cannot be snapshotted; only agent state is backed up", store.getClass().getSimpleName());
    }
    String version = BackupService.class.getPackage().getImplementationVersion();
    return new BackupService(vertx, new SnapshotFiles(config.backupDir(), Clock.systemUTC()), sources,
        node.nodeId(), version == null ? "dev" : version, config.backupIntervalMs(), config.backupKeep());
  }

  /**
   * Starts the periodic timer and the admin consumer. Call after {@link #restoreAtStart()}.
   *
   * @return completes once the admin consumer is registered
   */
  public Future<Void> start() {
    timerId = vertx.setPeriodic(intervalMs, id -> {
      if (!writeInProgress()) {
        snapshotNow().onFailure(err -> LOG.warn("periodic snapshot failed: {}", err.getMessage()));
      } else {
        LOG.warn("periodic snapshot skipped: the previous one is still being written (backup_interval_ms too short?)");
      }
    });
    consumer = vertx.eventBus().localConsumer(ADMIN_ADDRESS, msg -> snapshotNow().onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(new JsonObject().put("file", ar.result().toString()).put("node_id", nodeId));
      } else {
        msg.fail(500, "snapshot failed: " + ar.cause().getMessage());
      }
    }));
    return consumer.completion();
  }

  /**
   * Takes a snapshot now and prunes old ones.
   *
   * @return the written file; fails when a source cannot be captured or the file cannot be written
   */
  public synchronized Future<Path> snapshotNow() {
    Future<Path> next = lastWrite.transform(ignored -> capture()).compose(sections -> {
      long start = System.nanoTime();
      return vertx.executeBlocking(() -> {
        Path file = files.write(nodeId, appVersion, sections);
        files.prune(keep);
        LOG.atInfo().setMessage("snapshot written")
            .addKeyValue("file", file.getFileName())
            .addKeyValue("bytes", Files.size(file))
            .addKeyValue("duration_ms", (System.nanoTime() - start) / 1_000_000).log();
        return file;
      }, false);
    });
    lastWrite = next;
    return next;
  }

  private synchronized boolean writeInProgress() {
    return !lastWrite.isComplete();
  }

  private Future<JsonObject> capture() {
    List<String> names = new ArrayList<>(sources.keySet());
    List<Future<JsonObject>> parts = new ArrayList<>();
    for (String name : names) parts.add(sources.get(name).capture());
    return Future.all(parts).map(cf -> {
      JsonObject sections = new JsonObject();
      for (int i = 0; i < names.size(); i++) sections.put(names.get(i), cf.resultAt(i));
      return sections;
    });
  }

  /**
   * Restores the pending snapshot, else the newest valid periodic one. Never fails: problems are
   * logged and the node starts with what could be restored (possibly nothing).
   *
   * @return the restored snapshot's file, or null when none was restored
   */
  public Future<Path> restoreAtStart() {
    return vertx.executeBlocking(this::findValid, false)
        .compose(found -> found == null ? Future.succeededFuture((Path) null) : apply(found))
        .recover(err -> {
          LOG.warn("snapshot restore skipped: {}", err.getMessage());
          return Future.succeededFuture(null);
        });
  }

  private Snapshot findValid() throws IOException {
    Path pending = files.pending();
    if (pending != null) {
      try {
        Snapshot s = SnapshotFiles.read(pending);
        retire(pending, ".applied");
        return s;
      } catch (SnapshotException e) {
        LOG.warn("skipping snapshot queued by 'synapse restore': {}", e.getMessage());
        retire(pending, ".rejected");
      }
    }
    for (Path p : files.list()) {
      try {
        return SnapshotFiles.read(p);
      } catch (SnapshotException e) {
        LOG.warn("skipping snapshot: {}", e.getMessage());
      }
    }
    return null;
  }

  private static void retire(Path pending, String suffix) throws IOException {
    Files.move(pending, pending.resolveSibling(pending.getFileName() + suffix), StandardCopyOption.REPLACE_EXISTING);
  }

  private Future<Path> apply(Snapshot snapshot) {
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, SnapshotSource> e : sources.entrySet()) {
      JsonObject section = snapshot.sections().getJsonObject(e.getKey());
      if (section == null) continue;
      chain = chain.compose(v -> e.getValue().restore(section)
          .onSuccess(n -> LOG.atInfo().setMessage("snapshot section restored")
              .addKeyValue("section", e.getKey()).addKeyValue("items", n)
              .addKeyValue("file", snapshot.file().getFileName()).log())
          .<Void>mapEmpty()
          .recover(err -> {
            LOG.warn("skipping section '{}' of {}: {}", e.getKey(), snapshot.file().getFileName(), err.getMessage());
            return Future.succeededFuture();
          }));
    }
    return chain.map(v -> snapshot.file());
  }

  /**
   * Stops the timer and the admin consumer, then takes a final snapshot (shutdown).
   *
   * @return completes when the final snapshot is written or has failed (never fails)
   */
  public Future<Void> stop() {
    if (timerId >= 0) vertx.cancelTimer(timerId);
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    Promise<Void> done = Promise.promise();
    unregistered.transform(ar -> snapshotNow()).onComplete(ar -> {
      if (ar.failed()) LOG.warn("final snapshot failed: {}", ar.cause().getMessage());
      done.complete();
    });
    return done.future();
  }
}
