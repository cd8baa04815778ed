package dev.synapse.analysis.security;

import dev.synapse.analysis.lang.Language;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.analysis.rules.Pack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pattern rules over changed source lines (pack section {@code line_patterns}): a decorator, a
 * setting or a call that turns a framework protection off, such as Django {@code @csrf_exempt},
 * Spring Security {@code http.csrf().disable()} or Rails
 * {@code skip_before_action :verify_authenticity_token}. What the line does is the finding; no
 * data flow is involved. A row applies to a file of one of its languages (and, when it names
 * {@code files}, whose lower-cased name matches one of them); comment lines never match; the
 * conditions {@code not}, {@code near_not} and {@code file_has} are read over the side's visible
 * lines (the whole file for an added file). Stateless; thread-safe.
 */
final class LinePatterns {
  private LinePatterns() {}

  /**
   * A line a row matched.
   *
   * @param line 1-based line on the view's side
   * @param confidence the row's confidence
   * @param label the row's label (what the line does)
   */
  record Hit(int line, double confidence, String label) {}

  /**
   * @param view one side of a file
   * @param k the compiled packs
   * @param rule only the rows of this rule's category are applied
   * @return at most one hit per changed line (the highest confidence), in line order
   */
  static List<Hit> scan(SourceView view, SecurityKnowledge k, Rule rule) {
    List<Pack.LinePattern> rows = rowsFor(view, k, rule);
    if (rows.isEmpty()) return List.of();
    List<String>[] literals = literals(rows, k);
    List<Hit> out = new ArrayList<>();
    String whole = null;
    for (SourceView.Segment seg : view.segments()) {
      for (int i = 0; i < seg.lines().size(); i++) {
        if (!seg.changed().get(i)) continue;
        String text = seg.lines().get(i);
        if (text.length() > TemplateSinks.MAX_LINE || comment(text)) continue;
        Hit best = null;
        for (int ri = 0; ri < rows.size(); ri++) {
          Pack.LinePattern r = rows.get(ri);
          if (!containsAny(text, literals[ri]) || !r.pattern().matcher(text).find()) continue;
          if (r.not() != null && r.not().matcher(text).find()) continue;
          if (r.nearNot() != null && near(seg, i, r)) continue;
          if (r.fileHas() != null) {
            if (whole == null) whole = visibleText(view);
            if (!r.fileHas().matcher(whole).find()) continue;
          }
          if (best == null || r.confidence() > best.confidence()) {
            best = new Hit(seg.firstLine() + i, r.confidence(), r.label());
          }
        }
        if (best != null) out.add(best);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String>[] literals(List<Pack.LinePattern> rows, SecurityKnowledge k) {
    List<String>[] out = new List[rows.size()];
    for (int i = 0; i < out.length; i++) out[i] = k.linePatternLiterals(rows.get(i));
    return out;
  }

  /** @return true when {@code literals} is empty (no filter) or the text contains one of them */
  private static boolean containsAny(String text, List<String> literals) {
    if (literals.isEmpty()) return true;
    for (String l : literals) {
      if (text.contains(l)) return true;
    }
    return false;
  }

  /**
   * @param path a file path (its extension decides the language)
   * @return true when the file has rows of this rule's category; cheap, no view needed
   */
  static boolean applies(String path, SecurityKnowledge k, Rule rule) {
    return !rowsFor(path, Language.detect(path), k, rule).isEmpty();
  }

  private static List<Pack.LinePattern> rowsFor(SourceView view, SecurityKnowledge k, Rule rule) {
    return rowsFor(view.path(), view.language(), k, rule);
  }

  private static List<Pack.LinePattern> rowsFor(String path, Language lang, SecurityKnowledge k, Rule rule) {
    if (lang == Language.UNKNOWN || k.linePatterns().isEmpty()) return List.of();
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    List<Pack.LinePattern> out = new ArrayList<>();
    for (Pack.LinePattern r : k.linePatterns()) {
      if (!r.category().equals(rule.category()) || !r.languages().contains(lang)) continue;
      if (!r.files().isEmpty() && r.files().stream().noneMatch(g -> g.matches(name))) continue;
      out.add(r);
    }
    return out;
  }

  /** @return true when a line within the row's window around line {@code i} matches near_not */
  private static boolean near(SourceView.Segment seg, int i, Pack.LinePattern r) {
    int from = Math.max(0, i - r.near());
    int to = Math.min(seg.lines().size() - 1, i + r.near());
    for (int j = from; j <= to; j++) {
      if (r.nearNot().matcher(seg.lines().get(j)).find()) return true;
    }
    return false;
  }

  private static String visibleText(SourceView view) {
    StringBuilder sb = new StringBuilder();
    for (SourceView.Segment seg : view.segments()) {
      for (String l : seg.lines()) sb.append(l).append('\n');
    }
    return sb.toString();
  }

  /**
   * @return true for a line that is only a comment: it starts with {@code //}, {@code /*},
   *     {@code *}, {@code <!--}, {@code --} or {@code #} (but not a PHP/Rust attribute {@code #[})
   */
  static boolean comment(String text) {
    String t = text.strip();
    if (t.startsWith("#")) return !t.startsWith("#[");
    return t.startsWith("//") || t.startsWith("/*") || t.startsWith("*") || t.startsWith("<!--")
        || t.startsWith("--");
  }
}
