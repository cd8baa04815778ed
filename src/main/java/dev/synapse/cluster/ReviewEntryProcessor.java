package dev.synapse.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import dev.synapse.review.StoredReview;
import dev.synapse.signal.ReviewResult;
import dev.synapse.signal.ReviewSummary;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * One atomic change to a stored review, executed by Hazelcast on the partition that owns the
 * review id (so changes to one review are serialized cluster-wide without locks) and re-applied
 * on the backup replica. Values are {@link StoredReview#toJson()} documents wrapped in
 * {@link HazelcastJsonValue} so that queries can filter on {@code state} and {@code owner}.
 *
 * <p>Every operation is deterministic given the stored value and its arguments, which is what
 * makes re-applying it on the backup safe. Operations on a review that is done (has a summary)
 * change nothing. Runs on a Hazelcast partition thread: work is one JSON decode and encode of the
 * review, linear in its size. Java-serialized between members (every member runs the same code).
 *
 * <p>Stored values and the review-content arguments go through the executing member's
 * {@link ReviewCodec} (found through {@link HazelcastInstanceAware}; plain when run outside a
 * member): with a cluster secret the caller seals {@code a} and {@code b} (the document of
 * {@link Op#INSERT} arrives already encoded for storage), this processor opens them, decodes the
 * stored value, and encodes the new one. A stored value or argument that fails verification
 * makes the operation change nothing and return null (counted by the codec); an
 * {@link Op#INSERT} over such a value replaces it. Results that carry a document
 * ({@link Op#INSERT}, {@link Op#CLAIM}) are the stored (encoded) value: callers decode them.
 */
public final class ReviewEntryProcessor
    implements EntryProcessor<String, HazelcastJsonValue, String>, HazelcastInstanceAware {
  private static final long serialVersionUID = 1L;

  /** The operations. */
  public enum Op {
    /** Store {@code a} (a review document) unless the key exists; returns the existing document or null. */
    INSERT,
    /** Record classification {@code a} (path) and {@code b} (rationale); owner becomes {@code c}. Returns null. */
    CLASSIFY,
    /** Record result {@code a} (a review.result document). Returns null. */
    ADD_RESULT,
    /**
     * Store summary {@code a} unless done, recording node {@code b} (the one that will publish it)
     * as owner; returns {@link #STORED} when this call stored it, else null.
     */
    COMPLETE,
    /**
     * Take over: when the review is in flight and its owner equals {@code a}, set the owner to
     * {@code b}; returns the new document when this call claimed it, else null.
     */
    CLAIM
  }

  /** Field of the stored document holding the id of the COMPLETE call that stored the summary. */
  public static final String COMPLETION_ID = "completion_id";

  /** Result of a {@link Op#COMPLETE} that stored the summary. */
  public static final String STORED = "stored";

  private final Op op;
  private final String a;
  private final String b;
  private final String c;
  private transient ReviewCodec codec;

  /**
   * @param op the operation
   * @param a first argument (see {@link Op})
   * @param b second argument, or null
   * @param c third argument, or null
   */
  public ReviewEntryProcessor(Op op, String a, String b, String c) {
    this.op = op;
    this.a = a;
    this.b = b;
    this.c = c;
  }

  /** Called by Hazelcast on the executing member: picks up that member's {@link ReviewCodec}. */
  @Override
  public void setHazelcastInstance(HazelcastInstance hazelcast) {
    this.codec = ReviewCodec.of(hazelcast);
  }

  @Override
  public String process(Map.Entry<String, HazelcastJsonValue> entry) {
    ReviewCodec codec = this.codec != null ? this.codec : ReviewCodec.of(null);
    HazelcastJsonValue value = entry.getValue();
    String key = entry.getKey();
    if (op == Op.INSERT) {
      if (value != null && codec.decode(key, value.getValue()) != null) return value.getValue();
      entry.setValue(new HazelcastJsonValue(a));
      return null;
    }
    if (value == null) return null;
    String stored = codec.decode(key, value.getValue());
    String a = codec.openArgument(key, this.a);
    String b = codec.openArgument(key, this.b);
    if (stored == null || (a == null && this.a != null) || (b == null && this.b != null)) return null;
    JsonObject doc = new JsonObject(stored);
    StoredReview review = StoredReview.fromJson(doc);
    if (review.state().done()) {
      // A COMPLETE retried by Hazelcast (the first invocation ran, its response was lost when a
      // member left) must answer as the first one did, or nobody would publish the summary. The
      // retry carries the same completion id; any other call has another one.
      return op == Op.COMPLETE && c != null && c.equals(doc.getString(COMPLETION_ID)) ? STORED : null;
    }
    StoredReview updated;
    switch (op) {
      case CLASSIFY -> updated = review.classified(a, b).ownedBy(c == null ? review.owner() : c);
      case ADD_RESULT -> updated = review.withResult(ReviewResult.fromJson(new JsonObject(a)));
      case COMPLETE -> updated = review.completed(ReviewSummary.fromJson(new JsonObject(a)))
          .ownedBy(b == null ? review.owner() : b);
      case CLAIM -> {
        if (!java.util.Objects.equals(review.owner(), a)) return null;
        updated = review.ownedBy(b);
      }
      default -> throw new IllegalStateException("unknown op " + op);
    }
    JsonObject out = updated.toJson();
    if (op == Op.COMPLETE && c != null) out.put(COMPLETION_ID, c);
    HazelcastJsonValue encoded = codec.encode(key, out);
    entry.setValue(encoded);
    return switch (op) {
      case COMPLETE -> STORED;
      case CLAIM -> encoded.getValue();
      default -> null;
    };
  }
}
