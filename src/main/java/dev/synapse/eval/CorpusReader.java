package dev.synapse.eval;

import dev.synapse.signal.Side;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads corpus files in the JSON-lines format of DESIGN.md section 4: one JSON object per line
 * with {@code id}, {@code language}, {@code category}, {@code kind}, {@code diff},
 * {@code expected} [{category, file, line, side}], {@code forbidden} [category], {@code note},
 * and optionally {@code metadata.hot_functions} (a top-level {@code hot_functions} is accepted too).
 * Blank lines are skipped. Stateless and
 * thread-safe.
 */
public final class CorpusReader {
  private CorpusReader() {}

  /**
   * @param path a {@code .jsonl} corpus in UTF-8
   * @return the cases in file order
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when a line is not a valid case; the message names the
   *     1-based line number and the field at fault
   */
  public static List<CorpusCase> read(Path path) throws IOException {
    return parse(Files.readString(path, StandardCharsets.UTF_8));
  }

  /**
   * @param text the whole corpus text
   * @return the cases in order
   * @throws IllegalArgumentException when a line is not a valid case (message names the line)
   */
  public static List<CorpusCase> parse(String text) {
    List<CorpusCase> cases = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) continue;
      try {
        cases.add(parseCase(new JsonObject(line)));
      } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
        throw new IllegalArgumentException("corpus line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return cases;
  }

  /**
   * @param json one case object
   * @return the case
   * @throws IllegalArgumentException when a required field is missing or malformed
   */
  public static CorpusCase parseCase(JsonObject json) {
    String id = required(json, "id");
    String category = required(json, "category");
    String diff = json.getString("diff");
    if (diff == null) throw new IllegalArgumentException("case " + id + ": 'diff' is missing");
    String kindText = json.getString("kind", "positive").toLowerCase(Locale.ROOT);
    CorpusCase.Kind kind;
    switch (kindText) {
      case "positive" -> kind = CorpusCase.Kind.POSITIVE;
      case "negative" -> kind = CorpusCase.Kind.NEGATIVE;
      default -> throw new IllegalArgumentException(
          "case " + id + ": 'kind' must be positive or negative; got '" + kindText + "'");
    }
    List<CorpusCase.Expected> expected = new ArrayList<>();
    JsonArray exp = json.getJsonArray("expected", new JsonArray());
    for (int i = 0; i < exp.size(); i++) {
      JsonObject e = exp.getJsonObject(i);
      Integer line = e.getInteger("line");
      if (line == null || line < 1) {
        throw new IllegalArgumentException("case " + id + ": expected[" + i + "].line must be ≥ 1");
      }
      expected.add(new CorpusCase.Expected(e.getString("category", category),
          required(e, "file"), line, Side.parse(e.getString("side", "new"))));
    }
    List<String> forbidden = strings(json.getJsonArray("forbidden", new JsonArray()));
    JsonObject metadata = json.getJsonObject("metadata", new JsonObject());
    JsonArray hotArray = metadata.getJsonArray("hot_functions", json.getJsonArray("hot_functions", new JsonArray()));
    List<String> hot = strings(hotArray);
    String language = json.getString("language", "unknown").toLowerCase(Locale.ROOT);
    return new CorpusCase(id, language, category, kind, diff, expected, forbidden,
        json.getString("note", ""), hot);
  }

  private static String required(JsonObject json, String field) {
    String v = json.getString(field);
    if (v == null || v.isBlank()) throw new IllegalArgumentException("'" + field + "' is missing");
    return v;
  }

  private static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) out.add(array.getString(i));
    return out;
  }
}
