package dev.synapse.analysis.security;

import dev.synapse.diff.DiffParser;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Developer aid: prints the findings for one corpus case named in /tmp/synapse-debug-case (skipped otherwise). */
class SecurityDebugTest {
  @Test
  @DisplayName("prints findings for the corpus case named in /tmp/synapse-debug-case")
  void printCase() throws Exception {
    Path marker = Path.of("/tmp/synapse-debug-case");
    Assumptions.assumeTrue(Files.exists(marker));
    String id = Files.readString(marker).trim();
    for (String line : Files.readAllLines(Path.of("../shared/corpus/review-cases.jsonl"))) {
      JsonObject c = new JsonObject(line);
      if (!c.getString("id").equals(id)) continue;
      SecurityCorpusScore.findings(DiffParser.parse(c.getString("diff")))
          .forEach(f -> System.out.println("FINDING " + f.toJson().encode()));
    }
  }
}
