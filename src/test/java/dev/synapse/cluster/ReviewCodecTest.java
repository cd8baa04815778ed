package dev.synapse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastJsonValue;
import dev.synapse.cluster.trust.ClusterSecret;
import dev.synapse.cluster.trust.StoreCipher;
import dev.synapse.review.StoredReview;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReviewCodecTest {
  private static final String DIFF_MARKER = "SELECT * FROM users WHERE id";

  private static ReviewCodec sealed(String secret) {
    return ReviewCodec.sealed(StoreCipher.of(ClusterSecret.of(secret)));
  }

  private static String doc(String id) {
    return StoredReview.accepted(ClusterTestSupport.request(id), Instant.parse("2026-01-01T00:00:00Z"), "node-a")
        .toJson().encode();
  }

  @Test
  @DisplayName("a sealed review keeps only state, owner and acceptance time in clear and reads back whole")
  void sealedRoundTrip() {
    ReviewCodec codec = sealed("k1");
    HazelcastJsonValue stored = codec.encode("r1", doc("r1"));
    assertFalse(stored.getValue().contains(DIFF_MARKER), "the diff must not be readable in the map");
    JsonObject envelope = new JsonObject(stored.getValue());
    assertEquals("accepted", envelope.getString("state"));
    assertEquals("node-a", envelope.getString("owner"));
    assertEquals(java.util.Set.of("state", "owner", "accepted_at", "sealed"), envelope.fieldNames());
    assertEquals(doc("r1"), codec.decode("r1", stored.getValue()));
    assertEquals(0, codec.rejected());
  }

  @Test
  @DisplayName("a member without the key cannot read a sealed review, and a value it writes is ignored and counted")
  void otherKeyNeitherReadsNorInjects() {
    ReviewCodec mine = sealed("k1");
    ReviewCodec rogue = sealed("k2");
    assertNull(rogue.decode("r1", mine.encode("r1", doc("r1")).getValue()));
    assertNull(mine.decode("r1", rogue.encode("r1", doc("r1")).getValue()));
    assertNull(mine.decode("r1", doc("r1")), "a plain document injected by a member without a secret");
    assertNull(mine.decode("r1", "not json"));
    assertEquals(3, mine.rejected());
  }

  @Test
  @DisplayName("changing a clear field, the ciphertext, or the key a value is stored under fails verification")
  void tamperingDetected() {
    ReviewCodec codec = sealed("k1");
    String stored = codec.encode("r1", doc("r1")).getValue();
    String relabelled = new JsonObject(stored).put("state", "complete").encode();
    assertNull(codec.decode("r1", relabelled));
    JsonObject flipped = new JsonObject(stored);
    String sealedText = flipped.getString("sealed");
    char c = sealedText.charAt(20);
    flipped.put("sealed", sealedText.substring(0, 20) + (c == 'A' ? 'B' : 'A') + sealedText.substring(21));
    assertNull(codec.decode("r1", flipped.encode()));
    assertNull(codec.decode("r2", stored), "a value moved to another review id");
    assertEquals(3, codec.rejected());
    assertEquals(doc("r1"), codec.decode("r1", stored));
  }

  @Test
  @DisplayName("entry-processor arguments are sealed per review and open only for that review")
  void argumentsBoundToReview() {
    ReviewCodec codec = sealed("k1");
    String arg = codec.sealArgument("r1", "{\"finding\":\"" + DIFF_MARKER + "\"}");
    assertFalse(arg.contains(DIFF_MARKER));
    assertEquals("{\"finding\":\"" + DIFF_MARKER + "\"}", codec.openArgument("r1", arg));
    assertNull(codec.openArgument("r2", arg));
    assertNull(codec.sealArgument("r1", null));
    assertEquals(1, codec.rejected());
  }

  @Test
  @DisplayName("without a secret values are stored as plain documents, as before")
  void plainPassesThrough() {
    ReviewCodec codec = ReviewCodec.plain();
    assertEquals(doc("r1"), codec.encode("r1", doc("r1")).getValue());
    assertEquals(doc("r1"), codec.decode("r1", doc("r1")));
    assertEquals("x", codec.sealArgument("r1", "x"));
    assertFalse(codec.sealing());
  }

  @Test
  @DisplayName("the entry processor keeps working on sealed values and refuses a forged stored value")
  void processorOnSealedValues() {
    ReviewCodec codec = sealed("k1");
    // a member whose user context holds the codec (the only method the processor calls)
    com.hazelcast.core.HazelcastInstance hz = (com.hazelcast.core.HazelcastInstance) java.lang.reflect.Proxy
        .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {com.hazelcast.core.HazelcastInstance.class},
            (p, m, args) -> m.getName().equals("getUserContext")
                ? new java.util.concurrent.ConcurrentHashMap<String, Object>(Map.of(ReviewCodec.USER_CONTEXT_KEY, codec))
                : null);
    Map.Entry<String, HazelcastJsonValue> entry = new AbstractMap.SimpleEntry<>("r1", null);
    ReviewEntryProcessor insert = new ReviewEntryProcessor(ReviewEntryProcessor.Op.INSERT,
        codec.encode("r1", doc("r1")).getValue(), null, null);
    insert.setHazelcastInstance(hz);
    assertNull(insert.process(entry));
    ReviewEntryProcessor classify = new ReviewEntryProcessor(ReviewEntryProcessor.Op.CLASSIFY,
        codec.sealArgument("r1", "deep_review"), codec.sealArgument("r1", "because"), "node-b");
    classify.setHazelcastInstance(hz);
    classify.process(entry);
    JsonObject envelope = new JsonObject(entry.getValue().getValue());
    assertEquals("node-b", envelope.getString("owner"));
    assertEquals("deep_review", new JsonObject(codec.decode("r1", entry.getValue().getValue())).getString("decision_path"));

    Map.Entry<String, HazelcastJsonValue> forged = new AbstractMap.SimpleEntry<>("r2", new HazelcastJsonValue(doc("r2")));
    ReviewEntryProcessor claim = new ReviewEntryProcessor(ReviewEntryProcessor.Op.CLAIM,
        codec.sealArgument("r2", "node-a"), codec.sealArgument("r2", "node-c"), null);
    claim.setHazelcastInstance(hz);
    assertNull(claim.process(forged), "a forged plain value is not claimed");
    assertEquals(doc("r2"), forged.getValue().getValue(), "and is left unchanged");
    ReviewEntryProcessor reinsert = new ReviewEntryProcessor(ReviewEntryProcessor.Op.INSERT,
        codec.encode("r2", doc("r2")).getValue(), null, null);
    reinsert.setHazelcastInstance(hz);
    assertNull(reinsert.process(forged), "an insert replaces a forged value instead of answering it");
    assertEquals(doc("r2"), codec.decode("r2", forged.getValue().getValue()));
    assertTrue(codec.rejected() >= 2);
  }
}
