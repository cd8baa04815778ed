package dev.synapse.eval;

import dev.synapse.signal.Finding;
import dev.synapse.signal.Side;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scored result of a corpus run: precision and recall overall, per category and per
 * language, with every miss and false alarm. Immutable.
 *
 * @param cases number of cases evaluated
 * @param overall counts over all cases
 * @param byCategory counts per category id, sorted by id
 * @param byLanguage counts per case language, sorted by language
 * @param misses expected entries no finding matched (FN)
 * @param falseAlarms scored findings that matched no expected entry (FP)
 * @param errors cases whose diff did not parse or where a check threw
 * @param unscoredFindings findings of categories the case says nothing about (see {@link Evaluator})
 * @param suppressedFindings findings removed by inline suppression
 */
public record EvalReport(int cases, Tally overall, Map<String, Tally> byCategory,
    Map<String, Tally> byLanguage, List<Entry> misses, List<Entry> falseAlarms,
    List<CaseError> errors, int unscoredFindings, int suppressedFindings) {

  public EvalReport {
    byCategory = Collections.unmodifiableMap(new TreeMap<>(byCategory));
    byLanguage = Collections.unmodifiableMap(new TreeMap<>(byLanguage));
    misses = List.copyOf(misses);
    falseAlarms = List.copyOf(falseAlarms);
    errors = List.copyOf(errors);
  }

  /**
   * One miss or false alarm.
   *
   * @param caseId corpus case id
   * @param language case language
   * @param category category of the expected entry (miss) or finding (false alarm)
   * @param file file path
   * @param line 1-based line on {@code side}
   * @param side side of {@code line}
   * @param detail for a miss: the nearest finding of the same category and file, or ""; for a
   *     false alarm: the rule id and summary
   */
  public record Entry(String caseId, String language, String category, String file, int line,
      Side side, String detail) {}

  /**
   * A case that could not be evaluated fully.
   *
   * @param caseId corpus case id
   * @param message what went wrong
   */
  public record CaseError(String caseId, String message) {}

  /**
   * Quality targets.
   *
   * @param overallPrecision minimum overall precision
   * @param overallRecall minimum overall recall
   * @param groupMinimum minimum precision and recall of every category and every language
   */
  public record Targets(double overallPrecision, double overallRecall, double groupMinimum) {
    /** The targets of issue 4: 0.90 / 0.85 overall, 0.75 per category and language. */
    public static final Targets ISSUE_4 = new Targets(0.90, 0.85, 0.75);
  }

  /**
   * Compares the report with targets. Recall is only judged for groups with at least one
   * expected entry; precision of a group with no scored finding is 1.0 (see {@link Tally}).
   *
   * @param targets the minimums
   * @return one sentence per target missed; empty when all are met
   */
  public List<String> failures(Targets targets) {
    List<String> out = new ArrayList<>();
    if (overall.precision() < targets.overallPrecision()) {
      out.add(String.format(Locale.ROOT, "overall precision %.3f < %.2f", overall.precision(),
          targets.overallPrecision()));
    }
    if (overall.hasPositives() && overall.recall() < targets.overallRecall()) {
      out.add(String.format(Locale.ROOT, "overall recall %.3f < %.2f", overall.recall(),
          targets.overallRecall()));
    }
    groupFailures("category", byCategory, targets.groupMinimum(), out);
    groupFailures("language", byLanguage, targets.groupMinimum(), out);
    return out;
  }

  private static void groupFailures(String kind, Map<String, Tally> groups, double min,
      List<String> out) {
    groups.forEach((name, t) -> {
      if (t.precision() < min) {
        out.add(String.format(Locale.ROOT, "%s %s precision %.3f < %.2f", kind, name,
            t.precision(), min));
      }
      if (t.hasPositives() && t.recall() < min) {
        out.add(String.format(Locale.ROOT, "%s %s recall %.3f < %.2f", kind, name, t.recall(),
            min));
      }
    });
  }

  /** @return a plain-text report: tables of precision/recall, then misses, false alarms, errors */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("Synapse detection quality: ").append(cases).append(" cases\n\n");
    sb.append(String.format(Locale.ROOT, "%-20s %5s %5s %5s %9s %9s%n", "group", "TP", "FP", "FN",
        "precision", "recall"));
    row(sb, "OVERALL", overall);
    sb.append("\nby category\n");
    byCategory.forEach((k, t) -> row(sb, k, t));
    sb.append("\nby language\n");
    byLanguage.forEach((k, t) -> row(sb, k, t));
    sb.append("\n(recall \"-\": no expected findings in the group, so recall is not judged)\n");
    sb.append("\nmisses (false negatives): ").append(misses.size()).append('\n');
    for (Entry e : misses) entry(sb, e);
    sb.append("\nfalse alarms (false positives): ").append(falseAlarms.size()).append('\n');
    for (Entry e : falseAlarms) entry(sb, e);
    if (!errors.isEmpty()) {
      sb.append("\nerrors: ").append(errors.size()).append('\n');
      for (CaseError e : errors) sb.append("  ").append(e.caseId()).append(": ").append(e.message()).append('\n');
    }
    sb.append("\nunscored findings (categories a case does not judge): ").append(unscoredFindings)
        .append("; suppressed inline: ").append(suppressedFindings).append('\n');
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, Tally t) {
    sb.append(String.format(Locale.ROOT, "%-20s %5d %5d %5d %9.3f %9s%n", name,
        t.truePositives(), t.falsePositives(), t.falseNegatives(), t.precision(),
        t.hasPositives() ? String.format(Locale.ROOT, "%.3f", t.recall()) : "-"));
  }

  private static void entry(StringBuilder sb, Entry e) {
    sb.append("  ").append(e.caseId()).append("  ").append(e.category()).append("  ")
        .append(e.file()).append(':').append(e.line());
    if (e.side() == Side.OLD) sb.append(" (old)");
    if (!e.detail().isEmpty()) sb.append("  — ").append(e.detail());
    sb.append('\n');
  }

  /**
   * @return the report as JSON: {@code cases}, {@code overall}, {@code by_category},
   *     {@code by_language} (each group {@code tp, fp, fn, precision, recall} with recall null
   *     when undefined), {@code misses}, {@code false_alarms}, {@code errors},
   *     {@code unscored_findings}, {@code suppressed_findings}
   */
  public JsonObject toJson() {
    JsonObject byCat = new JsonObject();
    byCategory.forEach((k, t) -> byCat.put(k, json(t)));
    JsonObject byLang = new JsonObject();
    byLanguage.forEach((k, t) -> byLang.put(k, json(t)));
    JsonArray errs = new JsonArray();
    for (CaseError e : errors) errs.add(new JsonObject().put("id", e.caseId()).put("message", e.message()));
    return new JsonObject()
        .put("cases", cases)
        .put("overall", json(overall))
        .put("by_category", byCat)
        .put("by_language", byLang)
        .put("misses", entries(misses))
        .put("false_alarms", entries(falseAlarms))
        .put("errors", errs)
        .put("unscored_findings", unscoredFindings)
        .put("suppressed_findings", suppressedFindings);
  }

  private static JsonObject json(Tally t) {
    return new JsonObject()
        .put("tp", t.truePositives())
        .put("fp", t.falsePositives())
        .put("fn", t.falseNegatives())
        .put("precision", t.precision())
        .put("recall", t.hasPositives() ? t.recall() : null);
  }

  private static JsonArray entries(List<Entry> list) {
    JsonArray a = new JsonArray();
    for (Entry e : list) {
      a.add(new JsonObject().put("id", e.caseId()).put("language", e.language())
          .put("category", e.category()).put("file", e.file()).put("line", e.line())
          .put("side", e.side().wire()).put("detail", e.detail()));
    }
    return a;
  }

  /** Accumulates a report while cases are scored. Not thread-safe; one per run. */
  static final class Builder {
    private final int cases;
    private final Map<String, Tally> byCategory = new TreeMap<>();
    private final Map<String, Tally> byLanguage = new TreeMap<>();
    private final List<Entry> misses = new ArrayList<>();
    private final List<Entry> falseAlarms = new ArrayList<>();
    private final List<CaseError> errors = new ArrayList<>();
    private Tally overall = Tally.ZERO;
    private int unscored;
    private int suppressed;

    Builder(int cases) {
      this.cases = cases;
    }

    /** Makes the case's category and language appear in the tables even with no counts. */
    void register(CorpusCase c) {
      byCategory.putIfAbsent(c.category(), Tally.ZERO);
      byLanguage.putIfAbsent(c.language(), Tally.ZERO);
    }

    void truePositive(CorpusCase c, String category) {
      add(c, category, new Tally(1, 0, 0));
    }

    void falseNegative(CorpusCase c, CorpusCase.Expected e, Finding nearest) {
      add(c, e.category(), new Tally(0, 0, 1));
      String hint = nearest == null ? ""
          : "nearest finding of this category in the file: line " + nearest.line() + " ("
              + nearest.side().wire() + ")";
      misses.add(new Entry(c.id(), c.language(), e.category(), e.file(), e.line(), e.side(), hint));
    }

    void falsePositive(CorpusCase c, Finding f) {
      add(c, f.type(), new Tally(0, 1, 0));
      falseAlarms.add(new Entry(c.id(), c.language(), f.type(), f.file(), f.line(), f.side(),
          f.ruleId() + ": " + f.summary()));
    }

    void unscored() {
      unscored++;
    }

    void suppressed(int n) {
      suppressed += n;
    }

    void error(String caseId, String message) {
      errors.add(new CaseError(caseId, message));
    }

    private void add(CorpusCase c, String category, Tally t) {
      overall = overall.plus(t);
      byCategory.merge(category, t, Tally::plus);
      byLanguage.merge(c.language(), t, Tally::plus);
    }

    EvalReport build() {
      return new EvalReport(cases, overall, byCategory, byLanguage, misses, falseAlarms, errors,
          unscored, suppressed);
    }
  }
}
