package dev.synapse.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DiffParser on the public corpus")
class DiffParserCorpusTest {
  private static final Path SHARED = Path.of("../shared/corpus/review-cases.jsonl");
  private static final Path COPY = Path.of("src/test/resources/corpus/review-cases.jsonl");
  private static final int CORPUS_SIZE = 110;

  static List<JsonObject> cases() throws IOException {
    Path p = Files.exists(SHARED) ? SHARED : COPY;
    List<JsonObject> out = new ArrayList<>();
    for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
      if (!l.isBlank()) {
        out.add(new JsonObject(l));
      }
    }
    return out;
  }

  @Test
  @DisplayName("every case parses and every expected entry points at an added or removed line")
  void expectedEntriesPointAtChangedLines() throws IOException {
    List<JsonObject> cases = cases();
    assertEquals(CORPUS_SIZE, cases.size());
    int checked = 0;
    for (JsonObject c : cases) {
      String id = c.getString("id");
      Diff diff;
      try {
        diff = DiffParser.parse(c.getString("diff"));
      } catch (DiffParseException e) {
        fail(id + ": " + e.getMessage());
        return;
      }
      assertTrue(diff.fileCount() > 0, id + ": no files");
      JsonArray expected = c.getJsonArray("expected");
      for (int i = 0; i < expected.size(); i++) {
        JsonObject e = expected.getJsonObject(i);
        String side = e.getString("side");
        int line = e.getInteger("line");
        boolean found = false;
        for (FileDiff f : diff.files()) {
          if (!f.path().equals(e.getString("file"))) {
            continue;
          }
          List<DiffLine> ls = "old".equals(side) ? f.removedLines() : f.addedLines();
          for (DiffLine l : ls) {
            found |= ("old".equals(side) ? l.oldLine() : l.newLine()) == line;
          }
        }
        assertTrue(found, id + ": expected " + e.encode() + " is not a changed line");
        checked++;
      }
    }
    assertTrue(checked > 0, "no expected entries checked");
  }
}
