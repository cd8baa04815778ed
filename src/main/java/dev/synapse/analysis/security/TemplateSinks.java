package dev.synapse.analysis.security;

import dev.synapse.analysis.lang.Language;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.analysis.rules.Glob;
import dev.synapse.analysis.rules.Pack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pattern rules over template files (pack section {@code template_sinks}): Jinja {@code |safe},
 * ERB {@code <%==}, Blade <code>{!! !!}</code>, Vue {@code v-html}, Razor {@code @Html.Raw},
 * Thymeleaf {@code th:utext}... Each changed line of a file whose name matches a row is searched
 * with the row's regular expression; the group {@code value} is the expression rendered without
 * escaping. A constant (a quoted string, number, boolean or null literal) is not a finding; an
 * expression whose access path is a known request source (the sources of the packs, for the
 * file's language or, for a language-neutral template, for any language) is reported with the
 * row's {@code confidence} and origin request input; any other expression with the row's
 * {@code variable_confidence} and origin "a value defined outside the visible code" (the
 * template cannot show where a variable comes from). Stateless; thread-safe.
 */
final class TemplateSinks {
  /** Lines longer than this are not searched (minified bundles, data). */
  static final int MAX_LINE = 4_000;
  private static final Pattern CONSTANT = Pattern.compile(
      "\\s*(?:\"[^\"\\\\]*\"|'[^'\\\\]*'|`[^`$\\\\]*`|-?[0-9][0-9_.]*|true|false|null|nil|none|None|:[a-z_]+)\\s*");
  private static final Pattern CALL_ARGS = Pattern.compile("\\([^()]*\\)");
  private static final Pattern SUBSCRIPT = Pattern.compile("\\[\\s*[:'\"]?([^\\]'\"]*)['\"]?\\s*\\]");

  private TemplateSinks() {}

  /**
   * What a scan found.
   *
   * @param found candidates on changed lines, at most one per line (the highest confidence)
   * @param constantLines changed lines where rows matched and every matched value was a constant:
   *     the template rules judge these lines safe, whatever a code analysis of the template text says
   */
  record Scan(List<TaintAnalyzer.Candidate> found, java.util.Set<Integer> constantLines) {}

  /**
   * @param view the new side of a file
   * @param k the compiled packs
   * @param rule only the rows of this rule's category are applied
   * @return the candidates and the lines judged constant
   */
  static Scan scan(SourceView view, SecurityKnowledge k, Rule rule) {
    return scan(view, k, rule, rowsFor(view.path(), k));
  }

  /**
   * {@link #scan(SourceView, SecurityKnowledge, Rule)} with the rows of the view's file already
   * chosen ({@link #rows}).
   *
   * @param fileRows the rows whose file globs match the view's file
   */
  static Scan scan(SourceView view, SecurityKnowledge k, Rule rule, List<Pack.TemplateSink> fileRows) {
    List<Pack.TemplateSink> rows = new ArrayList<>(fileRows);
    rows.removeIf(r -> !r.category().equals(rule.category()));
    java.util.Set<Integer> constant = new java.util.HashSet<>();
    if (rows.isEmpty()) return new Scan(List.of(), constant);
    List<TaintAnalyzer.Candidate> out = new ArrayList<>();
    for (SourceView.Segment seg : view.segments()) {
      for (int i = 0; i < seg.lines().size(); i++) {
        int line = seg.firstLine() + i;
        String text = seg.lines().get(i);
        if (!seg.changed().get(i) || text.length() > MAX_LINE) continue;
        TaintAnalyzer.Candidate best = null;
        boolean constants = false;
        boolean others = false;
        for (Pack.TemplateSink r : rows) {
          Matcher m = r.pattern().matcher(text);
          while (m.find()) {
            String value = m.group("value");
            if (value == null || value.isBlank() || CONSTANT.matcher(value).matches()) {
              constants = true;
              continue;
            }
            others = true;
            boolean source = knownSource(value, view.language(), k);
            if (!source && r.sourceOnly()) continue;
            double c = source ? r.confidence() : r.variableConfidence();
            if (best == null || c > best.confidence()) {
              best = new TaintAnalyzer.Candidate(Rule.of(r.category()), line, c, r.label(),
                  source ? Value.O_REQUEST : Value.O_FREE);
            }
          }
        }
        if (best != null) out.add(best);
        if (constants && !others) constant.add(line);
      }
    }
    return new Scan(out, constant);
  }

  /** Memo key of {@link #rows}: a file (by identity) under one compiled knowledge. */
  private record FileKey(dev.synapse.diff.FileDiff file, SecurityKnowledge knowledge) {
    @Override
    public boolean equals(Object o) {
      return o instanceof FileKey k && k.file == file && k.knowledge == knowledge;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(file) * 41 + System.identityHashCode(knowledge);
    }
  }

  /**
   * @return the rows that apply to the file's new path ({@link #rowsFor}), chosen once per review
   *     and file (every data-flow check asks); immutable
   */
  static List<Pack.TemplateSink> rows(dev.synapse.analysis.AnalysisContext ctx,
      dev.synapse.diff.FileDiff file, SecurityKnowledge k) {
    return ctx.memo(new FileKey(file, k), key -> List.copyOf(rowsFor(file.path(), k)));
  }

  /** @return the rows whose file globs match the lower-cased last segment of {@code path} */
  static List<Pack.TemplateSink> rowsFor(String path, SecurityKnowledge k) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    List<Pack.TemplateSink> out = new ArrayList<>();
    for (Pack.TemplateSink r : k.templateSinks()) {
      for (Glob g : r.files()) {
        if (g.matches(name)) {
          out.add(r);
          break;
        }
      }
    }
    return out;
  }

  /**
   * @return true when the expression's access path is a request source of the packs
   *     ({@code params[:q]} is {@code params[q]}, {@code request.args.get('q')} is
   *     {@code request.args.get()}, {@code $request->query('q')} is {@code $request.query()})
   */
  static boolean knownSource(String expr, Language lang, SecurityKnowledge k) {
    String p = accessPath(expr);
    if (p.isEmpty()) return false;
    int cut = p.length();
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '.' || c == '[' || c == '(') {
        cut = i;
        break;
      }
    }
    String head = p.substring(0, cut);
    if (lang != Language.UNKNOWN) return k.source(p, lang) > 0 || k.bareSpelling(head);
    for (Language l : Language.values()) {
      if (l != Language.UNKNOWN && k.source(p, l) > 0) return true;
    }
    return k.bareSpelling(head);
  }

  /** The lower-cased access path of a simple expression (a filter or default after | dropped). */
  static String accessPath(String expr) {
    String s = expr.strip();
    int bar = s.indexOf('|');
    if (bar > 0 && (bar + 1 >= s.length() || s.charAt(bar + 1) != '|')) s = s.substring(0, bar).strip();
    s = s.replace("?.", ".").replace("->", ".").replace("::", ".");
    if (s.startsWith("@")) s = s.substring(1);
    String prev;
    do {
      prev = s;
      s = CALL_ARGS.matcher(s).replaceAll("()");
    } while (!s.equals(prev));
    s = SUBSCRIPT.matcher(s).replaceAll("[$1]");
    s = s.replaceAll("\\s+", "");
    return s.toLowerCase(Locale.ROOT);
  }
}
