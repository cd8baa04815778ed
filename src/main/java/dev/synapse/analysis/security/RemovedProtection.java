package dev.synapse.analysis.security;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.TestPaths;
import dev.synapse.analysis.lang.Functions;
import dev.synapse.analysis.lang.Language;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.diff.ChangeType;
import dev.synapse.diff.DiffLine;
import dev.synapse.diff.FileDiff;
import dev.synapse.diff.Hunk;
import dev.synapse.diff.LineKind;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A change that takes a protection away, reported on the new side where the unprotected code now
 * runs (issue 12 item 6). Two shapes, both read from the diff's change blocks (runs of removed and
 * added lines between context lines):
 *
 * <ul>
 *   <li><b>Sanitiser removed on the line</b>: an added line that replaces a removed line of nearly
 *       the same tokens, where the removed line called a sanitiser or encoder (a pack sanitiser,
 *       or a name with a {@code removed_protection.sanitiser_parts} word), applied a template
 *       filter of that kind ({@code | Sanitize}, ERB {@code h}), cast the value to a number, used
 *       the {@code safe_} variant of the call the new line makes, or passed a variable named as
 *       sanitised where the new line passes another. Reported even when the value's origin is not
 *       shown (partial confidence): the change itself removed the protection. The category is the
 *       sanitiser's when the packs know it, else what the line shows (a sink or data flow on it,
 *       HTML or SQL text, a path builder, a sink further down reached by the assigned variable),
 *       else the word's.
 *   <li><b>Check removed in front of code that stays</b>: a block whose removed lines hold a check
 *       (a condition whose branch refuses: raise, throw, return, abort, 403; or a condition whose
 *       body is re-added without it) and more checks than its added lines, with evidence that the
 *       check was a security one: a removed comment or message naming a vulnerability class
 *       ({@code removed_protection.security_words}), a guard call in the condition (pack path or
 *       allow-list guards, {@code removed_protection.guard_parts}), or a permission test with a
 *       refusing branch (auth_bypass). A block that only removes code and a comment naming a
 *       vulnerability class also counts. Reported at the first added code line of the block, else
 *       at the next line that stays: the code the check used to stand in front of.
 * </ul>
 *
 * A protection that the change re-adds elsewhere in the file (same sanitiser name, same condition
 * text) is moved, not removed. Runs once per file and review ({@link AnalysisContext#memo}); the
 * data-flow pass over the new side runs only when a candidate needs its category. Stateless.
 */
final class RemovedProtection {
  private RemovedProtection() {}

  /**
   * A new-side finding candidate.
   *
   * @param rule the category
   * @param line the new-side line
   * @param confidence 0..1
   * @param summary the finding's text
   * @param cwe the CWE when it differs from the rule's, else null
   */
  record Hit(Rule rule, int line, double confidence, String summary, String cwe) {}

  private static final List<String[]> SANITISER_PARTS = pairs("removed_protection.sanitiser_parts");
  private static final List<String> NOT_SANITISER = PatternLists.list("removed_protection.not_sanitiser_parts");
  private static final List<String> SAFE_PREFIXES = PatternLists.list("removed_protection.safe_prefixes");
  private static final List<String> SANITISED_VARS = PatternLists.list("removed_protection.sanitised_variable_parts");
  private static final List<String[]> SECURITY_WORDS = pairs("removed_protection.security_words");
  private static final List<String[]> GUARD_PARTS = pairs("removed_protection.guard_parts");
  private static final Set<String> PERMISSION_WORDS = PatternLists.set("removed_protection.permission_words");
  private static final Set<String> DENY_WORDS = PatternLists.set("removed_protection.deny_words");
  private static final Set<String> ESCAPING_REPLACE = PatternLists.set("removed_protection.escaping_replace_calls");
  private static final Set<String> METACHARACTERS = PatternLists.set("removed_protection.escaped_metacharacters");
  private static final Map<String, String> DENY_CHARACTERS = map("removed_protection.deny_characters");
  private static final List<String> RAW_HTML = PatternLists.list("removed_protection.raw_html_markers");
  private static final List<String> TEMPLATE_EXTENSIONS = PatternLists.list("removed_protection.template_extensions");
  private static final Set<String> REFUSAL_WORDS = PatternLists.set("removed_protection.refusal_words");
  private static final Set<String> NOT_TESTED = PatternLists.set("removed_protection.not_tested_names");
  /** Words that are literal values, not variables. */
  private static final Set<String> LITERAL_WORDS = Set.of("true", "false", "null", "nil", "None", "True", "False");
  private static final Set<String> CONDITION_WORDS = Set.of("if", "unless", "elif", "elsif", "guard", "when");

  /** Command-line text: an option flag after a space or at the start ({@code " -i file:"}). */
  private static final java.util.regex.Pattern OPTION = java.util.regex.Pattern.compile("(^|\\s)--?[a-zA-Z][a-zA-Z0-9-]*(\\s|=|:|$)");

  /** Change blocks with more removed or added lines than this are rewrites: no line pairing. */
  static final int MAX_PAIRED_LINES = 150;

  /** The confidence of a removed-sanitiser finding (origin of the value not shown). */
  static final double SANITISER_CONFIDENCE = 0.5;
  /** The confidence of a removed-check finding. */
  static final double CHECK_CONFIDENCE = 0.55;

  private record Key(FileDiff file, SecurityKnowledge knowledge) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.file == file && k.knowledge == knowledge;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(file) * 31 + System.identityHashCode(knowledge) + 7;
    }
  }

  /** @return "part:category" entries split in two (category "" when absent) */
  static List<String[]> pairs(String list) {
    List<String[]> out = new ArrayList<>();
    for (String s : PatternLists.list(list)) {
      int c = s.lastIndexOf(':');
      out.add(c < 0 ? new String[] {s, ""} : new String[] {s.substring(0, c), s.substring(c + 1)});
    }
    return List.copyOf(out);
  }

  private static Map<String, String> map(String list) {
    Map<String, String> m = new java.util.HashMap<>();
    for (String[] p : pairs(list)) m.put(p[0], p[1]);
    return Map.copyOf(m);
  }

  /** @return the candidates of the file, in block order (empty for added, deleted or binary files) */
  static List<Hit> of(AnalysisContext ctx, FileDiff file, SecurityKnowledge knowledge) {
    if (file.binary() || file.changeType() == ChangeType.ADDED || file.changeType() == ChangeType.DELETED
        || file.hunks().isEmpty() || !hasRemoved(file)) {
      return List.of(); // every pass pairs or reads removed lines
    }
    // the path test runs once per file too: every rule's check asks
    return ctx.memo(new Key(file, knowledge),
        k -> codeFile(file.path(), knowledge) ? new Run(ctx, file, knowledge).compute() : List.of());
  }

  private static boolean hasRemoved(FileDiff file) {
    for (Hunk h : file.hunks()) {
      for (DiffLine d : h.lines()) if (d.kind() == LineKind.REMOVED) return true;
    }
    return false;
  }

  /**
   * @return true for source and template files outside test code: documentation, changelogs and
   *     tests name vulnerabilities and attack strings without protecting anything
   */
  static boolean codeFile(String path, SecurityKnowledge knowledge) {
    if (TestPaths.isTest(path)) return false;
    return Language.detect(path) != Language.UNKNOWN || template(path);
  }

  /** @return true for a template file ({@code removed_protection.template_extensions}) */
  static boolean template(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    for (String e : TEMPLATE_EXTENSIONS) if (p.endsWith("." + e)) return true;
    return false;
  }

  /** The work for one file. */
  private static final class Run {
    private final AnalysisContext ctx;
    private final FileDiff file;
    private final SecurityKnowledge k;
    private final SourceView nv;
    private final Language lang;
    /** Identifiers (lower-cased) on added lines of the file; null until a pass asks. */
    private Set<String> addedWords;
    /** Trimmed added lines of the file; null until a pass asks. */
    private Set<String> addedTexts;
    private List<TaintAnalyzer.Candidate> flows;
    private final Map<String, Hit> out = new LinkedHashMap<>();
    /** The split of each line text met so far: most lines are read by several passes. */
    private final Map<String, List<LineTokens.Tok>> tokens = new java.util.HashMap<>();
    /** {@link #sorted} of each line text met so far. */
    private final Map<String, String[]> sortedTexts = new java.util.HashMap<>();
    /** {@link #words} of each line text met so far. */
    private final Map<String, Set<String>> wordSets = new java.util.HashMap<>();

    Run(AnalysisContext ctx, FileDiff file, SecurityKnowledge k) {
      this.ctx = ctx;
      this.file = file;
      this.k = k;
      this.nv = Functions.view(ctx, file, Side.NEW);
      this.lang = nv.language();
    }

    /** @return {@link LineTokens#of} of the text, split once per file (read-only) */
    private List<LineTokens.Tok> toks(String text) {
      if (text == null) return List.of();
      List<LineTokens.Tok> t = tokens.get(text);
      if (t == null) {
        t = java.util.Collections.unmodifiableList(LineTokens.of(text));
        tokens.put(text, t);
      }
      return t;
    }

    /**
     * @return the lower-cased words of the line ({@link #toks}), in a set built once per text
     *     (read-only; the same insertion order as a set built on each call)
     */
    private Set<String> words(String text) {
      Set<String> w = wordSets.get(text);
      if (w == null) {
        w = new HashSet<>();
        for (LineTokens.Tok t : toks(text)) if (t.word()) w.add(t.text().toLowerCase(Locale.ROOT));
        wordSets.put(text, w);
      }
      return w;
    }

    /** @return the token texts of the line, sorted (for {@link #similarity}), once per text */
    private String[] sorted(String text) {
      String[] t = sortedTexts.get(text);
      if (t == null) {
        List<LineTokens.Tok> ts = toks(text);
        t = new String[ts.size()];
        for (int i = 0; i < t.length; i++) t[i] = ts.get(i).text();
        java.util.Arrays.sort(t);
        sortedTexts.put(text, t);
      }
      return t;
    }

    List<Hit> compute() {
      for (Hunk h : file.hunks()) {
        List<DiffLine> ls = h.lines();
        hunkSanitisedValues(ls);
        int i = 0;
        while (i < ls.size()) {
          if (ls.get(i).kind() == LineKind.CONTEXT) {
            i++;
            continue;
          }
          int j = i;
          while (j < ls.size() && ls.get(j).kind() != LineKind.CONTEXT) j++;
          block(ls, i, j);
          i = j;
        }
      }
      return List.copyOf(out.values());
    }

    /** @return identifiers (lower-cased) on added lines of the file, collected on first use */
    private Set<String> addedWords() {
      if (addedWords == null) {
        addedWords = new HashSet<>();
        for (DiffLine d : file.addedLines()) {
          for (LineTokens.Tok t : toks(d.text())) {
            if (t.word()) addedWords.add(t.text().toLowerCase(Locale.ROOT));
          }
        }
      }
      return addedWords;
    }

    /** @return the trimmed added lines of the file, collected on first use */
    private Set<String> addedTexts() {
      if (addedTexts == null) {
        addedTexts = new HashSet<>();
        for (DiffLine d : file.addedLines()) addedTexts.add(d.text().trim());
      }
      return addedTexts;
    }

    private void add(Hit hit) {
      out.putIfAbsent(hit.rule().name() + ":" + hit.line(), hit);
    }

    // ---- one change block: lines [from, to) of the hunk -------------------------------------

    private void block(List<DiffLine> ls, int from, int to) {
      List<DiffLine> removed = new ArrayList<>();
      List<DiffLine> added = new ArrayList<>();
      for (int i = from; i < to; i++) {
        DiffLine d = ls.get(i);
        if (d.kind() == LineKind.REMOVED) removed.add(d);
        else added.add(d);
      }
      if (removed.isEmpty()) return;
      if (!added.isEmpty() && removed.size() <= MAX_PAIRED_LINES && added.size() <= MAX_PAIRED_LINES) {
        List<DiffLine> code = new ArrayList<>();
        List<List<LineTokens.Tok>> toks = new ArrayList<>();
        for (DiffLine r : removed) {
          if (LineTokens.blankOrComment(r.text())) continue;
          code.add(r);
          toks.add(toks(r.text()));
        }
        for (DiffLine a : added) {
          if (LineTokens.blankOrComment(a.text())) continue;
          sanitiserRemoved(a, code, toks);
        }
      }
      checkRemoved(ls, from, to, removed, added);
    }

    /** {@link #sanitisedValueOutputRaw} over the removed and added lines of one hunk. */
    private void hunkSanitisedValues(List<DiffLine> ls) {
      List<DiffLine> code = new ArrayList<>();
      List<List<LineTokens.Tok>> toks = new ArrayList<>();
      List<DiffLine> added = new ArrayList<>();
      for (DiffLine d : ls) {
        if (d.kind() == LineKind.ADDED) added.add(d);
        else if (d.kind() == LineKind.REMOVED && !LineTokens.blankOrComment(d.text())) {
          code.add(d);
          toks.add(toks(d.text()));
        }
      }
      if (code.isEmpty() || added.isEmpty() || code.size() > MAX_PAIRED_LINES || added.size() > MAX_PAIRED_LINES) return;
      sanitisedValueOutputRaw(code, toks, added);
    }

    /**
     * Across the lines of one hunk: a variable the removed lines passed through a sanitiser
     * (a protection word or pack sanitiser call around it) that an added line now writes out
     * (template output, print/echo, HTML or SQL text) with no sanitiser call around it anywhere
     * in the hunk's added lines; or an added line that renders raw HTML
     * ({@code removed_protection.raw_html_markers}) where the removed lines used a sanitising
     * wrapper.
     */
    private void sanitisedValueOutputRaw(List<DiffLine> code, List<List<LineTokens.Tok>> toks, List<DiffLine> added) {
      Set<String> cleaned = new HashSet<>();
      boolean safeWrapper = false;
      for (List<LineTokens.Tok> rt : toks) {
        for (int i = 0; i < rt.size(); i++) {
          LineTokens.Tok t = rt.get(i);
          if (!t.word()) continue;
          String ln = t.text().toLowerCase(Locale.ROOT);
          boolean protective = sanitiserPart(ln) != null || ln.startsWith("safe") && ln.length() > 4;
          if (protective && i > 0 && rt.get(i - 1).punct("<")) safeWrapper = true; // <SafeHTML>
          if (!protective || i + 1 >= rt.size() || !rt.get(i + 1).punct("(")) continue;
          int depth = 0;
          for (int j = i + 1; j < rt.size(); j++) {
            LineTokens.Tok x = rt.get(j);
            if (x.punct("(")) depth++;
            else if (x.punct(")") && --depth == 0) break;
            else if (x.word() && x.text().startsWith("$")) cleaned.add(x.text());
          }
        }
      }
      if (cleaned.isEmpty() && !safeWrapper) return;
      Set<String> stillCleaned = new HashSet<>();
      for (DiffLine a : added) {
        List<LineTokens.Tok> at = toks(a.text());
        for (int i = 0; i + 1 < at.size(); i++) {
          String ln = at.get(i).text().toLowerCase(Locale.ROOT);
          if (at.get(i).word() && at.get(i + 1).punct("(") && sanitiserPart(ln) != null) {
            for (LineTokens.Tok x : at) if (x.word()) stillCleaned.add(x.text());
          }
        }
      }
      for (DiffLine a : added) {
        if (LineTokens.blankOrComment(a.text())) continue;
        List<LineTokens.Tok> at = toks(a.text());
        String low = a.text().toLowerCase(Locale.ROOT);
        if (safeWrapper) {
          for (String m : RAW_HTML) {
            if (low.contains(m)) {
              add(new Hit(Rule.XSS, a.newLine(), SANITISER_CONFIDENCE, Rule.XSS.title() + ": the change replaces a"
                  + " sanitising wrapper with raw HTML output (" + m + "), so markup in the value now renders.", null));
              return;
            }
          }
        }
        for (LineTokens.Tok t : at) {
          if (!t.word() || !cleaned.contains(t.text()) || stillCleaned.contains(t.text())) continue;
          Rule rule = lineCategory(a.newLine(), at, false);
          if (rule == null) continue;
          add(new Hit(rule, a.newLine(), SANITISER_CONFIDENCE, rule.title() + ": the removed lines passed "
              + t.text() + " through a sanitiser; this line now writes it out without one (its origin is not"
              + " shown in the diff, partial confidence).", null));
          break;
        }
      }
    }

    // ---- shape 1: sanitiser removed on the line --------------------------------------------

    private void sanitiserRemoved(DiffLine a, List<DiffLine> removed, List<List<LineTokens.Tok>> removedToks) {
      List<LineTokens.Tok> at = toks(a.text());
      if (at.size() < 3) return;
      DiffLine best = null;
      double bestSim = 0;
      List<LineTokens.Tok> bt = null;
      for (int ri = 0; ri < removed.size(); ri++) {
        DiffLine r = removed.get(ri);
        List<LineTokens.Tok> rt = removedToks.get(ri);
        if (Math.abs(rt.size() - at.size()) > Math.max(at.size(), rt.size()) / 2 + 2) continue; // cannot reach 0.5
        double s = similarity(sorted(a.text()), sorted(r.text()));
        if (s > bestSim) {
          bestSim = s;
          best = r;
          bt = rt;
        }
      }
      if (best == null || bestSim < 0.5) return;
      Set<String> newWords = words(a.text());
      droppedCharacter(a, at, bt);
      Set<String> oldWords = words(best.text());
      for (int i = 0; i + 1 < at.size(); i++) {
        LineTokens.Tok t = at.get(i);
        String ln = t.text().toLowerCase(Locale.ROOT);
        if (t.word() && at.get(i + 1).punct("(") && !oldWords.contains(ln)
            && (sanitiserPart(ln) != null || k.sanitiser(ln, ln, lang) != 0 && !k.textTransform(ln))) {
          return; // the protection is replaced by another one, not removed
        }
      }
      for (int i = 0; i < bt.size(); i++) {
        LineTokens.Tok t = bt.get(i);
        if (!t.word()) continue;
        String name = t.text();
        String lname = name.toLowerCase(Locale.ROOT);
        if (newWords.contains(lname)) continue;
        boolean call = i + 1 < bt.size() && bt.get(i + 1).punct("(");
        boolean filter = i > 0 && bt.get(i - 1).punct("|") && !(i > 1 && bt.get(i - 2).punct("|"));
        boolean erbH = lname.equals("h") && i > 0 && bt.get(i - 1).punct("=") && i + 1 < bt.size()
            && (bt.get(i + 1).word() || bt.get(i + 1).punct("("));
        boolean cast = i > 0 && bt.get(i - 1).punct("(") && i + 1 < bt.size() && bt.get(i + 1).punct(")")
            && k.numericType(lname) && i + 2 < bt.size() && (bt.get(i + 2).word() || bt.get(i + 2).punct("("));
        String what = null;
        String wordCategory = "";
        int mask = 0;
        if (cast) {
          if (castOnAddedLine(lname)) continue;
          what = "the (" + name + ") cast";
        } else if (call && ESCAPING_REPLACE.contains(lname) && metacharacterArgument(bt, i + 1)) {
          if (replaceOnAddedLine(lname, bt, i + 1)) continue;
          what = name + "(" + bt.get(firstString(bt, i + 1)).text() + ", ...) (it escaped a metacharacter)";
        } else if (call || filter || erbH) {
          if (addedWords().contains(lname)) continue; // moved to another line
          mask = k.sanitiser(lname, lname, lang);
          String[] part = erbH ? new String[] {"h", "xss"} : sanitiserPart(lname);
          if (part == null && call && constantArguments(bt, i + 1)) continue; // protected no variable
          if (mask != 0 && part == null) {
            // a pack sanitiser that is no protection word (a type conversion such as toString):
            // only where the line shows one of its categories
            Rule shown = lineCategory(a.newLine(), at, false);
            if (shown == null || (mask & shown.bit()) == 0) continue;
            mask = shown.bit();
          }
          if (mask == 0 && part == null) {
            String stem = safeStem(lname);
            if (stem == null || !newWords.contains(stem) || !call) continue;
            what = name + "(...) (the safe variant of " + stem + ")";
            Rule sink = sinkOnLine(a.newLine(), at, stem);
            if (sink == null) continue;
            add(hit(sink, a.newLine(), what));
            continue;
          }
          if (part != null) wordCategory = part[1];
          what = (filter ? "the | " + name + " filter" : name + "(...)");
        } else if (sanitisedVariable(lname)) {
          String swapped = null;
          for (String w : newWords) {
            if (w.length() >= 2 && lname.startsWith(w) && !bt.stream().anyMatch(x -> x.word()
                && x.text().equalsIgnoreCase(w))) {
              swapped = w;
            }
          }
          if (swapped == null) continue;
          what = "the sanitised variable " + name + " (replaced by " + swapped + ")";
          wordCategory = "";
        } else {
          continue;
        }
        Rule rule = single(mask);
        if (rule == null) rule = lineCategory(a.newLine(), at);
        if (rule == null && !wordCategory.isEmpty()) rule = Rule.valueOf(wordCategory.toUpperCase(Locale.ROOT));
        if (rule == null) continue;
        add(hit(rule, a.newLine(), what));
      }
    }

    /**
     * The added line is the removed line minus string elements that a deny list of characters
     * held ({@code removed_protection.deny_characters}): a check that now lets them through.
     */
    private void droppedCharacter(DiffLine a, List<LineTokens.Tok> at, List<LineTokens.Tok> bt) {
      if (bt.size() <= at.size() || bt.size() - at.size() > 6) return;
      Map<String, Integer> left = new java.util.HashMap<>();
      for (LineTokens.Tok t : bt) left.merge(t.text(), 1, Integer::sum);
      for (LineTokens.Tok t : at) {
        Integer c = left.get(t.text());
        if (c == null || c == 0) return; // the added line is not the removed one minus elements
        left.put(t.text(), c - 1);
      }
      String dropped = null;
      String category = null;
      for (LineTokens.Tok t : bt) {
        Integer c = left.get(t.text());
        if (c == null || c == 0) continue;
        left.put(t.text(), c - 1);
        if (t.punct(",") || t.punct("|")) continue;
        if (!t.str()) return;
        String cat = DENY_CHARACTERS.get(t.unquoted());
        if (cat == null) return;
        dropped = t.text();
        category = cat;
      }
      if (dropped == null) return;
      Rule rule = Rule.valueOf(category.toUpperCase(Locale.ROOT));
      add(new Hit(rule, a.newLine(), SANITISER_CONFIDENCE, rule.title() + ": the change drops " + dropped
          + " from the characters this check refuses, so values holding it now pass.", null));
    }

    /** @return the index of the first string token after {@code open}, or -1 */
    private static int firstString(List<LineTokens.Tok> ts, int open) {
      for (int j = open + 1; j < ts.size() && j <= open + 8; j++) {
        if (ts.get(j).str()) return j;
        if (ts.get(j).punct(")")) return -1;
      }
      return -1;
    }

    /** A replace call whose pattern (its first string argument) is a metacharacter: an escape. */
    private static boolean metacharacterArgument(List<LineTokens.Tok> ts, int open) {
      int j = firstString(ts, open);
      return j >= 0 && METACHARACTERS.contains(ts.get(j).unquoted());
    }

    private boolean replaceOnAddedLine(String lname, List<LineTokens.Tok> ts, int open) {
      String pattern = ts.get(firstString(ts, open)).text();
      for (String t : addedTexts()) {
        if (t.toLowerCase(Locale.ROOT).contains(lname + "(") && t.contains(pattern)) return true;
      }
      return false;
    }

    /** @return true when the call whose "(" is at {@code open} has only literal arguments (or none) */
    private static boolean constantArguments(List<LineTokens.Tok> ts, int open) {
      int depth = 0;
      for (int j = open; j < ts.size(); j++) {
        LineTokens.Tok x = ts.get(j);
        if (x.punct("(")) depth++;
        else if (x.punct(")")) {
          if (--depth == 0) return true;
        } else if (x.word() && !LITERAL_WORDS.contains(x.text())) {
          return false;
        }
      }
      return false;
    }

    private Hit hit(Rule rule, int line, String what) {
      return new Hit(rule, line, SANITISER_CONFIDENCE, rule.title() + ": the change removes " + what
          + " from this line, which protected the value it now passes on unprotected (its origin is not"
          + " shown in the diff, partial confidence).", null);
    }

    private boolean castOnAddedLine(String type) {
      for (String t : addedTexts()) {
        if (t.contains("(" + type + ")")) return true;
      }
      return false;
    }

    private static String[] sanitiserPart(String lname) {
      for (String n : NOT_SANITISER) if (lname.contains(n)) return null;
      for (String[] p : SANITISER_PARTS) {
        if (lname.contains(p[0])) return p;
      }
      return null;
    }

    private static String safeStem(String lname) {
      for (String p : SAFE_PREFIXES) {
        if (lname.startsWith(p) && lname.length() > p.length() + 2) return lname.substring(p.length());
      }
      return null;
    }

    private static boolean sanitisedVariable(String lname) {
      for (String p : SANITISED_VARS) if (lname.contains(p) && !lname.startsWith(p)) return true;
      return false;
    }

    /** @return the rule when exactly one injection rule bit is set, else null */
    private static Rule single(int mask) {
      if (mask == 0 || Integer.bitCount(mask) != 1) return null;
      for (Rule r : Rule.values()) if (r.bit() == mask) return r;
      return null;
    }

    /** The category the changed line shows: a flow or sink on it, its text, a path builder. */
    private Rule lineCategory(int line, List<LineTokens.Tok> toks) {
      return lineCategory(line, toks, true);
    }

    /**
     * @param dataFlow whether the data-flow pass over the new side may be consulted (a flow on
     *     the line, a sink further down reached by the assigned variable); it costs a walk of the
     *     whole file, so it runs last and only for protection words
     */
    private Rule lineCategory(int line, List<LineTokens.Tok> toks, boolean dataFlow) {
      Rule sink = sinkOnLine(line, toks, null);
      if (sink != null) return sink;
      int text = 0;
      for (LineTokens.Tok t : toks) if (t.str()) text |= TextClass.classify(t.unquoted());
      String raw = nv.line(line) == null ? "" : nv.line(line);
      if ((text & Value.T_HTML) != 0 || templateOutput(raw, toks)) return Rule.XSS;
      if ((text & Value.T_SQL) != 0) return Rule.SQL_INJECTION;
      for (LineTokens.Tok t : toks) {
        if (t.str() && OPTION.matcher(t.unquoted()).find()) return Rule.COMMAND_INJECTION; // a command line
      }
      for (int i = 0; i + 1 < toks.size(); i++) {
        LineTokens.Tok t = toks.get(i);
        if (t.word() && toks.get(i + 1).punct("(")) {
          String ln = t.text().toLowerCase(Locale.ROOT);
          String callee = i >= 2 && toks.get(i - 1).punct(".") ? toks.get(i - 2).text().toLowerCase(Locale.ROOT) + "." + ln : ln;
          if (k.pathBuilder(ln, callee, lang)) return Rule.PATH_TRAVERSAL;
        }
      }
      if (!dataFlow) return null;
      Rule flow = flowOn(line);
      if (flow != null) return flow;
      // an assignment: the variable's later uses on the new side
      if (toks.size() >= 2 && toks.get(0).word() && (toks.get(1).punct("=") || toks.get(1).punct(":"))) {
        String v = toks.get(0).text();
        for (TaintAnalyzer.Candidate c : flows()) {
          if (c.line() > line && c.line() <= line + 80) {
            String l = nv.line(c.line());
            if (l != null && containsWord(l, v)) return c.rule();
          }
        }
      }
      return null;
    }

    /** PHP print/echo/short echo, or a template output tag, on the line. */
    private boolean templateOutput(String raw, List<LineTokens.Tok> toks) {
      if (raw.contains("<?=") || raw.contains("<%=") || raw.contains("{{")) return true;
      if (lang == Language.PHP) {
        for (LineTokens.Tok t : toks) {
          if (t.word() && (t.text().equals("print") || t.text().equals("echo"))) return true;
        }
      }
      return false;
    }

    private Rule flowOn(int line) {
      TaintAnalyzer.Candidate best = null;
      for (TaintAnalyzer.Candidate c : flows()) {
        if (c.line() == line && (best == null || c.confidence() > best.confidence())) best = c;
      }
      return best == null ? null : best.rule();
    }

    private List<TaintAnalyzer.Candidate> flows() {
      if (flows == null) {
        flows = TaintAnalyzer.analyzeAllLines(nv, Functions.of(ctx, file, Side.NEW), k);
      }
      return flows;
    }

    /** A call on the line that the packs name as a sink (by its name only), or null. */
    private Rule sinkOnLine(int line, List<LineTokens.Tok> toks, String only) {
      for (int i = 0; i + 1 < toks.size(); i++) {
        LineTokens.Tok t = toks.get(i);
        if (!t.word() || !toks.get(i + 1).punct("(")) continue;
        String ln = t.text().toLowerCase(Locale.ROOT);
        if (only != null && !ln.equals(only)) continue;
        String recv = i >= 2 && toks.get(i - 1).punct(".") ? toks.get(i - 2).text().toLowerCase(Locale.ROOT) : "";
        if (recv.startsWith(":")) recv = recv.substring(1);
        for (SecurityKnowledge.Sink s : k.sinks(ln, recv.isEmpty() ? ln : recv + "." + ln, k.shortReceiver(recv), -1, lang)) {
          if (s.rule() != null) return s.rule();
        }
      }
      return null;
    }

    // ---- shape 2: check removed in front of code that stays ---------------------------------

    private void checkRemoved(List<DiffLine> ls, int from, int to, List<DiffLine> removed, List<DiffLine> added) {
      if (lang == Language.UNKNOWN) return; // a template or page: its prose names attacks, it checks nothing
      int removedChecks = checks(removed, true);
      int addedChecks = checks(added, false);
      List<DiffLine> removedCode = new ArrayList<>();
      Set<String> addedHere = new HashSet<>();
      for (DiffLine a : added) addedHere.add(a.text().trim());
      for (DiffLine r : removed) {
        if (!LineTokens.blankOrComment(r.text()) && !addedHere.contains(r.text().trim())) removedCode.add(r);
      }
      if (removedCode.isEmpty()) return;
      // the vocabulary is read only when the block removes more checks than it adds, or none at all
      if (removedChecks <= addedChecks && !(removedChecks == 0 && addedChecks == 0)) return;
      StringBuilder rtext = new StringBuilder();
      for (DiffLine r : removed) rtext.append(r.text().toLowerCase(Locale.ROOT)).append('\n');
      StringBuilder atext = new StringBuilder();
      for (DiffLine a : added) atext.append(a.text().toLowerCase(Locale.ROOT)).append('\n');
      String[] vocab = securityWord(rtext.toString(), removedChecks > addedChecks ? "" : atext.toString());
      Rule rule = null;
      String why = null;
      String condition = null;
      if (removedChecks > addedChecks) {
        DiffLine cond = firstCondition(removed);
        if (cond != null && addedTexts().contains(cond.text().trim())) return; // moved
        condition = cond == null ? null : cond.text().trim();
        if (vocab != null) {
          rule = Rule.valueOf(vocab[1].toUpperCase(Locale.ROOT));
          why = "a comment or message of the removed code names " + vocab[0];
        } else if (cond != null) {
          List<LineTokens.Tok> ct = toks(cond.text());
          rule = guardCategory(ct, true);
          if (rule != null) {
            why = "its condition is a " + rule.category().replace('_', ' ') + " guard";
          } else if (permissionTest(ct) && denies(removed)) {
            rule = Rule.AUTH_BYPASS;
            why = "it refused callers without a permission";
          } else if (refuses(removed)) {
            // a validation of a value that reaches a known sink further down: report at the sink
            TaintAnalyzer.Candidate sink = sinkOfTested(ct, anchor(ls, from, to, added));
            if (sink != null) {
              add(new Hit(sink.rule(), sink.line(), CHECK_CONFIDENCE, sink.rule().title()
                  + ": the change removes the check `" + shorten(condition) + "`, which refused values"
                  + " that now reach " + sink.how() + " on this line.", null));
              return;
            }
          }
        }
      } else if (removedChecks == 0 && addedChecks == 0 && vocab != null) {
        rule = Rule.valueOf(vocab[1].toUpperCase(Locale.ROOT));
        why = "a comment or message of the removed code names " + vocab[0];
        DiffLine cond = firstCondition(removed);
        condition = (cond != null ? cond : removedCode.get(0)).text().trim();
      }
      if (rule == null) return;
      int anchor = anchor(ls, from, to, added);
      if (anchor <= 0) return;
      String shown = condition == null ? "a check" : "the check `" + shorten(condition) + "`";
      add(new Hit(rule, anchor, CHECK_CONFIDENCE, rule.title() + ": the change removes " + shown
          + " in front of this code (" + why + "); the code now runs without it.", null));
    }

    /**
     * @return the first data-flow candidate (any origin) within 30 lines after the anchor whose
     *     line names a variable the removed condition tested, or null
     */
    private TaintAnalyzer.Candidate sinkOfTested(List<LineTokens.Tok> cond, int anchor) {
      if (anchor <= 0) return null;
      Set<String> vars = new HashSet<>();
      for (int i = 0; i < cond.size(); i++) {
        LineTokens.Tok t = cond.get(i);
        if (!t.word() || t.text().length() < 2 || NOT_TESTED.contains(t.text().toLowerCase(Locale.ROOT))) continue;
        if (i + 1 < cond.size() && cond.get(i + 1).punct("(")) continue; // a call, not a value
        if (i > 0 && cond.get(i - 1).punct(".")) continue; // a field or method name
        vars.add(t.text());
      }
      if (vars.isEmpty()) return null;
      TaintAnalyzer.Candidate best = null;
      for (TaintAnalyzer.Candidate c : flows()) {
        if (c.line() < anchor || c.line() > anchor + 30 || best != null && c.line() >= best.line()) continue;
        String text = nv.line(c.line());
        if (text == null) continue;
        for (String v : vars) {
          if (containsWord(text, v)) {
            best = c;
            break;
          }
        }
      }
      return best;
    }

    /**
     * @return true when the removed lines refuse with more than a bare return: raise, throw,
     *     abort, exit, an HTTP error status, or an error message ({@code refusal_words})
     */
    private boolean refuses(List<DiffLine> lines) {
      for (DiffLine d : lines) {
        for (LineTokens.Tok t : toks(d.text())) {
          String l = t.text().toLowerCase(Locale.ROOT);
          if ((t.word() || t.kind() == 'n') && DENY_WORDS.contains(l) && !l.equals("return")) return true;
          if (t.word() && REFUSAL_WORDS.contains(l)) return true;
          if (t.str()) {
            for (String w : REFUSAL_WORDS) if (l.contains(w)) return true;
          }
        }
      }
      return false;
    }

    /** @return the first added code line of the block, else the next (or previous) context code line */
    private static int anchor(List<DiffLine> ls, int from, int to, List<DiffLine> added) {
      for (DiffLine a : added) if (!LineTokens.blankOrComment(a.text())) return a.newLine();
      for (int i = to; i < ls.size(); i++) {
        DiffLine d = ls.get(i);
        if (d.kind() != LineKind.REMOVED && !LineTokens.blankOrComment(d.text())) return d.newLine();
      }
      for (int i = from - 1; i >= 0; i--) {
        DiffLine d = ls.get(i);
        if (d.kind() != LineKind.REMOVED && !LineTokens.blankOrComment(d.text())) return d.newLine();
      }
      return -1;
    }

    /** @return the number of checks in the lines: a condition with a refusing branch, or a guard call */
    private int checks(List<DiffLine> lines, boolean removedSide) {
      int n = 0;
      boolean open = false;
      for (DiffLine d : lines) {
        if (LineTokens.blankOrComment(d.text())) continue;
        List<LineTokens.Tok> ts = toks(d.text());
        if (isCondition(ts)) {
          if (guardCategory(ts, removedSide) != null || denyIn(ts)) n++;
          else open = true;
        } else if (open && denyIn(ts)) {
          n++;
          open = false;
        }
      }
      return n;
    }

    private static boolean isCondition(List<LineTokens.Tok> ts) {
      for (int i = 0; i < ts.size(); i++) {
        LineTokens.Tok t = ts.get(i);
        if (t.word() && CONDITION_WORDS.contains(t.text())) {
          // a leading keyword, or a Ruby modifier (return if x), never a word inside a string
          if (i == 0 || ts.get(0).punct("}") || ts.get(0).word() && ts.get(0).text().equals("else")
              || i > 0 && ts.get(i - 1).word() && DENY_WORDS.contains(ts.get(i - 1).text())) {
            return true;
          }
        }
      }
      return false;
    }

    private static boolean denyIn(List<LineTokens.Tok> ts) {
      for (LineTokens.Tok t : ts) {
        if ((t.word() || t.kind() == 'n') && DENY_WORDS.contains(t.text().toLowerCase(Locale.ROOT))) return true;
        if (t.str()) {
          String s = t.text().toLowerCase(Locale.ROOT);
          if (s.contains("forbidden") || s.contains("not allowed") || s.contains("denied")) return true;
        }
      }
      return false;
    }

    private boolean denies(List<DiffLine> lines) {
      for (DiffLine d : lines) if (denyIn(toks(d.text()))) return true;
      return false;
    }

    private DiffLine firstCondition(List<DiffLine> lines) {
      for (DiffLine d : lines) {
        if (!LineTokens.blankOrComment(d.text()) && isCondition(toks(d.text()))) return d;
      }
      return null;
    }

    /** The category of a guard called in the condition, unless the change calls it elsewhere. */
    private Rule guardCategory(List<LineTokens.Tok> ts, boolean removedSide) {
      for (int i = 0; i + 1 < ts.size(); i++) {
        LineTokens.Tok t = ts.get(i);
        if (!t.word() || !ts.get(i + 1).punct("(")) continue;
        String ln = t.text().toLowerCase(Locale.ROOT);
        if (removedSide && addedWords().contains(ln)) continue;
        for (String[] p : GUARD_PARTS) {
          if (ln.contains(p[0])) return Rule.valueOf(p[1].toUpperCase(Locale.ROOT));
        }
        if (FlowWords.CONTAINMENT_GUARDS.contains(ln)) return Rule.PATH_TRAVERSAL;
        Rule r = single(k.pathGuardMask(ln));
        if (r != null) return r;
      }
      return null;
    }

    private static boolean permissionTest(List<LineTokens.Tok> ts) {
      for (LineTokens.Tok t : ts) {
        if (t.word() && PERMISSION_WORDS.contains(t.text().toLowerCase(Locale.ROOT))) return true;
      }
      return false;
    }

    /** @return {word, category} of the first security word in the removed text and not in the added text */
    private static String[] securityWord(String removed, String added) {
      for (String[] w : SECURITY_WORDS) {
        if (!containsPhrase(removed, w[0])) continue;
        boolean readded = false;
        for (String[] x : SECURITY_WORDS) {
          if (x[1].equals(w[1]) && containsPhrase(added, x[0])) readded = true;
        }
        if (!readded) return w;
      }
      return null;
    }

    private static boolean containsPhrase(String text, String phrase) {
      int at = text.indexOf(phrase);
      while (at >= 0) {
        boolean left = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
        int end = at + phrase.length();
        boolean right = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end))
            || phrase.endsWith(" file") || phrase.endsWith("entit") || phrase.endsWith("deserializ");
        if (left && right) return true;
        at = text.indexOf(phrase, at + 1);
      }
      return false;
    }
  }

  /**
   * @param a the token texts of one line, sorted
   * @param b the token texts of another line, sorted
   * @return the Dice coefficient of the two token multisets (0 when both are empty)
   */
  static double similarity(String[] a, String[] b) {
    int common = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      int c = a[i].compareTo(b[j]);
      if (c == 0) {
        common++;
        i++;
        j++;
      } else if (c < 0) {
        i++;
      } else {
        j++;
      }
    }
    return a.length == 0 && b.length == 0 ? 0 : 2.0 * common / (a.length + b.length);
  }

  static boolean containsWord(String text, String word) {
    int at = text.indexOf(word);
    while (at >= 0) {
      boolean left = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)) && text.charAt(at - 1) != '_';
      int end = at + word.length();
      boolean right = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) != '_';
      if (left && right) return true;
      at = text.indexOf(word, at + 1);
    }
    return false;
  }

  private static String shorten(String s) {
    return s.length() <= 90 ? s : s.substring(0, 87) + "...";
  }
}
