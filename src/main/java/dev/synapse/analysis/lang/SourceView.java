package dev.synapse.analysis.lang;

import dev.synapse.diff.DiffLine;
import dev.synapse.diff.FileDiff;
import dev.synapse.diff.Hunk;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a diff shows of one side of one file: for each hunk, the contiguous text of that side
 * (context plus added lines for the new side, context plus removed lines for the old side) with
 * real line numbers, which of those lines changed, and the tokens of that text. Each hunk is
 * lexed on its own, so a mis-read at one hunk's edge does not spill into the next. Lines longer
 * than {@link #MAX_LINE_CHARS} are lexed up to that bound. Immutable and thread-safe once built.
 */
public final class SourceView {

  /**
   * Lines longer than this many characters are lexed only up to this bound (minified or generated
   * content); the full text stays available through {@link #line(int)}.
   */
  public static final int MAX_LINE_CHARS = 64 * 1024;

  /**
   * One hunk's text on this side.
   *
   * @param firstLine line number of {@code lines.get(0)}
   * @param lines the lines, without terminators
   * @param changed bit {@code i} set when {@code lines.get(i)} was added (new side) or removed
   *     (old side); do not mutate
   * @param tokens the tokens of the joined lines, numbered with real line numbers
   */
  public record Segment(int firstLine, List<String> lines, BitSet changed, List<Token> tokens) {
    /** @return the last line number of the segment */
    public int lastLine() {
      return firstLine + lines.size() - 1;
    }

    /** @return true when {@code line} lies in this segment */
    public boolean contains(int line) {
      return line >= firstLine && line <= lastLine();
    }
  }

  private final String path;
  private final Language language;
  private final Side side;
  private final List<Segment> segments;
  /** Distinct segment first lines, ascending, for {@link #segmentAt} (binary search, no boxing). */
  private final int[] firstLines;
  /** {@code firstLines[k]}'s segment index (the last segment starting there, as a map would keep). */
  private final int[] segmentIndex;
  /** Per segment: its comment tokens in token order, for {@link #commentsOn}. */
  private final Token[][] comments;
  /**
   * Per segment: its comments' first and last lines both never decrease (always, short of a
   * heredoc holding an interpolated comment), so {@link #commentsOn} may binary-search them.
   */
  private final boolean[] commentsSorted;
  /** Per segment: its tokens without comments. */
  private final List<List<Token>> significant;
  /** Segments ascend by first line and do not overlap (true for every well-formed diff). */
  private final boolean ordered;
  /**
   * Per segment: the {@code [from, to)} offsets (into the segment's joined, cut text) that are not
   * code, from {@link Lexer#lexMasked}; see {@link #maskedLine(int)}.
   */
  private final List<int[]> masks;

  private static final Token[] NO_TOKENS = new Token[0];

  private SourceView(String path, Language language, Side side, List<Segment> segments,
      List<int[]> masks) {
    this.masks = List.copyOf(masks);
    this.path = path;
    this.language = language;
    this.side = side;
    this.segments = List.copyOf(segments);
    int count = segments.size();
    boolean ascending = true;
    for (int i = 1; i < count; i++) {
      if (segments.get(i).firstLine() <= segments.get(i - 1).firstLine()) ascending = false;
    }
    if (ascending) {
      firstLines = new int[count];
      segmentIndex = new int[count];
      for (int i = 0; i < count; i++) {
        firstLines[i] = segments.get(i).firstLine();
        segmentIndex[i] = i;
      }
    } else {
      TreeMap<Integer, Integer> byFirstLine = new TreeMap<>();
      for (int i = 0; i < count; i++) byFirstLine.put(segments.get(i).firstLine(), i);
      firstLines = new int[byFirstLine.size()];
      segmentIndex = new int[byFirstLine.size()];
      int at = 0;
      for (Map.Entry<Integer, Integer> e : byFirstLine.entrySet()) {
        firstLines[at] = e.getKey();
        segmentIndex[at++] = e.getValue();
      }
    }
    List<List<Token>> sig = new ArrayList<>(count);
    comments = new Token[count][];
    commentsSorted = new boolean[count];
    boolean inOrder = true;
    for (int i = 0; i < count; i++) {
      if (i > 0 && segments.get(i).firstLine() <= segments.get(i - 1).lastLine()) inOrder = false;
      List<Token> tokens = segments.get(i).tokens();
      int commentCount = 0;
      for (Token t : tokens) if (t.kind() == TokenKind.COMMENT) commentCount++;
      if (commentCount == 0) {
        sig.add(tokens);
        comments[i] = NO_TOKENS;
        commentsSorted[i] = true;
        continue;
      }
      List<Token> nonComment = new ArrayList<>(tokens.size() - commentCount);
      Token[] mine = new Token[commentCount];
      int c = 0;
      boolean sorted = true;
      for (Token t : tokens) {
        if (t.kind() != TokenKind.COMMENT) {
          nonComment.add(t);
        } else {
          if (c > 0 && (t.line() < mine[c - 1].line() || t.endLine() < mine[c - 1].endLine())) {
            sorted = false;
          }
          mine[c++] = t;
        }
      }
      sig.add(Collections.unmodifiableList(nonComment));
      comments[i] = mine;
      commentsSorted[i] = sorted;
    }
    significant = List.copyOf(sig);
    ordered = inOrder;
  }

  /**
   * Builds the view of one side of a file. Linear in the file's diff size.
   *
   * @param file the file's diff
   * @param side {@link Side#NEW} (context + added) or {@link Side#OLD} (context + removed)
   * @return the view; binary files and files without hunks give a view with no segments
   */
  public static SourceView of(FileDiff file, Side side) {
    String path = side == Side.NEW || file.oldPath() == null ? file.path() : file.oldPath();
    Language lang = Language.detect(file.path());
    List<Segment> segs = new ArrayList<>();
    List<int[]> masks = new ArrayList<>();
    for (Hunk h : file.hunks()) {
      List<String> lines = new ArrayList<>();
      BitSet changed = new BitSet();
      int first = -1;
      for (DiffLine l : h.lines()) {
        boolean mine;
        int number;
        boolean isChange;
        if (side == Side.NEW) {
          mine = !l.removed();
          number = l.newLine();
          isChange = l.added();
        } else {
          mine = !l.added();
          number = l.oldLine();
          isChange = l.removed();
        }
        if (!mine) continue;
        if (first < 0) first = number;
        // hunk lines of one side are consecutive; guard against malformed numbering
        if (number != first + lines.size()) {
          if (!lines.isEmpty()) segs.add(segment(first, lines, changed, lang, masks));
          lines = new ArrayList<>();
          changed = new BitSet();
          first = number;
        }
        if (isChange) changed.set(lines.size());
        lines.add(l.text());
      }
      if (!lines.isEmpty()) segs.add(segment(first, lines, changed, lang, masks));
    }
    return new SourceView(path, lang, side, segs, masks);
  }

  /**
   * A view of free-standing lines that are not a diff hunk, e.g. a hunk header's section text
   * (the declaration line git prints after {@code @@}): one segment, nothing marked changed.
   *
   * @param path the file path the text belongs to (names the language)
   * @param lines the lines, without terminators
   * @param firstLine the line number of the first line
   * @return the view
   */
  public static SourceView ofLines(String path, List<String> lines, int firstLine) {
    Language lang = Language.detect(path);
    List<int[]> masks = new ArrayList<>();
    List<Segment> segs = new ArrayList<>();
    if (!lines.isEmpty()) segs.add(segment(firstLine, lines, new BitSet(), lang, masks));
    return new SourceView(path, lang, Side.NEW, segs, masks);
  }

  /**
   * Lexes one segment: its lines joined by {@code \n}, each cut to {@link #MAX_LINE_CHARS}
   * (minified or generated giant lines are analysed up to a bound, which keeps time per line
   * bounded), copied once into the array the lexer reads.
   */
  private static Segment segment(int first, List<String> lines, BitSet changed, Language lang,
      List<int[]> masks) {
    int size = lines.size() - 1;
    for (String l : lines) size += Math.min(l.length(), MAX_LINE_CHARS);
    char[] text = new char[size];
    int at = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) text[at++] = '\n';
      String l = lines.get(i);
      int len = Math.min(l.length(), MAX_LINE_CHARS);
      l.getChars(0, len, text, at);
      at += len;
    }
    Lexer.Lexed lexed = Lexer.lexMasked(text, first, lang);
    masks.add(lexed.masked());
    return new Segment(first, List.copyOf(lines), changed, Collections.unmodifiableList(lexed.tokens()));
  }

  /** @return the file path findings on this side are reported on */
  public String path() {
    return path;
  }

  /** @return the detected language */
  public Language language() {
    return language;
  }

  /** @return which side of the diff this view shows */
  public Side side() {
    return side;
  }

  /** @return the segments (one per hunk), in line order */
  public List<Segment> segments() {
    return segments;
  }

  /**
   * @param line a line number
   * @return the index into {@link #segments()} of the segment containing {@code line}, or -1
   */
  public int segmentIndexAt(int line) {
    int lo = 0;
    int hi = firstLines.length - 1;
    int floor = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (firstLines[mid] <= line) {
        floor = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (floor < 0) return -1;
    int index = segmentIndex[floor];
    return segments.get(index).contains(line) ? index : -1;
  }

  /** @return the segment containing {@code line}, or null when the diff does not show it */
  public Segment segmentAt(int line) {
    int lo = 0;
    int hi = firstLines.length - 1;
    int floor = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (firstLines[mid] <= line) {
        floor = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (floor < 0) return null;
    Segment s = segments.get(segmentIndex[floor]);
    return s.contains(line) ? s : null;
  }

  /** @return the text of {@code line}, or null when not shown */
  public String line(int line) {
    Segment s = segmentAt(line);
    return s == null ? null : s.lines().get(line - s.firstLine());
  }

  /** @return true when {@code line} was added (new side) or removed (old side) */
  public boolean isChanged(int line) {
    Segment s = segmentAt(line);
    return s != null && s.changed().get(line - s.firstLine());
  }

  /**
   * Whether a line of a given segment changed: the same answer as {@link #isChanged(int)} for a
   * line of {@code seg}, in constant time.
   *
   * @param seg one of {@link #segments()}
   * @param line a line number
   * @return true when {@code line} was added (new side) or removed (old side)
   */
  public boolean isChanged(Segment seg, int line) {
    if (ordered && seg.contains(line)) return seg.changed().get(line - seg.firstLine());
    return isChanged(line);
  }

  /**
   * The tokens of one segment without comments, built once with the view (several checks read
   * them).
   *
   * @param segment index into {@link #segments()}
   * @return the non-comment tokens in order; unmodifiable
   * @throws IndexOutOfBoundsException for a bad index
   */
  public List<Token> significantTokens(int segment) {
    return significant.get(segment);
  }

  /**
   * The texts of the comments that cover a line, in segment and token order.
   *
   * @param line a line number
   * @return the texts, possibly empty; O(segments * log(comments)) per call
   */
  public List<String> commentsOn(int line) {
    List<String> out = null;
    for (int i = 0; i < comments.length; i++) {
      Token[] cs = comments[i];
      if (cs.length == 0) continue;
      int k = 0;
      if (commentsSorted[i]) {
        // first comment ending on or after the line
        int lo = 0;
        int hi = cs.length;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (cs[mid].endLine() < line) lo = mid + 1;
          else hi = mid;
        }
        k = lo;
      }
      for (; k < cs.length; k++) {
        Token t = cs[k];
        if (t.line() > line && commentsSorted[i]) break;
        if (t.line() <= line && t.endLine() >= line) {
          if (out == null) out = new ArrayList<>();
          out.add(t.text());
        }
      }
    }
    return out == null ? List.of() : out;
  }

  /**
   * A line with everything that is not code blanked: the characters of comments and of the
   * bodies of string, heredoc and regex literals become spaces; delimiters and every other
   * character stay in place, so a string still reads as {@code "   "} and columns are kept. The
   * same lexing as the tokens (one front end for every check). Characters past
   * {@link #MAX_LINE_CHARS} are returned as written (they were not lexed).
   *
   * @param line a line number
   * @return the masked text, or null when the diff does not show the line
   */
  public String maskedLine(int line) {
    int index = segmentIndexAt(line);
    if (index < 0) return null;
    Segment seg = segments.get(index);
    int[] m = masks.get(index);
    String text = seg.lines().get(line - seg.firstLine());
    if (m.length == 0) return text;
    int start = 0;
    for (int i = seg.firstLine(); i < line; i++) {
      start += Math.min(seg.lines().get(i - seg.firstLine()).length(), MAX_LINE_CHARS) + 1;
    }
    int end = start + Math.min(text.length(), MAX_LINE_CHARS);
    return blank(text, start, end, m);
  }

  /**
   * All lines of one segment masked as {@link #maskedLine(int)} does, in one pass.
   *
   * @param segment index into {@link #segments()}
   * @return the masked lines, in order
   */
  public List<String> maskedLines(int segment) {
    Segment seg = segments.get(segment);
    int[] m = masks.get(segment);
    List<String> out = new ArrayList<>(seg.lines().size());
    int start = 0;
    for (String text : seg.lines()) {
      int len = Math.min(text.length(), MAX_LINE_CHARS);
      out.add(m.length == 0 ? text : blank(text, start, start + len, m));
      start += len + 1;
    }
    return out;
  }

  /**
   * One line of text masked on its own (no state from lines before it), e.g. a hunk header's
   * section text.
   *
   * @param text one line
   * @param lang its language
   * @return the text with comments and literal bodies blanked
   */
  public static String masked(String text, Language lang) {
    int len = Math.min(text.length(), MAX_LINE_CHARS);
    char[] chars = new char[len];
    text.getChars(0, len, chars, 0);
    int[] m = Lexer.lexMasked(chars, 1, lang).masked();
    return m.length == 0 ? text : blank(text, 0, len, m);
  }

  /** Blanks the parts of {@code [start, end)} (segment offsets) that {@code m} covers. */
  private static String blank(String text, int start, int end, int[] m) {
    // first range ending after the line's start
    int lo = 0;
    int hi = m.length / 2;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (m[2 * mid + 1] <= start) lo = mid + 1;
      else hi = mid;
    }
    char[] c = null;
    for (int r = lo; r < m.length / 2 && m[2 * r] < end; r++) {
      int from = Math.max(m[2 * r], start) - start;
      int to = Math.min(m[2 * r + 1], end) - start;
      if (from >= to) continue;
      if (c == null) c = text.toCharArray();
      for (int i = from; i < to; i++) c[i] = ' ';
    }
    return c == null ? text : new String(c);
  }

  /** @return the indentation width of a line (tab = 4 columns), or -1 for a blank line */
  public static int indentOf(String text) {
    int w = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ') w++;
      else if (c == '\t') w += 4;
      else if (c == '\r') continue;
      else return w;
    }
    return -1;
  }
}
