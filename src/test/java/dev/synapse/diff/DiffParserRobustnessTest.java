package dev.synapse.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DiffParser on damaged input")
class DiffParserRobustnessTest {
  private static final long SEED = 20261129L;
  private static final String[] NASTY = {
    "", " ", "-", "+", "\\", "@@", "@@ ", "@@ -", "@@ -1", "@@ -1 +", "@@ -1 +1 @@", "--- ", "+++ ",
    "--- /dev/null", "+++ /dev/null", "diff --git ", "diff --git \"", "diff --git a/x", "diff ",
    "Binary files differ", "Binary files  and  differ", "GIT binary patch", "literal 3",
    "rename from ", "rename to ", "copy from \"", "index ", "old mode ", "new file mode ",
    "deleted file mode ", "-- ", "\r", "@@ -2147483648 +1 @@", "@@ -99999999999 +1 @@",
    "--- \"a/\\", "--- \"a/\\400\"", "diff --git \"a/x\" ", "diff --git a/ b/"
  };

  @Test
  @DisplayName("damaged corpus diffs either parse or fail with DiffParseException only")
  void damagedDiffsFailCleanly() throws IOException {
    Random rnd = new Random(SEED);
    int parsed = 0;
    for (JsonObject c : DiffParserCorpusTest.cases()) {
      List<String> base = List.of(c.getString("diff").split("\n", -1));
      for (int round = 0; round < 20; round++) {
        List<String> ls = new ArrayList<>(base);
        for (int k = 0; k < 3; k++) {
          int at = rnd.nextInt(ls.size() + 1);
          switch (rnd.nextInt(4)) {
            case 0 -> ls.add(at, NASTY[rnd.nextInt(NASTY.length)]);
            case 1 -> { if (at < ls.size()) ls.remove(at); }
            case 2 -> { if (at < ls.size()) ls.set(at, cut(ls.get(at), rnd)); }
            default -> ls = new ArrayList<>(ls.subList(0, at));
          }
        }
        String text = String.join(rnd.nextBoolean() ? "\n" : "\r\n", ls);
        try {
          DiffParser.parse(text);
          parsed++;
        } catch (DiffParseException expected) {
          assertTrue(expected.getMessage().length() < 200);
        } catch (RuntimeException e) {
          fail(c.getString("id") + " round " + round + ": " + e + "\n" + text);
        }
      }
    }
    assertTrue(parsed > 0);
  }

  private static String cut(String s, Random rnd) {
    return s.substring(0, rnd.nextInt(s.length() + 1));
  }

  @Test
  @DisplayName("every short line from the nasty list, alone and in pairs, fails cleanly or parses")
  void nastyLinesFailCleanly() {
    for (String a : NASTY) {
      for (String b : NASTY) {
        String text = a + "\n" + b + "\n" + a;
        try {
          DiffParser.parse(text);
        } catch (DiffParseException expected) {
          // refused as invalid_diff: fine
        } catch (RuntimeException e) {
          fail("[" + a + "] [" + b + "]: " + e);
        }
      }
    }
  }
}
