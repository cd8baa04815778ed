package dev.synapse.analysis.performance;

import dev.synapse.analysis.performance.FileView.Row;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds loops over collections on the new side of a file: keyword loops ({@code for},
 * {@code foreach}, {@code for … range}, {@code for x <- xs}, cursor-style {@code while} and
 * Go's condition-only {@code for rows.Next()} / {@code for scanner.Scan()}),
 * comprehensions (Python), and iteration calls ({@code each}, {@code map}, {@code forEach},
 * {@code Enum.map}, …). Each loop knows the variables it binds and its body: the rest of the
 * header line after the body opener plus the following rows indented deeper than the header.
 * Loops over literal numeric ranges and counters without a collection bound are skipped.
 * Linear in the number of rows times the loop nesting depth.
 */
final class Loops {
  private static final WordSet ITERATORS = WordSet.of(
      "each", "each_with_index", "each_with_object", "each_value", "each_pair", "map", "map!",
      "flat_map", "flatMap", "collect", "forEach", "to_h", "find_each", "filter_map", "reduce",
      "inject", "sum", "each_slice", "in_batches", "group_by", "index_by", "to_map",
      "forEachOrdered", "parallelStream", "select", "filter", "reject", "transform_values",
      "mapNotNull", "associate", "associateWith", "flatMapConcat", "map_reduce", "async_stream",
      "some", "every", "times_map", "Select", "SelectMany", "ForEach", "forEachIndexed", "mapIndexed");
  private static final Set<String> ELIXIR_ENUM = Set.of(
      "Enum", "Stream", "Flow", "Task", "Map");
  private static final Set<String> NOT_COLLECTIONS = Set.of(
      "Optional", "optional", "Promise", "Mono", "Future", "CompletableFuture", "Result",
      "Maybe");

  /** Tokens a loop header scan looks at, so a pathological line stays linear. */
  private static final int MAX_SCAN = 400;
  /** Loop headers taken from one line; real code has a handful, pathological input thousands. */
  private static final int MAX_LOOPS_PER_ROW = 8;

  private Loops() {}

  private static int scanEnd(Toks t, int k) {
    return Math.min(t.size(), k + MAX_SCAN);
  }

  /**
   * A loop.
   *
   * @param header row of the loop header
   * @param bodyFrom index of the first token of the header row that belongs to the body
   * @param headerTo index after the last token of the header row that belongs to the body
   * @param extraRows rows before the header that belong to the body (multi-line
   *     comprehensions), empty otherwise
   * @param vars variables the loop binds per element
   * @param lastRow last row of the body (inclusive)
   */
  record Loop(int header, int bodyFrom, int headerTo, List<Integer> extraRows, Set<String> vars, int lastRow) {
    /** @return true when token {@code k} of {@code row} is inside the body */
    boolean inBody(int row, int k) {
      if (row == header) return k >= bodyFrom && k < headerTo;
      if (extraRows.contains(row)) return true;
      return row > header && row <= lastRow;
    }

    /** @return the rows the body touches, in order */
    List<Integer> rows() {
      List<Integer> out = new ArrayList<>(extraRows);
      java.util.Collections.sort(out);
      for (int r = header; r <= lastRow; r++) out.add(r);
      return out;
    }
  }

  /** @return the loops of the new side in order of their header rows */
  static List<Loop> of(FileView v) {
    List<Loop> out = new ArrayList<>();
    int[] depthAtStart = bracketDepths(v);
    for (int i = 0; i < v.rows.size(); i++) {
      Row r = v.rows.get(i);
      if (!r.onNewSide()) continue;
      Toks t = r.toks();
      java.util.Map<Integer, Call> calls = null;
      int found = 0;
      for (int k = 0; k < t.size() && found < MAX_LOOPS_PER_ROW; k++) {
        if (!t.ident(k)) continue; // every loop opener below is a word
        Loop loop = null;
        if (t.is(k, "for") || t.is(k, "foreach")) {
          boolean comprehension = v.lang == SourceLanguage.PYTHON
              && (k > 0 && !t.is(0, "async") || depthAtStart[i] > 0);
          loop = comprehension ? comprehension(v, i, k, depthAtStart) : keywordLoop(v, i, k);
        } else if (t.is(k, "while") && (k == 0 || k == 1 && t.is(0, "}"))) {
          loop = whileLoop(v, i, k);
        } else if (ITERATORS.contains(t, k)) {
          if (calls == null) {
            calls = new java.util.HashMap<>();
            for (Call c : v.calls(i, true)) calls.put(c.tokenIndex(), c);
          }
          loop = iteratorCall(v, i, k, calls.get(k));
        }
        if (loop != null) {
          out.add(loop);
          found++;
        }
      }
    }
    return out;
  }

  /** Bracket depth at the start of each new-side row, reset at hunk boundaries. */
  private static int[] bracketDepths(FileView v) {
    int[] d = new int[v.rows.size()];
    int depth = 0;
    int hunk = -1;
    for (int i = 0; i < v.rows.size(); i++) {
      Row r = v.rows.get(i);
      if (r.hunk() != hunk) {
        depth = 0;
        hunk = r.hunk();
      }
      d[i] = depth;
      if (!r.onNewSide()) continue;
      Toks t = r.toks();
      for (int k = 0; k < t.size(); k++) {
        int delta = t.depthDelta(k);
        if (delta > 0) depth++;
        else if (delta < 0 && depth > 0) depth--;
      }
    }
    return d;
  }

  private static int bodyEnd(FileView v, int header) {
    Row h = v.rows.get(header);
    int indent = h.indent();
    int last = header;
    boolean first = true;
    boolean allman = false;
    for (int q = header + 1; q < v.rows.size(); q++) {
      Row r = v.rows.get(q);
      if (r.hunk() != h.hunk()) break;
      if (!r.onNewSide() || r.blank()) continue;
      boolean opens = r.toks().is(0, "{");
      if (first && opens && r.indent() == indent) {
        // Allman style: the body's brace sits on its own line at the header's indentation
        allman = true;
        first = false;
        last = q;
        continue;
      }
      first = false;
      if (r.indent() <= indent) {
        if (allman && r.toks().is(0, "}")) last = q;
        break;
      }
      last = q;
    }
    return last;
  }

  private static Loop keywordLoop(FileView v, int row, int k) {
    Toks t = v.rows.get(row).toks();
    Set<String> vars = new HashSet<>();
    int bodyFrom = t.size();
    boolean sawIn = false;
    boolean cStyle = false;
    boolean boundByCollection = false;
    int depth = 0;
    boolean afterAs = false;
    for (int j = k + 1; j < scanEnd(t, k); j++) {
      Tok s = t.get(j);
      if (s.is("(") || s.is("[")) depth++;
      else if (s.is(")") || s.is("]")) depth--;
      if (s.is(";") && depth > 0) cStyle = true;
      if (s.is("as")) afterAs = true;
      if (s.is("in") || s.is("of") || s.is(":") && v.lang != SourceLanguage.PYTHON
          || s.is("<-") || s.is("range") || s.is("as")) {
        if (!sawIn && s.is("as")) vars.clear();
        sawIn = true;
      }
      if (cStyle && (s.is("size") || s.is("length") || s.is("len") || s.is("count")
          || s.is("Count") || s.is("Length"))) {
        boundByCollection = true;
      }
      if (t.ident(j) && !s.is("as")) {
        if (!sawIn || afterAs) vars.add(t.text(j));
      }
      if (depth == 0 && (s.is("{") || s.is("do") || s.is(":") && v.lang == SourceLanguage.PYTHON)) {
        bodyFrom = j + 1;
        break;
      }
    }
    if (cStyle && !boundByCollection) return null;
    // Go condition-only loop over a result set or iterator: for rows.Next() { … }
    if (!cStyle && !sawIn) return v.lang == SourceLanguage.GO ? whileLoop(v, row, k) : null;
    if (literalIterable(t, k)) return null;
    vars.remove("const");
    vars.remove("let");
    vars.remove("var");
    vars.remove("final");
    vars.remove("_");
    return new Loop(row, bodyFrom, Integer.MAX_VALUE, List.of(), vars, bodyEnd(v, row));
  }

  /** A loop whose iterable is only numbers, e.g. {@code for i in range(3)} or {@code 1..10}. */
  private static boolean literalIterable(Toks t, int k) {
    boolean afterIn = false;
    boolean sawIdent = false;
    for (int j = k + 1; j < scanEnd(t, k); j++) {
      Tok s = t.get(j);
      if (s.is("in") || s.is("of") || s.is("<-") || s.is("range")) {
        afterIn = true;
        continue;
      }
      if (!afterIn) continue;
      if (s.is(":") || s.is("{") || s.is("do")) break;
      if (t.ident(j) && !s.is("range")) sawIdent = true;
    }
    return afterIn && !sawIdent;
  }

  private static Loop comprehension(FileView v, int row, int k, int[] depthAtStart) {
    Toks t = v.rows.get(row).toks();
    Set<String> vars = new HashSet<>();
    for (int j = k + 1; j < scanEnd(t, k) && !t.is(j, "in"); j++) if (t.ident(j)) vars.add(t.text(j));
    // Find the opening bracket of the group the "for" sits in.
    int depth = 0;
    for (int j = k - 1; j >= Math.max(0, k - MAX_SCAN); j--) {
      Tok s = t.get(j);
      if (s.is(")") || s.is("]") || s.is("}")) depth++;
      else if (s.is("(") || s.is("[") || s.is("{")) {
        if (depth == 0) return new Loop(row, j + 1, k, List.of(), vars, row);
        depth--;
      }
    }
    List<Integer> extra = new ArrayList<>();
    for (int q = row - 1; q >= 0 && row - q <= 15; q--) {
      Row r = v.rows.get(q);
      if (!r.onNewSide()) continue;
      if (r.hunk() != v.rows.get(row).hunk()) break;
      extra.add(q);
      if (depthAtStart[q] < depthAtStart[row]) break;
    }
    // the "for" clause row itself: only the part before "for" is body, which is nothing useful
    return new Loop(row, 0, k, List.copyOf(extra), vars, row);
  }

  private static Loop whileLoop(FileView v, int row, int k) {
    Toks t = v.rows.get(row).toks();
    boolean cursor = false;
    int bodyFrom = t.size();
    int depth = 0;
    for (int j = k + 1; j < scanEnd(t, k); j++) {
      Tok s = t.get(j);
      if (s.is("(")) depth++;
      else if (s.is(")")) depth--;
      if (s.is("next") || s.is("hasNext") || s.is("fetch") || s.is("Next")
          || s.is("fetch_assoc") || s.is("fetchone") || s.is("fetch_row")
          || s.is("Scan") && j > 0 && t.is(j - 1, ".")) {
        cursor = true;
      }
      if (depth == 0 && (s.is("{") || s.is("do") || s.is(":"))) {
        bodyFrom = j + 1;
        break;
      }
    }
    if (!cursor) return null;
    return new Loop(row, bodyFrom, Integer.MAX_VALUE, List.of(), Set.of(), bodyEnd(v, row));
  }

  private static Loop iteratorCall(FileView v, int row, int k, Call call) {
    Toks t = v.rows.get(row).toks();
    if (call == null || k == 0 || !(t.is(k - 1, ".") || t.is(k - 1, "?.") || t.is(k - 1, "->")
        || t.is(k - 1, "::"))) {
      return null;
    }
    List<String> chain = call.chain();
    for (String s : chain) if (NOT_COLLECTIONS.contains(s)) return null;
    String receiver = chain.size() >= 2 ? chain.get(chain.size() - 2) : "";
    if (v.lang == SourceLanguage.ELIXIR && !ELIXIR_ENUM.contains(receiver)) return null;
    if (receiver.equals("times") || receiver.equals("upto") || receiver.equals("step")) return null;
    Set<String> vars = new HashSet<>();
    int bodyFrom = k + 1;
    boolean closure = false;
    for (int j = k + 1; j < scanEnd(t, k) && !closure; j++) {
      Tok s = t.get(j);
      closure = s.is("=>") || s.is("->") || s.is("fn") || s.is("function")
          || s.is("do") || s.is("&") || s.is("|") || s.is("lambda");
    }
    if (!closure && !(k + 1 < t.size() && t.is(k + 1, "{"))) return null;
    // Ruby block: do |x| / { |x|
    for (int j = k + 1; j < scanEnd(t, k); j++) {
      if ((t.is(j, "do") || t.is(j, "{")) && j + 1 < t.size() && t.is(j + 1, "|")) {
        bodyFrom = j + 1;
        for (int q = j + 2; q < t.size() && !t.is(q, "|"); q++) if (t.ident(q)) vars.add(t.text(q));
        break;
      }
      if (t.is(j, "do") && v.lang == SourceLanguage.RUBY) {
        bodyFrom = j + 1;
        break;
      }
    }
    // lambda parameters: (x) => / x -> / fn x -> / function ($x) / fn($x) =>
    if (vars.isEmpty()) {
      for (int j = k + 1; j < scanEnd(t, k); j++) {
        Tok s = t.get(j);
        if (s.is("=>") || s.is("->")) {
          for (int q = j - 1; q > k; q--) {
            Tok p = t.get(q);
            if (p.is("(") && q == k + 1) break;
            if (p.is("fn") || p.is("function")) break;
            if (t.ident(q) && !p.is("async")) vars.add(p.text());
            if (p.is(",") && q > 0 && t.is(q - 1, ")")) break;
          }
          break;
        }
      }
    }
    return new Loop(row, bodyFrom, Integer.MAX_VALUE, List.of(), vars, bodyEnd(v, row));
  }
}
