package dev.synapse.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Benchmark inputs built from the public corpus ({@code shared/corpus/review-cases.jsonl},
 * DESIGN.md section 4): the cases as they are (the realistic mix), a "typical" pull request of 3
 * files and about 150 diff lines, and diffs of a given size (1 KB … 1 MB) for the scaling
 * benchmark. Composite diffs reuse the corpus hunks verbatim (real code, real findings) and only
 * rewrite hunk headers so that every file's hunks are ordered and non-overlapping, as git writes
 * them. Deterministic: the same corpus gives the same inputs. Not thread-safe (build once).
 */
public final class BenchCorpus {
  /** Default corpus location relative to the repository root. */
  public static final String DEFAULT_PATH = "../shared/corpus/review-cases.jsonl";
  /** Diff lines per file in composite diffs. */
  public static final int LINES_PER_FILE = 40;

  /** One corpus case: its id, language and diff text. */
  public record Case(String id, String language, String diff) {}

  private record Hunk(String section, List<String> body, int oldCount, int newCount) {}

  private record Source(String language, String path, List<Hunk> hunks) {}

  private final List<Case> cases;
  private final List<Source> sources = new ArrayList<>();
  private final List<String> languages = new ArrayList<>();

  private BenchCorpus(List<Case> cases) {
    this.cases = cases;
    Set<String> seen = new HashSet<>();
    for (Case c : cases) {
      for (Source raw : split(c)) {
        Source s = new Source(raw.language(), raw.path(),
            raw.hunks().stream().filter(h -> !h.body().isEmpty()).toList());
        if (s.hunks().isEmpty()) continue;
        sources.add(s);
        if (seen.add(s.language())) languages.add(s.language());
      }
    }
    if (sources.isEmpty()) throw new IllegalStateException("corpus has no text hunks");
  }

  /**
   * @param file the JSONL corpus
   * @return the loaded corpus
   * @throws UncheckedIOException when unreadable
   */
  public static BenchCorpus load(Path file) {
    try {
      List<Case> cases = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) continue;
        JsonObject j = new JsonObject(line);
        cases.add(new Case(j.getString("id"), j.getString("language", "unknown"), j.getString("diff", "")));
      }
      return new BenchCorpus(cases);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the corpus location: {@code SYNAPSE_CORPUS}, else {@link #DEFAULT_PATH} */
  public static Path defaultPath() {
    String env = System.getenv("SYNAPSE_CORPUS");
    return Path.of(env != null && !env.isBlank() ? env : DEFAULT_PATH);
  }

  /** @return the corpus cases in file order */
  public List<Case> cases() {
    return cases;
  }

  /**
   * A typical pull request: 3 files in 3 languages, at least {@value #LINES_PER_FILE} diff lines each
   * (about 150 lines, 6–8 KB).
   *
   * @param variant selects the languages and hunks (0, 1, 2, … give different diffs)
   */
  public String typical(int variant) {
    Composer c = new Composer(variant);
    while (!(c.files == 3 && c.fileLines >= LINES_PER_FILE)) c.addHunk();
    return c.text();
  }

  /**
   * @param bytes target size in bytes; the result is at least that large and overshoots by at
   *     most one hunk
   * @return a diff of several files, {@value #LINES_PER_FILE} lines per file
   */
  public String sized(int bytes) {
    Composer c = new Composer(0);
    while (c.out.length() < bytes) c.addHunk();
    return c.text();
  }

  /** Appends corpus hunks file by file, rotating over languages and cases. */
  private final class Composer {
    final StringBuilder out = new StringBuilder();
    final Map<String, Integer> pathUses = new LinkedHashMap<>();
    final int variant;
    int files;
    int fileLines;
    int oldCursor;
    int delta;
    int sourceIndex;
    Source current;
    int hunkIndex;

    Composer(int variant) {
      this.variant = variant;
      this.sourceIndex = variant * 7;
    }

    void addHunk() {
      if (current == null || fileLines >= LINES_PER_FILE) startFile();
      Hunk h = nextHunk();
      int oldStart = h.oldCount() == 0 ? oldCursor - 1 : oldCursor;
      int newStart = h.newCount() == 0 ? oldCursor + delta - 1 : oldCursor + delta;
      out.append("@@ -").append(oldStart).append(',').append(h.oldCount())
          .append(" +").append(newStart).append(',').append(h.newCount()).append(" @@")
          .append(h.section()).append('\n');
      for (String line : h.body()) out.append(line).append('\n');
      fileLines += 1 + h.body().size();
      oldCursor += h.oldCount() + 12;
      delta += h.newCount() - h.oldCount();
    }

    private Hunk nextHunk() {
      if (hunkIndex >= current.hunks().size()) {
        // continue this file with the next source of the same language
        Source next = current;
        for (int i = 1; i <= sources.size(); i++) {
          Source s = sources.get((sourceIndex + i) % sources.size());
          if (s.language().equals(current.language())) {
            next = s;
            sourceIndex = (sourceIndex + i) % sources.size();
            break;
          }
        }
        current = new Source(current.language(), current.path(), next.hunks());
        hunkIndex = 0;
      }
      return current.hunks().get(hunkIndex++);
    }

    private void startFile() {
      String language = languages.get((variant + files) % languages.size());
      for (int i = 0; i < sources.size(); i++) {
        Source s = sources.get((sourceIndex + i) % sources.size());
        if (s.language().equals(language)) {
          sourceIndex = (sourceIndex + i + 1) % sources.size();
          int uses = pathUses.merge(s.path(), 1, Integer::sum);
          String path = uses == 1 ? s.path() : "copy" + uses + "/" + s.path();
          current = new Source(language, path, s.hunks());
          break;
        }
      }
      hunkIndex = 0;
      files++;
      fileLines = 4;
      oldCursor = 10;
      delta = 0;
      out.append("diff --git a/").append(current.path()).append(" b/").append(current.path()).append('\n')
          .append("index 1111111..2222222 100644\n")
          .append("--- a/").append(current.path()).append('\n')
          .append("+++ b/").append(current.path()).append('\n');
    }

    String text() {
      return out.toString();
    }
  }

  /** Splits a case's diff into per-file hunk lists (modified text files only). */
  private static List<Source> split(Case c) {
    List<Source> out = new ArrayList<>();
    String path = null;
    List<Hunk> hunks = null;
    String section = null;
    List<String> body = null;
    String[] lines = c.diff().split("\n", -1);
    for (String line : lines) {
      if (line.startsWith("diff --git ") || line.startsWith("--- ")) {
        if (body != null) hunks.add(hunk(section, body));
        body = null;
        if (line.startsWith("diff --git ")) {
          path = null;
          hunks = null;
        }
        continue;
      }
      if (line.startsWith("+++ ")) {
        String p = line.substring(4).trim();
        if (p.startsWith("b/")) p = p.substring(2);
        if (p.equals("/dev/null")) continue;
        path = p;
        hunks = new ArrayList<>();
        out.add(new Source(c.language(), path, hunks));
        continue;
      }
      if (line.startsWith("@@ ") && hunks != null) {
        if (body != null) hunks.add(hunk(section, body));
        int end = line.indexOf("@@", 3);
        section = end < 0 ? "" : line.substring(end + 2);
        body = new ArrayList<>();
        continue;
      }
      if (body != null && !line.isEmpty() && " +-".indexOf(line.charAt(0)) >= 0) body.add(line);
    }
    if (body != null && hunks != null) hunks.add(hunk(section, body));
    return out;
  }

  /** A hunk of the body lines kept ({@code \ No newline} markers are dropped: they end files). */
  private static Hunk hunk(String section, List<String> body) {
    int oldCount = 0;
    int newCount = 0;
    for (String l : body) {
      char k = l.charAt(0);
      if (k == ' ' || k == '-') oldCount++;
      if (k == ' ' || k == '+') newCount++;
    }
    return new Hunk(section, List.copyOf(body), oldCount, newCount);
  }
}
