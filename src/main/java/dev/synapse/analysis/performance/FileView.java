package dev.synapse.analysis.performance;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.lang.Functions;
import dev.synapse.analysis.lang.Language;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.diff.DiffLine;
import dev.synapse.diff.FileDiff;
import dev.synapse.diff.Hunk;
import dev.synapse.diff.LineKind;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the performance checks see of one changed file: every diff line in order with its
 * masked code (strings and comments blanked, on its own side of the diff), and the functions
 * found on the new and the old side. The masking comes from the shared front end: the
 * {@link SourceView} of each side, lexed once per review for every check (security included),
 * through {@link Functions#view}. Immutable once built; safe to share between
 * checks of one review (built once per file through {@code AnalysisContext.memo}).
 */
final class FileView {
  /**
   * One diff line.
   *
   * @param hunk index of its hunk in the file
   * @param kind added, removed or context
   * @param oldLine old line number, 0 for an added line
   * @param newLine new line number, 0 for a removed line
   * @param raw the line's text
   * @param code the masked text on the line's side (context lines: new side); the raw text in a
   *     file of unknown language, whose code no check reads
   * @param toks tokens of {@code code}; none in a file of unknown language
   */
  record Row(int hunk, LineKind kind, int oldLine, int newLine, String raw, String code, Toks toks) {
    boolean onNewSide() {
      return kind != LineKind.REMOVED;
    }

    boolean onOldSide() {
      return kind != LineKind.ADDED;
    }

    /** @return the raw text, cut to the length the tokenizer looks at ({@link Tok#MAX_CHARS}) */
    String head() {
      return raw.length() <= Tok.MAX_CHARS ? raw : raw.substring(0, Tok.MAX_CHARS);
    }

    boolean blank() {
      return code.isBlank();
    }

    int indent() {
      int k = 0;
      while (k < raw.length() && (raw.charAt(k) == ' ' || raw.charAt(k) == '\t')) k++;
      return k;
    }
  }

  final String path;
  final SourceLanguage lang;
  final List<Row> rows;
  final List<String> sections;
  /** Tokens of each hunk's masked section header (empty for a blank header). */
  final List<Toks> sectionToks;
  final List<Function> newFunctions;
  /** Old-side functions, found on first use (see {@link #oldFunctions()}). */
  private List<Function> oldFunctions;

  /** The review and file, for the shared function records of each side. */
  private final AnalysisContext context;
  private final FileDiff file;

  private FileView(AnalysisContext context, FileDiff file, SourceLanguage lang, List<Row> rows,
      List<String> sections, Language shared) {
    this.context = context;
    this.file = file;
    String path = file.path();
    this.path = path;
    this.lang = lang;
    this.rows = Collections.unmodifiableList(rows);
    this.memberCalls = new Object[rows.size()];
    this.parenCalls = new Object[rows.size()];
    this.sections = List.copyOf(sections);
    List<Toks> st = new ArrayList<>(sections.size());
    for (String section : sections) {
      st.add(section.isBlank() || lang == SourceLanguage.UNKNOWN ? Toks.EMPTY
          : Toks.of(SourceView.masked(section, shared), lang));
    }
    this.sectionToks = List.copyOf(st);
    this.sectionNames = new String[sections.size()];
    this.newFunctions = segment(Side.NEW);
  }

  /**
   * @param context the review, whose memo holds the shared source views
   * @param file one file of the diff
   * @return its view; a file of unknown language gets rows but no functions
   */
  static FileView of(AnalysisContext context, FileDiff file) {
    SourceLanguage lang = SourceLanguage.of(file.path());
    List<Row> rows = new ArrayList<>();
    List<String> sections = new ArrayList<>();
    boolean known = lang != SourceLanguage.UNKNOWN;
    Masked newSide = known ? new Masked(Functions.view(context, file, Side.NEW)) : null;
    Masked oldSide = null;
    int h = 0;
    for (Hunk hunk : file.hunks()) {
      sections.add(hunk.section());
      for (DiffLine l : hunk.lines()) {
        if (!known) {
          // no check reads the code of a file of unknown language: keep its text, skip the lexing
          rows.add(new Row(h, l.kind(), l.oldLine(), l.newLine(), l.text(), l.text(), Toks.EMPTY));
          continue;
        }
        String code;
        if (l.kind() == LineKind.REMOVED) {
          if (oldSide == null) oldSide = new Masked(Functions.view(context, file, Side.OLD));
          code = oldSide.line(l.oldLine(), l.text());
        } else {
          code = newSide.line(l.newLine(), l.text());
        }
        rows.add(new Row(h, l.kind(), l.oldLine(), l.newLine(), l.text(), code, Toks.of(code, lang)));
      }
      h++;
    }
    return new FileView(context, file, lang, rows, sections, Language.detect(file.path()));
  }

  /** The masked lines of one side, read segment by segment in diff order. */
  private static final class Masked {
    private final SourceView view;
    private int segment = -1;
    private SourceView.Segment seg;
    private List<String> lines;

    Masked(SourceView view) {
      this.view = view;
    }

    /** @return the masked text of {@code line}, or {@code raw} when the view does not show it */
    String line(int line, String raw) {
      if (seg == null || !seg.contains(line)) {
        segment = view.segmentIndexAt(line);
        if (segment < 0) {
          seg = null;
          return raw;
        }
        seg = view.segments().get(segment);
        lines = view.maskedLines(segment);
      }
      return lines.get(line - seg.firstLine());
    }
  }

  /**
   * A function found on one side of the diff.
   *
   * @param name simple name
   * @param declRow row of the declaration, or -1 when the hunk starts inside the function (its
   *     name then comes from the hunk header)
   * @param startRow first row (inclusive)
   * @param endRow last row (inclusive); rows of the other side in between belong to it too
   * @param complete true when both the declaration and the end of the body are in view
   * @param newSide true for a new-side function
   */
  record Function(String name, int declRow, int startRow, int endRow, boolean complete, boolean newSide) {
    /** @return true when {@code row} lies within the function and is on its side */
    boolean covers(FileView v, int row) {
      if (row < startRow || row > endRow) return false;
      Row r = v.rows.get(row);
      return newSide ? r.onNewSide() : r.onOldSide();
    }

    /** @return true when an added or removed line falls inside the function's span */
    boolean changed(FileView v) {
      for (int i = startRow; i <= endRow; i++) if (v.rows.get(i).kind() != LineKind.CONTEXT) return true;
      return false;
    }

    /** @return true when an added line falls inside the function's span */
    boolean hasAdded(FileView v) {
      for (int i = startRow; i <= endRow; i++) if (v.rows.get(i).kind() == LineKind.ADDED) return true;
      return false;
    }
  }

  /**
   * Calls of each row, found on first use (see {@link #calls}). Entries are immutable lists of
   * immutable calls, so a race between two checks computing the same row only repeats work.
   */
  private final Object[] memberCalls;
  private final Object[] parenCalls;

  /**
   * The calls of a row, as {@link Call#in} finds them, computed once per row and shared by the
   * checks of the review.
   *
   * @param row row index
   * @param bare also member references without parentheses (Ruby), as {@code Call.in(toks, bare)}
   * @return the calls in token order; immutable
   */
  @SuppressWarnings("unchecked")
  List<Call> calls(int row, boolean bare) {
    Object[] cache = bare ? memberCalls : parenCalls;
    Object cached = cache[row];
    if (cached != null) return (List<Call>) cached;
    List<Call> out;
    if (bare) {
      out = List.copyOf(Call.in(rows.get(row).toks(), true));
    } else {
      // the calls with parentheses are exactly the bare list without the member references
      List<Call> paren = new ArrayList<>();
      for (Call c : calls(row, true)) if (c.openParen() >= 0) paren.add(c);
      out = List.copyOf(paren);
    }
    cache[row] = out;
    return out;
  }

  /**
   * The functions on the old side, segmented on first use: most reviews never ask. The list is
   * immutable, so a race between two checks only repeats the work.
   *
   * @return the old-side functions in order of appearance; immutable
   */
  List<Function> oldFunctions() {
    List<Function> out = oldFunctions;
    if (out == null) {
      out = List.copyOf(segment(Side.OLD));
      oldFunctions = out;
    }
    return out;
  }

  /** Per hunk: the function its section text declares ("" for none), found on first use. */
  private final String[] sectionNames;

  /**
   * @param hunk a hunk index
   * @return the function the hunk header's section text declares, or null; computed once per
   *     hunk (both sides ask)
   */
  String sectionName(int hunk) {
    String name = sectionNames[hunk];
    if (name == null) {
      name = sections.get(hunk).isBlank() ? "" : java.util.Objects.requireNonNullElse(Segmenter.sectionName(this, hunk), "");
      sectionNames[hunk] = name;
    }
    return name.isEmpty() ? null : name;
  }

  /** @return the functions of one side: the shared records placed on the rows */
  private List<Function> segment(Side side) {
    if (lang == SourceLanguage.UNKNOWN) return List.of();
    return Segmenter.segment(this, Functions.view(context, file, side),
        Functions.lexical(context, file, side), side == Side.NEW);
  }

  /**
   * @param names function names
   * @return false when no old-side function can have one of these names: no token of an
   *     old-side row or of a hunk header spells one (every name the {@link Segmenter} gives is
   *     such a token, or contains a space: {@code app.get callback}); true otherwise
   */
  boolean mayNameOldFunction(List<String> names) {
    for (String name : names) if (name.isEmpty() || name.indexOf(' ') >= 0) return true;
    for (Toks t : sectionToks) if (spellsAny(t, names)) return true;
    for (Row r : rows) if (r.onOldSide() && spellsAny(r.toks(), names)) return true;
    return false;
  }

  private static boolean spellsAny(Toks t, List<String> names) {
    for (int k = 0; k < t.size(); k++) {
      if (!t.ident(k)) continue;
      int n = t.length(k);
      for (int i = 0; i < names.size(); i++) if (names.get(i).length() == n && t.is(k, names.get(i))) return true;
    }
    return false;
  }

  /** Removed rows by the names they call, built on first use (see {@link #removedRowsCalling}). */
  private volatile java.util.Map<String, List<Integer>> removedCalls;

  /**
   * The removed rows of the file that call a name: where the old side of the change may already
   * have had what an added row does (an edited line, or a line moved within the file).
   *
   * @param name a called name
   * @param bare as for {@link #calls(int, boolean)}
   * @return the indices of those rows, ascending; immutable
   */
  List<Integer> removedRowsCalling(String name, boolean bare) {
    java.util.Map<String, List<Integer>> index = removedCalls;
    if (index == null) {
      java.util.Map<String, List<Integer>> built = new java.util.HashMap<>();
      for (int q = 0; q < rows.size(); q++) {
        if (rows.get(q).kind() != LineKind.REMOVED) continue;
        for (Call c : calls(q, bare)) {
          List<Integer> at = built.computeIfAbsent(c.name(), k -> new ArrayList<>());
          if (at.isEmpty() || at.get(at.size() - 1) != q) at.add(q);
        }
      }
      built.replaceAll((k, list) -> List.copyOf(list));
      index = built;
      removedCalls = index;
    }
    return index.getOrDefault(name, List.of());
  }

  /**
   * @return the indices of the removed rows of the file, ascending
   */
  List<Integer> removedRows() {
    List<Integer> out = new ArrayList<>();
    for (int q = 0; q < rows.size(); q++) if (rows.get(q).kind() == LineKind.REMOVED) out.add(q);
    return out;
  }

  /**
   * @param row a row index
   * @param other a row
   * @return true when {@code other} is on the side {@code row} is read on: the old side for a
   *     removed row, the new side otherwise
   */
  boolean sameSide(int row, Row other) {
    return rows.get(row).kind() == LineKind.REMOVED ? other.onOldSide() : other.onNewSide();
  }

  /**
   * @param row a row index
   * @return the function covering the row on the side it is read on (old for a removed row,
   *     new otherwise), or null
   */
  Function functionAt(int row) {
    if (rows.get(row).kind() != LineKind.REMOVED) return newFunctionAt(row);
    for (Function f : oldFunctions()) if (f.covers(this, row)) return f;
    return null;
  }

  /** @return the new-side function covering the row, or null */
  Function newFunctionAt(int row) {
    for (Function f : newFunctions) if (f.covers(this, row)) return f;
    return null;
  }
}
