package dev.synapse.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.agent.coordinator.Classifier;
import dev.synapse.signal.ReviewRequest;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClassifierTest {

  private static ReviewRequest req(int files, List<String> labels, String intent, double risk) {
    return new ReviewRequest("r", "", files, labels, intent, risk, null);
  }

  @Test
  @DisplayName("a hotfix takes the fast path even with a security label")
  void hotfix() {
    Classifier.Classification c = Classifier.classify(req(3, List.of("security"), "hotfix", 0.9));
    assertEquals(Classifier.FAST_PATH, c.path());
    assertTrue(c.rationale().contains("hotfix"));
  }

  @Test
  @DisplayName("a small unlabelled low-risk change takes the fast path")
  void smallChange() {
    assertEquals(Classifier.FAST_PATH, Classifier.classify(req(50, List.of(), "feature", 0.49)).path());
  }

  @Test
  @DisplayName("51 files, a security or performance label, or risk 0.5 take the deep review, with a rationale")
  void deep() {
    Classifier.Classification c = Classifier.classify(req(51, List.of(), "feature", 0.0));
    assertEquals(Classifier.DEEP_REVIEW, c.path());
    assertTrue(c.rationale().contains("51 files"));
    assertEquals(Classifier.DEEP_REVIEW, Classifier.classify(req(1, List.of("performance"), "feature", 0)).path());
    assertEquals(Classifier.DEEP_REVIEW, Classifier.classify(req(1, List.of("Security"), "bugfix", 0)).path());
    c = Classifier.classify(req(1, List.of(), "feature", 0.5));
    assertEquals(Classifier.DEEP_REVIEW, c.path());
    assertTrue(c.rationale().contains("risk_factor"));
  }
}
