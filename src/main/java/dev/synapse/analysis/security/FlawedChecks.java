package dev.synapse.analysis.security;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.lang.Functions;
import dev.synapse.analysis.lang.Language;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.diff.ChangeType;
import dev.synapse.diff.DiffLine;
import dev.synapse.diff.FileDiff;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks that look protective but are not, and argument vectors that let a value become an
 * option, on added lines (issue 12 item 6; the word lists are in {@code rules/removed-protection.yml}):
 *
 * <ul>
 *   <li><b>Prefix containment without a separator</b> (CWE-22): a prefix test
 *       ({@code flawed_checks.prefix_methods}) of a canonicalised path (a
 *       {@code flawed_checks.canonicalisers} call on the line, or a variable assigned from one in
 *       the 20 lines above) against a root written as a bare name or attribute that neither is
 *       nor was built with a separator: {@code /srv/app2} starts with {@code /srv/app}. Not for
 *       receivers that compare path components ({@code flawed_checks.component_receivers}, e.g.
 *       {@code java.nio.file.Path.startsWith}).
 *   <li><b>Character-wise common prefix as containment</b>: {@code os.path.commonprefix}
 *       ({@code flawed_checks.character_prefix_calls}), which the Python documentation warns
 *       works a character at a time.
 *   <li><b>Argument injection</b> (CWE-88): an argument list naming a program that takes options
 *       ({@code argument_injection.programs}) followed by constant arguments and then a
 *       non-constant one, with no {@code --} / {@code --end-of-options} before it.
 * </ul>
 *
 * Reported at partial confidence (the value's origin is not examined). Stateless.
 */
final class FlawedChecks {
  private FlawedChecks() {}

  private static final Set<String> PREFIX = PatternLists.set("flawed_checks.prefix_methods");
  /** Canonicaliser name to the languages (lower-case names) where it returns a string path. */
  private static final java.util.Map<String, Set<String>> CANON = canonicalisers();
  private static final Set<String> COMPONENT = PatternLists.set("flawed_checks.component_receivers");
  private static final Set<String> CHAR_PREFIX = PatternLists.set("flawed_checks.character_prefix_calls");
  private static final Set<String> PROGRAMS = PatternLists.set("argument_injection.programs");
  private static final Set<String> END_OF_OPTIONS = PatternLists.set("argument_injection.end_of_options");
  private static final List<String> HOST_READS = PatternLists.list("host_header.reads");
  private static final List<String> LOOPBACK = PatternLists.list("host_header.loopback");

  private static java.util.Map<String, Set<String>> canonicalisers() {
    java.util.Map<String, Set<String>> m = new java.util.HashMap<>();
    for (String[] p : RemovedProtection.pairs("flawed_checks.canonicalisers")) {
      for (String l : p[1].split(",")) m.computeIfAbsent(p[0], x -> new java.util.HashSet<>()).add(l.trim());
    }
    return java.util.Map.copyOf(m);
  }

  private static boolean canon(String lname, Language lang) {
    Set<String> langs = CANON.get(lname);
    return langs != null && langs.contains(lang.name().toLowerCase(Locale.ROOT));
  }

  /** Confidence of a flawed containment check. */
  static final double PREFIX_CONFIDENCE = 0.5;
  /** Confidence of an argument-injection candidate. */
  static final double ARGUMENT_CONFIDENCE = 0.5;

  private record Key(FileDiff file) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.file == file;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(file) * 17 + 3;
    }
  }

  /** @return the candidates on the file's added lines, in line order */
  static List<RemovedProtection.Hit> of(AnalysisContext ctx, FileDiff file, SecurityKnowledge knowledge) {
    if (file.binary() || file.changeType() == ChangeType.DELETED || file.hunks().isEmpty()) {
      return List.of();
    }
    // the path test runs once per file too: every rule's check asks
    return ctx.memo(new Key(file), k -> RemovedProtection.codeFile(file.path(), knowledge)
        ? compute(Functions.view(ctx, file, Side.NEW), file) : List.of());
  }

  private static List<RemovedProtection.Hit> compute(SourceView nv, FileDiff file) {
    List<RemovedProtection.Hit> out = new ArrayList<>();
    for (DiffLine d : file.addedLines()) {
      if (LineTokens.blankOrComment(d.text()) || !candidate(d.text())) continue;
      List<LineTokens.Tok> ts = LineTokens.of(d.text());
      RemovedProtection.Hit h = prefix(nv, d.newLine(), ts);
      if (h == null) h = argumentInjection(d.newLine(), ts);
      if (h == null) h = hostHeaderTrust(nv, d.newLine(), ts);
      if (h != null) out.add(h);
    }
    return List.copyOf(out);
  }

  /**
   * @return false when none of the three checks can hold on the line: it has no {@code if} or
   *     {@code unless} (host header), no program name (argument injection) and, lower-cased, no
   *     prefix-method name (containment); each check reads a token of the line that has one of
   *     these texts, so this skips the split of most lines
   */
  static boolean candidate(String text) {
    if (text.contains("if") || text.contains("unless")) return true;
    for (String p : PROGRAMS) if (text.contains(p)) return true;
    String low = text.toLowerCase(Locale.ROOT);
    for (String p : PREFIX) if (low.contains(p)) return true;
    for (String p : CHAR_PREFIX) if (low.contains(p)) return true;
    return false;
  }

  // ---- prefix containment ------------------------------------------------------------------

  private static RemovedProtection.Hit prefix(SourceView nv, int line, List<LineTokens.Tok> ts) {
    for (int i = 0; i + 1 < ts.size(); i++) {
      LineTokens.Tok t = ts.get(i);
      if (!t.word() || !ts.get(i + 1).punct("(")) continue;
      String ln = t.text().toLowerCase(Locale.ROOT);
      if (CHAR_PREFIX.contains(ln)) {
        return new RemovedProtection.Hit(Rule.PATH_TRAVERSAL, line, PREFIX_CONFIDENCE * 0.9,
            Rule.PATH_TRAVERSAL.title() + ": " + t.text() + "() compares paths a character at a time, so"
                + " /srv/app2/x shares the prefix /srv/app with the root; as a containment check it lets"
                + " a sibling directory through (use os.path.commonpath, or compare path components).", "CWE-22");
      }
      if (!PREFIX.contains(ln)) continue;
      int close = close(ts, i + 1);
      if (close < 0) continue;
      List<LineTokens.Tok> args = ts.subList(i + 2, close);
      List<LineTokens.Tok> subject;
      List<LineTokens.Tok> root;
      boolean method = i > 0 && ts.get(i - 1).punct(".");
      if (method) {
        subject = ts.subList(0, i - 1);
        root = args;
      } else {
        int comma = topComma(args);
        if (comma < 0) continue;
        subject = args.subList(0, comma);
        root = args.subList(comma + 1, args.size());
      }
      if (!bareName(root) || mentionsSeparator(root)) continue;
      if (constantName(root.get(root.size() - 1).text())) continue; // may carry its separator
      if (!canonicalised(nv, line, subject, method)) continue;
      String rootVar = root.get(root.size() - 1).text();
      if (builtWithSeparator(nv, line, rootVar)) continue;
      return new RemovedProtection.Hit(Rule.PATH_TRAVERSAL, line, PREFIX_CONFIDENCE,
          Rule.PATH_TRAVERSAL.title() + ": this containment check tests a canonicalised path with "
              + t.text() + "(" + rootVar + ") and no trailing separator, so a sibling of the root"
              + " (/srv/app2 for the root /srv/app) passes; compare against the root plus the separator,"
              + " or compare path components.", "CWE-22");
    }
    return null;
  }

  /** @return the index of the parenthesis closing the one at {@code open}, or -1 */
  private static int close(List<LineTokens.Tok> ts, int open) {
    int depth = 0;
    for (int j = open; j < ts.size(); j++) {
      LineTokens.Tok x = ts.get(j);
      if (x.punct("(") || x.punct("[") || x.punct("{")) depth++;
      else if (x.punct(")") || x.punct("]") || x.punct("}")) {
        depth--;
        if (depth == 0) return j;
      }
    }
    return -1;
  }

  private static int topComma(List<LineTokens.Tok> ts) {
    int depth = 0;
    for (int j = 0; j < ts.size(); j++) {
      LineTokens.Tok x = ts.get(j);
      if (x.punct("(") || x.punct("[") || x.punct("{")) depth++;
      else if (x.punct(")") || x.punct("]") || x.punct("}")) depth--;
      else if (depth == 0 && x.punct(",")) return j;
    }
    return -1;
  }

  /** A name or attribute path: {@code root}, {@code @root}, {@code self.root}, {@code $this->root}. */
  private static boolean bareName(List<LineTokens.Tok> ts) {
    if (ts.isEmpty()) return false;
    for (LineTokens.Tok x : ts) {
      if (!(x.word() || x.punct(".") || x.punct(":") || x.punct("-") || x.punct(">"))) return false;
    }
    return ts.get(ts.size() - 1).word();
  }

  /** @return true for an ALL_CAPS constant (defined elsewhere, perhaps with its trailing separator) */
  private static boolean constantName(String name) {
    String n = name.replace("@", "").replace("$", "");
    return n.length() > 1 && n.equals(n.toUpperCase(Locale.ROOT)) && n.chars().anyMatch(Character::isLetter);
  }

  private static boolean mentionsSeparator(List<LineTokens.Tok> ts) {
    for (LineTokens.Tok x : ts) {
      String l = x.text().toLowerCase(Locale.ROOT);
      if (l.contains("sep") || l.contains("slash")) return true;
    }
    return false;
  }

  private static boolean canonicalised(SourceView nv, int line, List<LineTokens.Tok> subject, boolean method) {
    boolean canon = false;
    for (int j = 0; j < subject.size(); j++) {
      LineTokens.Tok x = subject.get(j);
      if (!x.word()) continue;
      String l = x.text().toLowerCase(Locale.ROOT);
      if (COMPONENT.contains(l)) return false;
      if (canon(l, nv.language()) && j + 1 < subject.size() && subject.get(j + 1).punct("(")) canon = true;
    }
    if (canon) return true;
    // the subject is a variable assigned from a canonicaliser a few lines above
    LineTokens.Tok last = null;
    for (int j = subject.size() - 1; j >= 0; j--) {
      if (subject.get(j).word()) {
        last = subject.get(j);
        break;
      }
      if (!subject.get(j).punct(")") && !subject.get(j).punct("(")) break;
    }
    if (last == null) return false;
    for (int l = line - 1; l >= Math.max(1, line - 20); l--) {
      String text = nv.line(l);
      if (text == null) continue;
      List<LineTokens.Tok> lt = LineTokens.of(text);
      if (assigns(lt, last.text())) {
        for (int j = 0; j + 1 < lt.size(); j++) {
          String w = lt.get(j).text().toLowerCase(Locale.ROOT);
          if (lt.get(j).word() && COMPONENT.contains(w)) return false;
          if (lt.get(j).word() && canon(w, nv.language()) && lt.get(j + 1).punct("(")) return true;
        }
        return false;
      }
    }
    return false;
  }

  /** @return true when the line assigns the name ({@code name =}, {@code name :=}, {@code name, err :=}) */
  private static boolean assigns(List<LineTokens.Tok> lt, String name) {
    for (int j = 0; j + 1 < lt.size(); j++) {
      if (lt.get(j).word() && lt.get(j).text().equals(name)) {
        for (int q = j + 1; q < lt.size(); q++) {
          LineTokens.Tok x = lt.get(q);
          if (x.punct("=")) return q + 1 >= lt.size() || !lt.get(q + 1).punct("=");
          if (x.punct(":") && q + 1 < lt.size() && lt.get(q + 1).punct("=")) return true;
          if (!(x.punct(",") || x.word())) return false;
        }
        return false;
      }
    }
    return false;
  }

  private static boolean builtWithSeparator(SourceView nv, int line, String root) {
    for (int l = line - 1; l >= Math.max(1, line - 40); l--) {
      String text = nv.line(l);
      if (text == null) continue;
      List<LineTokens.Tok> lt = LineTokens.of(text);
      if (assigns(lt, root)) {
        String low = text.toLowerCase(Locale.ROOT);
        return low.contains("sep") || low.contains("\"/\"") || low.contains("'/'") || low.contains("slash");
      }
    }
    return false;
  }

  // ---- argument injection ------------------------------------------------------------------

  private static RemovedProtection.Hit argumentInjection(int line, List<LineTokens.Tok> ts) {
    for (int i = 0; i < ts.size(); i++) {
      LineTokens.Tok t = ts.get(i);
      if (!t.str() || !PROGRAMS.contains(t.unquoted())) continue;
      // an element of an argument list: after "(", "," or "[", or first on a continuation line
      LineTokens.Tok before = i == 0 ? null : ts.get(i - 1);
      if (before != null && !(before.punct("(") || before.punct(",") || before.punct("["))) continue;
      int literals = 0;
      int j = i + 1;
      while (j < ts.size() && ts.get(j).punct(",")) {
        int start = j + 1;
        int end = start;
        int depth = 0;
        while (end < ts.size()) {
          LineTokens.Tok x = ts.get(end);
          if (x.punct("(") || x.punct("[") || x.punct("{")) depth++;
          else if (x.punct(")") || x.punct("]") || x.punct("}")) {
            if (depth == 0) break;
            depth--;
          } else if (depth == 0 && x.punct(",")) {
            break;
          }
          end++;
        }
        if (start >= end) break;
        LineTokens.Tok first = ts.get(start);
        if (end - start == 1 && first.str()) {
          if (END_OF_OPTIONS.contains(first.unquoted())) return null;
          literals++;
        } else if (end - start == 1 && first.kind() == 'n') {
          literals++;
        } else if (first.str() && first.unquoted().startsWith("-")) {
          literals++; // "--opt=" + value: the value stays the option's
        } else {
          if (literals == 0) return null;
          String shown = LineTokensText.join(ts.subList(start, end));
          return new RemovedProtection.Hit(Rule.COMMAND_INJECTION, line, ARGUMENT_CONFIDENCE,
              "Argument injection: " + shown + " is passed to " + t.unquoted() + " as an argument with no"
                  + " \"--\" (end of options) before it, so a value starting with \"-\" is read as an"
                  + " option (" + t.unquoted() + " options can run commands or write files).", "CWE-88");
        }
        j = end;
      }
    }
    return null;
  }

  // ---- Host header trust -------------------------------------------------------------------

  /**
   * A condition comparing the request's Host header (read on the line, or into a variable in the
   * 15 lines above) with a loopback name ("local requests only"): the client sets that header.
   */
  private static RemovedProtection.Hit hostHeaderTrust(SourceView nv, int line, List<LineTokens.Tok> ts) {
    if (ts.isEmpty() || !(ts.get(0).word() && (ts.get(0).text().equals("if") || ts.get(0).text().equals("elif")
        || ts.get(0).text().equals("unless")) || ts.get(0).punct("}") && ts.size() > 2 && ts.get(2).text().equals("if"))) {
      return null;
    }
    String text = nv.line(line);
    if (text == null) return null;
    StringBuilder cond = new StringBuilder(text.toLowerCase(Locale.ROOT));
    for (int l = line + 1; l <= line + 2 && nv.line(l) != null; l++) cond.append('\n').append(nv.line(l).toLowerCase(Locale.ROOT));
    boolean loop = false;
    for (String lb : LOOPBACK) if (cond.indexOf(lb) >= 0) loop = true;
    if (!loop) return null;
    String low = text.toLowerCase(Locale.ROOT);
    String via = null;
    for (String r : HOST_READS) if (low.contains(r)) via = r;
    if (via == null) {
      for (int l = line - 1; l >= Math.max(1, line - 15) && via == null; l--) {
        String prev = nv.line(l);
        if (prev == null) continue;
        String pl = prev.toLowerCase(Locale.ROOT);
        String read = null;
        for (String r : HOST_READS) if (pl.contains(r)) read = r;
        if (read == null) continue;
        List<LineTokens.Tok> pt = LineTokens.of(prev);
        if (pt.size() >= 2 && pt.get(0).word() && pt.get(1).punct("=")
            && RemovedProtection.containsWord(text, pt.get(0).text())) {
          via = pt.get(0).text();
        }
      }
    }
    if (via == null) return null;
    return new RemovedProtection.Hit(Rule.AUTH_BYPASS, line, 0.5, Rule.AUTH_BYPASS.title()
        + ": this check trusts the request's Host header (" + via + ") to be a loopback name, but the client"
        + " chooses that header; decide locality from the connection's remote address.", "CWE-290");
  }

  /** Joins tokens back into short display text. */
  private static final class LineTokensText {
    private LineTokensText() {}

    static String join(List<LineTokens.Tok> ts) {
      StringBuilder sb = new StringBuilder();
      for (LineTokens.Tok x : ts) sb.append(x.text());
      String s = sb.toString();
      return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
  }
}
