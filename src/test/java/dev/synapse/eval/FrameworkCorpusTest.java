package dev.synapse.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffLine;
import dev.synapse.diff.DiffParser;
import dev.synapse.diff.FileDiff;
import dev.synapse.signal.Side;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Structural checks of the framework corpus {@code src/test/resources/corpus/framework-cases.jsonl}
 * (see FRAMEWORKS.md there): every case reads, every diff parses, and every expected finding
 * points at a line the diff adds (side new) or removes (side old) in that file. It does not score
 * the analysis; {@code synapse eval} does that.
 */
class FrameworkCorpusTest {
  private static final Path CORPUS = Path.of("src", "test", "resources", "corpus", "framework-cases.jsonl");
  private static final List<String> NEW_CATEGORIES =
      List.of("open_redirect", "insecure_deserialization", "xxe", "ssrf", "nosql_injection");
  private static List<CorpusCase> cases;

  @BeforeAll
  static void read() throws Exception {
    cases = CorpusReader.read(CORPUS);
  }

  @Test
  @DisplayName("every case has a unique id, a documentation URL in its note and a consistent kind")
  void casesAreWellFormed() {
    Set<String> ids = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (CorpusCase c : cases) {
      if (!ids.add(c.id())) problems.add(c.id() + ": duplicate id");
      if (!c.note().contains("docs: https://")) problems.add(c.id() + ": note cites no documentation URL");
      if (c.kind() == CorpusCase.Kind.POSITIVE && c.expected().isEmpty()) problems.add(c.id() + ": positive without expected");
      if (c.kind() == CorpusCase.Kind.NEGATIVE && (!c.expected().isEmpty() || c.forbidden().isEmpty())) {
        problems.add(c.id() + ": negative must have no expected and a forbidden list");
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    assertTrue(cases.size() >= 150, "corpus has only " + cases.size() + " cases");
  }

  @Test
  @DisplayName("every diff parses and every expected line is an added or removed line of its file")
  void expectedLinesAreChangedLines() {
    List<String> problems = new ArrayList<>();
    for (CorpusCase c : cases) {
      Diff diff;
      try {
        diff = DiffParser.parse(c.diff());
      } catch (RuntimeException e) {
        problems.add(c.id() + ": diff does not parse: " + e.getMessage());
        continue;
      }
      if (diff.files().isEmpty()) problems.add(c.id() + ": diff has no files");
      for (CorpusCase.Expected e : c.expected()) {
        FileDiff file = diff.files().stream().filter(f -> e.file().equals(f.path())).findFirst().orElse(null);
        if (file == null) {
          problems.add(c.id() + ": no file " + e.file());
          continue;
        }
        List<DiffLine> changed = e.side() == Side.NEW ? file.addedLines() : file.removedLines();
        boolean hit = changed.stream().anyMatch(l ->
            (e.side() == Side.NEW ? l.newLine() : l.oldLine()) == e.line() && !l.text().isBlank());
        if (!hit) problems.add(c.id() + ": line " + e.line() + " (" + e.side().wire() + ") of " + e.file() + " is not a changed line");
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  @Test
  @DisplayName("each new category has positive and negative cases in at least five languages")
  void newCategoriesAreCoveredAcrossLanguages() {
    for (String category : NEW_CATEGORIES) {
      Set<String> positive = new TreeSet<>();
      Set<String> negative = new TreeSet<>();
      for (CorpusCase c : cases) {
        if (!c.category().equals(category)) continue;
        (c.kind() == CorpusCase.Kind.POSITIVE ? positive : negative).add(c.language());
      }
      assertFalse(positive.size() < 5, category + " positives only in " + positive);
      assertEquals(positive, negative, category + ": languages with positives and with negatives differ");
    }
  }
}
