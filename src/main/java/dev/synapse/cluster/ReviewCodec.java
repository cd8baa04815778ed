package dev.synapse.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import dev.synapse.cluster.trust.StoreCipher;
import dev.synapse.cluster.trust.TamperedValueException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How review documents ({@code StoredReview#toJson()}) are kept in the Hazelcast map and carried
 * as entry-processor arguments.
 *
 * <p><b>Plain</b> (no cluster secret): the document itself, as before. <b>Sealed</b> (a secret is
 * set): an envelope {@code {"state", "owner", "accepted_at", "sealed"}} whose clear fields are
 * the ones the store queries on and whose {@code sealed} field is the whole document under
 * AES-256-CTR with an HMAC-SHA256 tag ({@link StoreCipher}); the review id and the clear fields are the additional
 * authenticated data, so a member without the key can neither read a review nor write one the
 * others accept, nor relabel or move one. Entry-processor arguments that carry review content
 * are sealed the same way (Hazelcast's member protocol is clear text in the open-source edition).
 *
 * <p>A stored value that fails verification is ignored (read as absent) and counted in
 * {@link #rejected()} ({@code synapse_cluster_rejected_values_total}); the first and then every
 * power-of-two-th rejection is logged at WARN with the review id only.
 *
 * <p>One instance per member, shared by its store and by the entry processors Hazelcast runs on
 * it (found through the member's user context under {@link #USER_CONTEXT_KEY}). Thread-safe.
 */
public final class ReviewCodec {
  /** Key of the member's codec in the Hazelcast user context (local to the member, never sent). */
  public static final String USER_CONTEXT_KEY = "synapse.review-codec";
  /** Field of the envelope holding the sealed document. */
  public static final String SEALED = "sealed";
  private static final String[] INDEX_FIELDS = {"state", "owner", "accepted_at"};
  private static final Logger LOG = LoggerFactory.getLogger(ReviewCodec.class);
  private static final ReviewCodec PLAIN_FALLBACK = new ReviewCodec(null);

  private final StoreCipher cipher;
  private final AtomicLong rejected = new AtomicLong();

  private ReviewCodec(StoreCipher cipher) {
    this.cipher = cipher;
  }

  /** @return a codec storing documents as they are (a cluster without a secret) */
  public static ReviewCodec plain() {
    return new ReviewCodec(null);
  }

  /** @return a codec sealing documents with {@code cipher} */
  public static ReviewCodec sealed(StoreCipher cipher) {
    return new ReviewCodec(cipher);
  }

  /**
   * @param hazelcast a member
   * @return the codec registered in its user context, or a plain codec when none is (a member
   *     not built by {@link ClusterBootstrap})
   */
  public static ReviewCodec of(HazelcastInstance hazelcast) {
    Object c = hazelcast == null ? null : hazelcast.getUserContext().get(USER_CONTEXT_KEY);
    return c instanceof ReviewCodec codec ? codec : PLAIN_FALLBACK;
  }

  /** @return true when documents are sealed */
  public boolean sealing() {
    return cipher != null;
  }

  /** @return stored values and arguments that failed verification since start */
  public long rejected() {
    return rejected.get();
  }

  /**
   * @param reviewId the map key
   * @param document a review document (JSON text)
   * @return the value to store
   */
  public HazelcastJsonValue encode(String reviewId, String document) {
    return cipher == null ? new HazelcastJsonValue(document) : seal(reviewId, new JsonObject(document), document);
  }

  /**
   * Same as {@link #encode(String, String)} for a document already parsed (saves a parse of a
   * document that can be megabytes).
   *
   * @param reviewId the map key
   * @param document a review document
   * @return the value to store
   */
  public HazelcastJsonValue encode(String reviewId, JsonObject document) {
    String text = document.encode();
    return cipher == null ? new HazelcastJsonValue(text) : seal(reviewId, document, text);
  }

  private HazelcastJsonValue seal(String reviewId, JsonObject doc, String document) {
    JsonObject envelope = new JsonObject();
    for (String f : INDEX_FIELDS) {
      Object v = doc.getValue(f);
      if (v != null) envelope.put(f, String.valueOf(v));
    }
    envelope.put(SEALED, cipher.seal(document.getBytes(StandardCharsets.UTF_8), storedAad(reviewId, envelope)));
    return new HazelcastJsonValue(envelope.encode());
  }

  /**
   * @param reviewId the map key the value was read under
   * @param stored the stored value text, or null
   * @return the review document, or null when {@code stored} is null or fails verification
   *     (counted)
   */
  public String decode(String reviewId, String stored) {
    if (stored == null) return null;
    if (cipher == null) return stored;
    try {
      JsonObject envelope = new JsonObject(stored);
      Object sealed = envelope.getValue(SEALED);
      if (!(sealed instanceof String text)) throw new TamperedValueException("not sealed");
      return new String(cipher.open(text, storedAad(reviewId, envelope)), StandardCharsets.UTF_8);
    } catch (TamperedValueException | RuntimeException e) {
      reject(reviewId, e);
      return null;
    }
  }

  /**
   * @param reviewId the review the argument is for
   * @param arg an entry-processor argument, or null
   * @return the argument as sent to the partition owner (sealed when sealing)
   */
  public String sealArgument(String reviewId, String arg) {
    if (cipher == null || arg == null) return arg;
    return cipher.seal(arg.getBytes(StandardCharsets.UTF_8), argumentAad(reviewId));
  }

  /**
   * @param reviewId the review the argument is for
   * @param arg an argument from {@link #sealArgument}, or null
   * @return the argument, or null when it is null or fails verification (counted)
   */
  public String openArgument(String reviewId, String arg) {
    if (cipher == null || arg == null) return arg;
    try {
      return new String(cipher.open(arg, argumentAad(reviewId)), StandardCharsets.UTF_8);
    } catch (TamperedValueException | RuntimeException e) {
      reject(reviewId, e);
      return null;
    }
  }

  private void reject(String reviewId, Exception e) {
    long n = rejected.incrementAndGet();
    if (Long.bitCount(n) == 1) {
      LOG.warn("ignored a cluster value that failed verification (review {}: {}); {} so far", reviewId,
          e instanceof TamperedValueException ? e.getMessage() : e.getClass().getSimpleName(), n);
    }
  }

  private static byte[] storedAad(String reviewId, JsonObject envelope) {
    JsonArray aad = new JsonArray().add("synapse-review/v1").add(reviewId);
    for (String f : INDEX_FIELDS) aad.add(envelope.getValue(f));
    return aad.encode().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] argumentAad(String reviewId) {
    return new JsonArray().add("synapse-review-argument/v1").add(reviewId).encode().getBytes(StandardCharsets.UTF_8);
  }
}
