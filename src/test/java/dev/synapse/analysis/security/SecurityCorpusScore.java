package dev.synapse.analysis.security;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.Checks;
import dev.synapse.analysis.Suppressions;
import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import dev.synapse.signal.Finding;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A quick scorer of the security checks on a corpus in the DESIGN.md 4 format: a finding matches
 * an expected entry when category, file, side and line agree; an unmatched finding of a security
 * category in a case counts as a false positive of that category and language.
 */
final class SecurityCorpusScore {
  static final Set<String> SECURITY = Set.of("sql_injection", "xss", "auth_bypass",
      "command_injection", "path_traversal", "hardcoded_secret", "weak_crypto", "ldap_injection",
      "xpath_injection", "code_injection", "insecure_cookie", "trust_boundary");

  /** Counts for one bucket. */
  static final class Counts {
    int tp;
    int fp;
    int fn;

    double precision() {
      return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
    }

    @Override
    public String toString() {
      return String.format("P=%.2f R=%.2f (tp=%d fp=%d fn=%d)", precision(), recall(), tp, fp, fn);
    }
  }

  final Map<String, Counts> byCategory = new TreeMap<>();
  final Map<String, Counts> byLanguage = new TreeMap<>();
  final Counts overall = new Counts();
  final List<String> misses = new ArrayList<>();

  static SecurityCorpusScore run(Path corpus) throws IOException {
    SecurityCorpusScore s = new SecurityCorpusScore();
    for (String line : Files.readAllLines(corpus)) {
      if (line.isBlank()) continue;
      s.score(new JsonObject(line));
    }
    return s;
  }

  static List<Finding> findings(Diff diff) {
    AnalysisContext ctx = new AnalysisContext(diff, List.of(), null);
    List<Finding> out = new ArrayList<>();
    for (Check c : Checks.security()) {
      out.addAll(Suppressions.apply(c.run(ctx), ctx).kept());
    }
    return out;
  }

  private void score(JsonObject c) {
    String lang = c.getString("language");
    Diff diff = DiffParser.parse(c.getString("diff"));
    List<Finding> fs = findings(diff);
    JsonArray expected = c.getJsonArray("expected", new JsonArray());
    boolean[] used = new boolean[expected.size()];
    Set<String> scored = new java.util.HashSet<>();
    c.getJsonArray("forbidden", new JsonArray()).forEach(x -> scored.add((String) x));
    if ("positive".equals(c.getString("kind"))) scored.add(c.getString("category"));
    for (int i = 0; i < expected.size(); i++) scored.add(expected.getJsonObject(i).getString("category"));
    for (Finding f : fs) {
      if (!SECURITY.contains(f.type())) continue;
      boolean hit = false;
      for (int i = 0; i < expected.size(); i++) {
        JsonObject e = expected.getJsonObject(i);
        if (!used[i] && e.getString("category").equals(f.type()) && e.getString("file").equals(f.file())
            && e.getInteger("line") == f.line() && e.getString("side").equals(f.side().wire())) {
          used[i] = true;
          hit = true;
          break;
        }
      }
      if (hit) {
        bump(f.type(), lang, 1, 0, 0);
      } else if (scored.contains(f.type())) {
        bump(f.type(), lang, 0, 1, 0);
        misses.add("FP " + c.getString("id") + " " + f.type() + " " + f.file() + ":" + f.line()
            + " " + f.side().wire() + " conf=" + f.confidence());
      } else {
        misses.add("unscored " + c.getString("id") + " " + f.type() + " " + f.file() + ":" + f.line());
      }
    }
    for (int i = 0; i < expected.size(); i++) {
      JsonObject e = expected.getJsonObject(i);
      if (!SECURITY.contains(e.getString("category"))) continue;
      if (!used[i]) {
        bump(e.getString("category"), lang, 0, 0, 1);
        misses.add("FN " + c.getString("id") + " " + e.encode());
      }
    }
  }

  private void bump(String cat, String lang, int tp, int fp, int fn) {
    for (Counts k : List.of(byCategory.computeIfAbsent(cat, x -> new Counts()),
        byLanguage.computeIfAbsent(lang, x -> new Counts()), overall)) {
      k.tp += tp;
      k.fp += fp;
      k.fn += fn;
    }
  }

  String report() {
    StringBuilder sb = new StringBuilder();
    sb.append("overall ").append(overall).append('\n');
    byCategory.forEach((k, v) -> sb.append("  ").append(k).append(' ').append(v).append('\n'));
    byLanguage.forEach((k, v) -> sb.append("  ").append(k).append(' ').append(v).append('\n'));
    misses.forEach(m -> sb.append("  ").append(m).append('\n'));
    return sb.toString();
  }
}
