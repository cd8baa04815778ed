package dev.synapse.analysis.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SecurityCorpusTest {

  private static Path corpus() {
    Path shared = Path.of("../shared/corpus/review-cases.jsonl");
    if (Files.exists(shared)) return shared;
    return Path.of("src/test/resources/corpus/review-cases.jsonl");
  }

  @Test
  @DisplayName("security checks reach the precision and recall targets on the public corpus")
  void corpusTargets() throws Exception {
    SecurityCorpusScore s = SecurityCorpusScore.run(corpus());
    System.out.println(s.report());
    assertTrue(s.overall.precision() >= 0.90, "overall precision " + s.overall);
    assertTrue(s.overall.recall() >= 0.85, "overall recall " + s.overall);
    s.byCategory.forEach((k, v) -> {
      assertTrue(v.precision() >= 0.75 && v.recall() >= 0.75, k + " " + v);
    });
    s.byLanguage.forEach((k, v) -> {
      assertTrue(v.precision() >= 0.75 && v.recall() >= 0.75, k + " " + v);
    });
  }
}
