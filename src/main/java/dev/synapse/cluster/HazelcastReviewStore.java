package dev.synapse.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.projection.Projections;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import dev.synapse.ops.SnapshotException;
import dev.synapse.ops.SnapshotSource;
import dev.synapse.review.ReviewState;
import dev.synapse.review.ReviewStore;
import dev.synapse.review.StoredReview;
import dev.synapse.signal.FailureCodes;
import dev.synapse.signal.ReviewRequest;
import dev.synapse.signal.ReviewResult;
import dev.synapse.signal.ReviewSummary;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;

/**
 * {@link ReviewStore} on a Hazelcast {@link IMap} ({@value HazelcastConfigFactory#REVIEWS_MAP})
 * keyed by review id, holding {@link StoredReview#toJson()} documents as
 * {@link HazelcastJsonValue}. The map has {@code cluster_backup_count} synchronous backups
 * (default 2), so a write completes only once the backup replicas have acknowledged it: with
 * three or more members a submission that succeeded survives the loss of any two.
 *
 * <p>Single-review changes are {@link ReviewEntryProcessor}s submitted with
 * {@code submitToKey} (asynchronous, atomic per key): {@link #submit} is a cluster-wide
 * put-if-absent, {@link #complete} a compare-and-set that exactly one caller wins. Scans
 * ({@link #list}, {@link #inFlight}) are queries run on a worker thread. Futures complete on the
 * caller's Vert.x context. Thread-safe.
 *
 * <p>Values and entry-processor arguments go through a {@link ReviewCodec}: sealed (AES-256-CTR + HMAC-SHA256)
 * when the cluster has a secret. A value that fails verification reads as absent (not listed,
 * {@code get} answers null) and is counted by the codec.
 */
public final class HazelcastReviewStore implements ReviewStore, SnapshotSource {
  private static final Predicate<String, HazelcastJsonValue> IN_FLIGHT = Predicates.in("state",
      ReviewState.ACCEPTED.wire(), ReviewState.RUNNING.wire());
  private static final Predicate<String, HazelcastJsonValue> DONE = Predicates.in("state",
      ReviewState.COMPLETE.wire(), ReviewState.FAILED.wire());

  /** How long a publishing marker outlives the publish, in ms (see {@link #published}). */
  public static final long PUBLISH_SETTLE_MS = 2_000;

  private final Vertx vertx;
  private final IMap<String, HazelcastJsonValue> map;
  private final IMap<String, String> unpublished;
  private final String nodeId;
  private final int retention;
  private final ReviewCodec codec;
  private final BooleanSupplier quorum;
  private final ClusterHealth safety;
  /** Diffs up to this many characters are encoded for the map on the caller's thread. */
  static final int INLINE_ENCODE_CHARS = 32 * 1024;
  /** Longest wait of a submission for partition backups to be in place, in ms. */
  public static final long SAFE_WAIT_MS = 10_000;
  private static final String NO_QUORUM = "this node's side of the cluster has no quorum; submit to another node";

  /**
   * @param vertx for contexts and worker threads
   * @param hazelcast the member this node runs
   * @param nodeId this node's id; recorded as owner when this node's coordinator classifies
   * @param retention completed reviews kept by {@link #trim()}
   */
  public HazelcastReviewStore(Vertx vertx, HazelcastInstance hazelcast, String nodeId, int retention) {
    this(vertx, hazelcast, nodeId, retention, ReviewCodec.of(hazelcast), () -> true, null);
  }

  /**
   * @param vertx for contexts and worker threads
   * @param hazelcast the member this node runs
   * @param nodeId this node's id; recorded as owner when this node's coordinator classifies
   * @param retention completed reviews kept by {@link #trim()}
   * @param codec how values are stored (the same codec the member's entry processors use)
   * @param quorum true while this node's side of the cluster has a quorum
   *     ({@link ClusterHealth#hasQuorum()}); without one, {@link #submit} is refused
   * @param safety partition safety of this member (null: submissions do not wait for it)
   */
  public HazelcastReviewStore(Vertx vertx, HazelcastInstance hazelcast, String nodeId, int retention,
      ReviewCodec codec, BooleanSupplier quorum, ClusterHealth safety) {
    this.codec = codec;
    this.safety = safety;
    this.vertx = vertx;
    this.map = hazelcast.getMap(HazelcastConfigFactory.REVIEWS_MAP);
    this.unpublished = hazelcast.getMap(HazelcastConfigFactory.UNPUBLISHED_MAP);
    this.nodeId = nodeId;
    this.retention = retention;
    this.quorum = quorum;
  }

  /**
   * As the interface says; refused with {@link FailureCodes#NOT_READY} (HTTP 503
   * {@code not_ready}) when this side of the cluster has no quorum, so a minority side of a
   * split never accepts a review the majority does not know of.
   */
  @Override
  public Future<Submission> submit(ReviewRequest request, String owner) {
    if (!quorum.getAsBoolean()) {
      return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, FailureCodes.NOT_READY,
          NO_QUORUM));
    }
    StoredReview fresh = StoredReview.accepted(request, Instant.now(), owner);
    if (safety == null) return insert(fresh);
    return safety.awaitSafe(SAFE_WAIT_MS)
        .recover(err -> Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, FailureCodes.NOT_READY,
            "the cluster is rebuilding review backups; try again")))
        .compose(v -> insertVerified(fresh, true));
  }

  /**
   * Inserts, then, when a membership change or migration happened while the write was in flight
   * (its backups may have gone with a member), waits until the backups are in place again and
   * checks that the review is still there, writing it once more if not. So a submission
   * completes only once the review is held with its backups.
   */
  private Future<Submission> insertVerified(StoredReview fresh, boolean retry) {
    long epoch = safety.epoch();
    return insert(fresh).compose(sub -> {
      if (safety.epoch() == epoch && safety.safe()) return Future.succeededFuture(sub);
      return safety.awaitSafe(SAFE_WAIT_MS).compose(v -> get(fresh.reviewId())).compose(stored -> {
        if (stored != null) return Future.succeededFuture(sub);
        if (!retry) {
          return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, FailureCodes.NOT_READY,
              "the review could not be stored with its backups; try again"));
        }
        return insertVerified(fresh, false);
      }).recover(err -> Future.failedFuture(err instanceof ReplyException ? err
          : new ReplyException(ReplyFailure.RECIPIENT_FAILURE, FailureCodes.NOT_READY,
              "the cluster is rebuilding review backups; try again")));
    });
  }

  private Future<Submission> insert(StoredReview fresh) {
    String id = fresh.reviewId();
    // encoding (and sealing, when a secret is set) costs tens of ms for a multi-megabyte diff:
    // large reviews are encoded on a worker thread, not on the submitting event loop
    Future<String> value = fresh.request().diff().length() > INLINE_ENCODE_CHARS
        ? vertx.executeBlocking(() -> codec.encode(id, fresh.toJson()).getValue(), false)
        : Future.succeededFuture(codec.encode(id, fresh.toJson()).getValue());
    return value.compose(v -> apply(id, ReviewEntryProcessor.Op.INSERT, v, null, null))
        .map(prev -> prev == null ? new Submission(fresh, true) : new Submission(existing(id, prev), false));
  }

  @Override
  public Future<StoredReview> get(String reviewId) {
    return fromStage(map.getAsync(reviewId)).map(v -> v == null ? null : decode(reviewId, v.getValue()));
  }

  /**
   * Records the classification and makes this node the review's owner: the coordinator that
   * classifies is the one driving the review, so failover follows it.
   */
  @Override
  public Future<Void> classify(String reviewId, String decisionPath, String rationale) {
    return apply(reviewId, ReviewEntryProcessor.Op.CLASSIFY, decisionPath, rationale, nodeId).mapEmpty();
  }

  @Override
  public Future<Void> addResult(String reviewId, ReviewResult result) {
    return apply(reviewId, ReviewEntryProcessor.Op.ADD_RESULT, result.toJson().encode(), null, null).mapEmpty();
  }

  /**
   * Stores the summary unless one exists (compare-and-set on the partition owning the review); the
   * stored review's owner becomes this node, the one that publishes the summary.
   * Before trying, records a marker "this node may be publishing a summary for this review" in
   * {@value HazelcastConfigFactory#UNPUBLISHED_MAP}; the marker is removed when the attempt loses
   * or, after a win, when {@link #published} is called. A marker left by a node that died lets a
   * survivor publish the stored summary (see {@link #unpublishedBy}).
   */
  @Override
  public Future<Boolean> complete(String reviewId, ReviewSummary summary) {
    String marker = markerKey(nodeId, reviewId);
    // one completion id per call: a retry of this call (ours below, or Hazelcast's own after
    // a member left) is recognised as the same call and answers "stored" again
    String completionId = java.util.UUID.randomUUID().toString();
    String json = summary.toJson().encode();
    long epoch = safety == null ? 0 : safety.epoch();
    return fromStage(unpublished.setAsync(marker, reviewId))
        .compose(v -> apply(reviewId, ReviewEntryProcessor.Op.COMPLETE, json, nodeId, completionId)
            .recover(err -> apply(reviewId, ReviewEntryProcessor.Op.COMPLETE, json, nodeId, completionId)))
        .compose(r -> ReviewEntryProcessor.STORED.equals(r)
            ? verifyCompleted(reviewId, json, completionId, epoch, VERIFY_ATTEMPTS) : Future.succeededFuture(r))
        .map(ReviewEntryProcessor.STORED::equals)
        .compose(stored -> stored ? Future.succeededFuture(true)
            : fromStage(unpublished.removeAsync(marker)).map(false));
  }

  /** Re-checks of a stored summary after membership changes, at most (see {@link #verifyCompleted}). */
  static final int VERIFY_ATTEMPTS = 3;

  /**
   * A summary is published only once it is held with its backups. When a member joined or left,
   * or partitions migrated, since {@code epoch} (read before the write), the write may have
   * reached a primary whose backups were being rebuilt: two SIGKILLs 2 s apart lost 13 such
   * summaries of 300, and the survivor ran those reviews again and stored a second, different
   * summary. So: wait until every partition has its backups, then apply the same COMPLETE again
   * (same completion id): it answers {@link ReviewEntryProcessor#STORED} when this call's summary
   * is the stored one (storing it again if it had been lost), null when another summary won in
   * the meantime (then this one must not be published). If the wait times out, the re-applied
   * answer is trusted as it is.
   *
   * @return {@link ReviewEntryProcessor#STORED} or null
   */
  private Future<String> verifyCompleted(String reviewId, String json, String completionId, long epoch, int attempts) {
    if (safety == null || (safety.epoch() == epoch && safety.safe())) return Future.succeededFuture(ReviewEntryProcessor.STORED);
    return safety.awaitSafe(SAFE_WAIT_MS).transform(waited -> {
      long before = safety.epoch();
      return apply(reviewId, ReviewEntryProcessor.Op.COMPLETE, json, nodeId, completionId).compose(r -> {
        if (!ReviewEntryProcessor.STORED.equals(r) || waited.failed() || attempts <= 1) return Future.succeededFuture(r);
        return verifyCompleted(reviewId, json, completionId, before, attempts - 1);
      });
    });
  }

  /**
   * Removes this node's "may be publishing" marker {@value #PUBLISH_SETTLE_MS} ms later, not at
   * once: a clustered publish is handed to the network asynchronously, so a node killed right after
   * {@code publish} returned may never have sent it. Keeping the marker for the settle time lets a
   * survivor re-publish the (same-id) summary in that window; consumers drop the repeated id.
   */
  @Override
  public long publishSettleMs() {
    return PUBLISH_SETTLE_MS;
  }

  @Override
  public Future<Void> published(String reviewId) {
    vertx.setTimer(PUBLISH_SETTLE_MS, t -> unpublished.removeAsync(markerKey(nodeId, reviewId)));
    return Future.succeededFuture();
  }

  /**
   * @param live ids of the current members
   * @return unpublished-summary markers left by nodes that are not members any more
   */
  public Future<List<String>> unpublishedBy(Set<String> live) {
    return vertx.executeBlocking(() -> {
      List<String> out = new ArrayList<>();
      for (String key : unpublished.keySet()) {
        int bar = key.indexOf('|');
        if (bar > 0 && !live.contains(key.substring(0, bar))) out.add(key);
      }
      return out;
    }, false);
  }

  /**
   * Takes over a marker left by a gone node: records this node's own marker, then removes the
   * gone one; exactly one caller gets the removed value.
   *
   * @return the review id when this call took the marker over (the caller publishes the stored
   *     summary if the gone node stored it, i.e. is its owner, then calls {@link #published}),
   *     else null
   */
  public Future<String> takeOverUnpublished(String goneMarker) {
    String reviewId = goneMarker.substring(goneMarker.indexOf('|') + 1);
    String mine = markerKey(nodeId, reviewId);
    return fromStage(unpublished.setAsync(mine, reviewId))
        .compose(v -> fromStage(unpublished.removeAsync(goneMarker)))
        .compose(prev -> prev != null ? Future.succeededFuture(reviewId)
            : fromStage(unpublished.removeAsync(mine)).map((String) null));
  }

  private static String markerKey(String node, String reviewId) {
    return node + "|" + reviewId;
  }

  /**
   * Takes over an in-flight review from an owner that is gone.
   *
   * @param reviewId the review
   * @param expectedOwner the owner it must still have (null matches a review with no owner)
   * @return the review now owned by this node, or null when it was done, unknown, or another
   *     node claimed it first
   */
  public Future<StoredReview> claim(String reviewId, String expectedOwner) {
    return apply(reviewId, ReviewEntryProcessor.Op.CLAIM, expectedOwner, nodeId, null)
        .map(v -> v == null ? null : decode(reviewId, v));
  }

  @Override
  public Future<Page> list(int offset, int limit) {
    return vertx.executeBlocking(() -> {
      Collection<Object[]> keys = map.project(Projections.multiAttribute("__key", "accepted_at"));
      List<Object[]> sorted = new ArrayList<>(keys);
      sorted.sort(Comparator.comparing((Object[] k) -> instant(k[1])).reversed()
          .thenComparing(k -> String.valueOf(k[0])));
      Set<String> page = new LinkedHashSet<>();
      for (int i = offset; i < sorted.size() && page.size() < limit; i++) page.add((String) sorted.get(i)[0]);
      Map<String, HazelcastJsonValue> values = map.getAll(page);
      List<StoredReview> out = new ArrayList<>();
      for (String id : page) {
        HazelcastJsonValue v = values.get(id);
        StoredReview r = v == null ? null : decode(id, v.getValue());
        if (r != null) out.add(r);
      }
      return new Page(out, sorted.size());
    }, false);
  }

  @Override
  public Future<List<StoredReview>> inFlight() {
    return vertx.executeBlocking(() -> {
      List<StoredReview> out = new ArrayList<>();
      for (Map.Entry<String, HazelcastJsonValue> e : map.entrySet(IN_FLIGHT)) {
        StoredReview r = decode(e.getKey(), e.getValue().getValue());
        if (r != null) out.add(r);
      }
      return out;
    }, false);
  }

  /**
   * One in-flight review as seen by failover scans, without its request.
   *
   * @param reviewId the review
   * @param owner node id of its owner, or null
   * @param state {@code accepted} or {@code running}
   * @param acceptedAt when the edge accepted it
   */
  public record InFlightEntry(String reviewId, String owner, String state, Instant acceptedAt) {}

  /** @return every in-flight review's id, owner, state and acceptance time (query on a worker thread) */
  /**
   * @param owner a node id (a member that just left)
   * @param acceptedAfter only reviews accepted after this instant
   * @return ids of the finished reviews that node owns (it stored their summaries) accepted after
   *     {@code acceptedAfter}; a query over the whole map, run on a worker thread
   */
  public Future<List<String>> doneOwnedBy(String owner, Instant acceptedAfter) {
    return vertx.executeBlocking(() -> {
      List<String> out = new ArrayList<>();
      for (Object[] row : map.project(Projections.<Map.Entry<String, HazelcastJsonValue>>multiAttribute(
          "__key", "accepted_at"), Predicates.and(DONE, Predicates.equal("owner", owner)))) {
        Instant at = instant(row[1]);
        if (at == null || at.isAfter(acceptedAfter)) out.add((String) row[0]);
      }
      return out;
    }, false);
  }

  public Future<List<InFlightEntry>> inFlightIndex() {
    return vertx.executeBlocking(() -> {
      List<InFlightEntry> out = new ArrayList<>();
      for (Object[] row : map.project(Projections.<Map.Entry<String, HazelcastJsonValue>>multiAttribute(
          "__key", "owner", "state", "accepted_at"), IN_FLIGHT)) {
        out.add(new InFlightEntry((String) row[0], row[1] == null ? null : String.valueOf(row[1]),
            String.valueOf(row[2]), instant(row[3])));
      }
      return out;
    }, false);
  }

  /**
   * Removes the oldest completed reviews beyond the retention. In-flight reviews are never
   * removed. Blocking query on a worker thread; meant to run on one member at a time.
   *
   * @return how many reviews were removed
   */
  public Future<Integer> trim() {
    return vertx.executeBlocking(() -> {
      int excess = map.size() - retention;
      if (excess <= 0) return 0;
      List<Object[]> done = new ArrayList<>(map.project(
          Projections.<Map.Entry<String, HazelcastJsonValue>>multiAttribute("__key", "accepted_at"), DONE));
      done.sort(Comparator.comparing((Object[] k) -> instant(k[1])));
      int removed = 0;
      for (int i = 0; i < done.size() && removed < excess; i++, removed++) map.delete((String) done.get(i)[0]);
      return removed;
    }, false);
  }

  /**
   * Snapshot section {@code reviews} (same shape as the local store's): every review in the
   * cluster map, oldest first. Reads the whole map on a worker thread.
   */
  @Override
  public Future<JsonObject> capture() {
    return vertx.executeBlocking(() -> {
      List<JsonObject> all = new ArrayList<>();
      for (Map.Entry<String, HazelcastJsonValue> e : map.entrySet()) {
        String doc = codec.decode(e.getKey(), e.getValue().getValue());
        if (doc != null) all.add(new JsonObject(doc));
      }
      all.sort(Comparator.comparing((JsonObject j) -> instant(j.getString("accepted_at"))));
      return new JsonObject().put("reviews", new JsonArray(new ArrayList<>(all)));
    }, false);
  }

  /**
   * Puts each review of a snapshot section into the map unless the cluster already holds that id
   * (put-if-absent: a live cluster's state wins over a snapshot). In-flight reviews whose owner is
   * no longer a member are then claimed by failover. The section is validated first.
   *
   * @return reviews inserted
   */
  @Override
  public Future<Integer> restore(JsonObject section) {
    List<StoredReview> parsed = new ArrayList<>();
    try {
      JsonArray reviews = section.getJsonArray("reviews");
      if (reviews == null) throw new IllegalArgumentException("no reviews array");
      for (int i = 0; i < reviews.size(); i++) parsed.add(StoredReview.fromJson(reviews.getJsonObject(i)));
    } catch (RuntimeException e) {
      return Future.failedFuture(new SnapshotException("section 'reviews' is malformed: " + e.getClass().getSimpleName()));
    }
    return vertx.executeBlocking(() -> {
      int inserted = 0;
      for (StoredReview r : parsed) {
        if (map.putIfAbsent(r.reviewId(), codec.encode(r.reviewId(), r.toJson())) == null) inserted++;
      }
      return inserted;
    }, false);
  }

  /** @return the node id this store records as owner */
  public String nodeId() {
    return nodeId;
  }

  /** @return this store's codec (its rejection count is a metric) */
  public ReviewCodec codec() {
    return codec;
  }

  /** Submits an operation; review-content arguments are sealed (INSERT's document is encoded already). */
  private Future<String> apply(String key, ReviewEntryProcessor.Op op, String a, String b, String c) {
    String sa = op == ReviewEntryProcessor.Op.INSERT ? a : codec.sealArgument(key, a);
    return fromStage(map.submitToKey(key, new ReviewEntryProcessor(op, sa, codec.sealArgument(key, b), c)));
  }

  private StoredReview existing(String reviewId, String stored) {
    StoredReview r = decode(reviewId, stored);
    if (r == null) throw new IllegalStateException("stored review " + reviewId + " failed verification");
    return r;
  }

  /** Hazelcast's split-brain protection refusal becomes {@link FailureCodes#NOT_READY} (503). */
  private <T> Future<T> fromStage(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext()).recover(err -> {
      Throwable t = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
      return t instanceof SplitBrainProtectionException
          ? Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, FailureCodes.NOT_READY, NO_QUORUM))
          : Future.failedFuture(err);
    });
  }

  private static Instant instant(Object text) {
    return text == null ? Instant.EPOCH : Instant.parse(String.valueOf(text));
  }

  /** @return the review, or null when the stored value fails verification (counted by the codec) */
  private StoredReview decode(String reviewId, String stored) {
    String json = codec.decode(reviewId, stored);
    return json == null ? null : StoredReview.fromJson(new JsonObject(json));
  }
}
