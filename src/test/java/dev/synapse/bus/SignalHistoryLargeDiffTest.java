package dev.synapse.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.signal.Signal;
import dev.synapse.signal.SignalTypes;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The history keeps a large review request without its diff, and every other signal whole. */
class SignalHistoryLargeDiffTest {
  @Test
  @DisplayName("a review.request with a diff over the limit is recorded with an empty diff and its length")
  void largeDiffLeftOut() {
    SignalHistory history = new SignalHistory(10, 64L << 20);
    String big = "+".repeat(SignalHistory.MAX_DIFF_CHARS + 1);
    history.add(Signal.create(SignalTypes.REVIEW_REQUEST, Signal.INGRESS_SOURCE, "r1",
        new JsonObject().put("review_id", "r1").put("diff", big).put("intent", "feature")));
    history.add(Signal.create(SignalTypes.REVIEW_REQUEST, Signal.INGRESS_SOURCE, "r2",
        new JsonObject().put("review_id", "r2").put("diff", "small").put("intent", "feature")));
    assertTrue(history.bytes() < 4096, "bytes held: " + history.bytes());
    List<Signal> kept = history.replay(null, null, 10);
    assertEquals("", kept.get(0).data().getString("diff"));
    assertEquals(big.length(), kept.get(0).data().getInteger(SignalHistory.OMITTED_FIELD));
    assertEquals("feature", kept.get(0).data().getString("intent"));
    assertEquals("small", kept.get(1).data().getString("diff"));
    assertEquals(null, kept.get(1).data().getValue(SignalHistory.OMITTED_FIELD));
  }
}
