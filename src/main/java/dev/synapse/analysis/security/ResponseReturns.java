package dev.synapse.analysis.security;

import dev.synapse.analysis.lang.SourceView;
import dev.synapse.analysis.lang.Token;
import dev.synapse.analysis.rules.Glob;
import dev.synapse.analysis.rules.Pack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a function is a request handler whose return value the framework answers as
 * HTML (pack section {@code response_returns}): Flask view functions returning a string, Spring
 * {@code @ResponseBody} methods with {@code produces = TEXT_HTML}, JAX-RS
 * {@code @Produces(TEXT_HTML)}, NestJS handlers with an HTML {@code @Header}... The marker lines
 * are the function's decorator/annotation/attribute lines: the lines just above its header (up to
 * {@link #MAX_LINES}, stopping at a blank line, a line ending a statement or block, or a line
 * indented deeper than the header) and the header's own lines, trimmed, lower-cased, with a
 * leading {@code @} removed. Stateless; thread-safe.
 */
final class ResponseReturns {
  /** At most this many lines above a header are read as its markers. */
  static final int MAX_LINES = 8;

  /**
   * A matching row.
   *
   * @param rule the category of the finding
   * @param confidence the row's confidence factor
   * @param needHtml whether the returned value must hold markup (row {@code text: html})
   */
  record Hit(Rule rule, double confidence, boolean needHtml) {}

  private ResponseReturns() {}

  /**
   * @param view the file's new side
   * @param toks the unit's tokens (header first)
   * @param bodyFrom index of the unit's first body token
   * @param unitName the unit's name ({@code <top>} and {@code <lambda>} are never handlers)
   * @param k the compiled packs
   * @return the first row whose markers match, or null
   */
  static Hit of(SourceView view, List<Token> toks, int bodyFrom, String unitName, SecurityKnowledge k) {
    if (toks.isEmpty()) return null;
    return ofLines(view, toks.get(0).line(), toks.get(Math.max(0, Math.min(bodyFrom, toks.size()) - 1)).line(),
        unitName, k);
  }

  /**
   * The same decision by lines: for a function nested in the analysed unit.
   *
   * @param view the file's new side
   * @param headerLine the function header's first line
   * @param lastHeaderLine the header's last line
   * @param unitName the function's name ({@code <top>} and {@code <lambda>} are never handlers)
   * @param k the compiled packs
   * @return the first row whose markers match, or null
   */
  static Hit ofLines(SourceView view, int headerLine, int lastHeaderLine, String unitName, SecurityKnowledge k) {
    List<Pack.ResponseReturn> rows = k.responseReturns(view.language());
    if (rows.isEmpty() || unitName.startsWith("<")) return null;
    List<String> lines = markerLines(view, headerLine, lastHeaderLine);
    for (Pack.ResponseReturn r : rows) {
      if (r.block()) continue;
      if (any(r.markers(), lines) && !any(r.markersNot(), lines)) return new Hit(Rule.of(r.category()), r.confidence(), !"any".equals(r.text()));
    }
    return null;
  }

  /** At most this many lines above a block's last statement are searched for its opener. */
  static final int MAX_BLOCK_LINES = 60;
  private static final java.util.regex.Pattern DO_OPENER =
      java.util.regex.Pattern.compile(".*\\bdo(\\s*\\|[^|]*\\|)?\\s*$");

  /**
   * For the last statement of a {@code do ... end} block: the block rows ({@code block: true})
   * whose markers match the block's opener line (the nearest line above, less indented than the
   * statement, ending in {@code do} or {@code do |args|}).
   *
   * @param view the file's new side
   * @param line the statement's first line
   * @param k the compiled packs
   * @return the first matching row, or null
   */
  static Hit ofBlock(SourceView view, int line, SecurityKnowledge k) {
    List<Pack.ResponseReturn> rows = k.responseReturns(view.language());
    if (rows.isEmpty()) return null;
    String own = view.line(line);
    if (own == null) return null;
    int indent = SourceView.indentOf(own);
    for (int n = line - 1; n >= 1 && n >= line - MAX_BLOCK_LINES; n--) {
      String l = view.line(n);
      if (l == null) return null;
      if (l.isBlank() || SourceView.indentOf(l) >= indent) continue;
      if (!DO_OPENER.matcher(l).matches()) return null;
      List<String> opener = List.of(normalise(l.strip()));
      for (Pack.ResponseReturn r : rows) {
        if (r.block() && any(r.markers(), opener) && !any(r.markersNot(), opener)) {
          return new Hit(Rule.of(r.category()), r.confidence(), !"any".equals(r.text()));
        }
      }
      return null;
    }
    return null;
  }

  private static boolean any(List<Glob> globs, List<String> lines) {
    for (String l : lines) for (Glob g : globs) if (g.matches(l)) return true;
    return false;
  }

  /** The decorator/annotation lines above the header and the header's own lines, normalised. */
  static List<String> markerLines(SourceView view, int headerLine, int lastHeaderLine) {
    List<String> out = new ArrayList<>();
    String header = view.line(headerLine);
    int indent = header == null ? 0 : SourceView.indentOf(header);
    for (int n = headerLine - 1; n >= 1 && n >= headerLine - MAX_LINES; n--) {
      String l = view.line(n);
      if (l == null || l.isBlank()) break;
      String tr = l.strip();
      if (SourceView.indentOf(l) > indent || tr.endsWith(";") || tr.endsWith("{") || tr.endsWith("}")) break;
      out.add(normalise(tr));
    }
    for (int n = headerLine; n <= lastHeaderLine && n < headerLine + MAX_LINES; n++) {
      String l = view.line(n);
      if (l != null) out.add(normalise(l.strip()));
    }
    return out;
  }

  private static String normalise(String line) {
    String s = line.toLowerCase(Locale.ROOT);
    return s.startsWith("@") ? s.substring(1) : s;
  }
}
