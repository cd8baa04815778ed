package dev.synapse.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a large diff text into chunks of whole files, so that it can be parsed and analysed one
 * chunk at a time (memory then depends on the largest chunk, not on the whole diff) and chunks
 * can run in parallel.
 *
 * <p>A chunk boundary is only ever placed at the start of a line that begins with
 * {@code "diff --git "}: such a line can never be part of a hunk (hunk lines start with
 * {@code ' '}, {@code '+'}, {@code '-'} or {@code '\'}), so {@link DiffParser} ends the previous
 * file there and starts a new one, exactly as in the parse of the whole text. Hence the files of
 * the chunks' parses, in chunk order, equal the files of the whole parse (tested on the corpora).
 * A diff without {@code diff --git} headers (GNU {@code diff -u}) is one chunk. Consecutive files
 * are grouped until a chunk holds at least {@code targetChars} characters; one file larger than
 * that is a chunk on its own. Pure Java, no state, thread-safe; time linear in the text.
 */
public final class DiffChunks {
  private static final String HEADER = "diff --git ";
  /** Chunk size used for large reviews, in characters. */
  public static final int DEFAULT_TARGET_CHARS = 256 * 1024;

  private DiffChunks() {}

  /**
   * @param text the diff
   * @param targetChars the smallest chunk size (characters) worth a chunk of its own, ≥ 1
   * @return the chunk boundaries: {@code [0, b1, …, text.length()]}; chunk {@code i} is
   *     {@code text.substring(b[i], b[i + 1])}; at least one chunk (two entries)
   */
  public static int[] bounds(String text, int targetChars) {
    List<Integer> cuts = new ArrayList<>();
    cuts.add(0);
    int chunkStart = 0;
    // the first header never starts a chunk: chunk 0 keeps any preamble with the first file
    int first = text.startsWith(HEADER) ? 0 : text.indexOf("\n" + HEADER);
    if (first >= 0) {
      int pos = first == 0 ? HEADER.length() : first + 1 + HEADER.length();
      while (true) {
        int at = text.indexOf("\n" + HEADER, pos);
        if (at < 0) break;
        int lineStart = at + 1;
        if (lineStart - chunkStart >= targetChars) {
          cuts.add(lineStart);
          chunkStart = lineStart;
        }
        pos = lineStart + HEADER.length();
      }
    }
    if (cuts.get(cuts.size() - 1) != text.length()) cuts.add(text.length());
    int[] out = new int[cuts.size()];
    for (int i = 0; i < out.length; i++) out[i] = cuts.get(i);
    if (out.length == 1) return new int[] {0, 0};
    return out;
  }

  /**
   * Parses one chunk.
   *
   * @param text the whole diff
   * @param bounds {@link #bounds} of it
   * @param index the chunk
   * @return the chunk's files
   * @throws DiffParseException as {@link DiffParser#parse}, its message prefixed with where the
   *     chunk starts when it is not the first
   */
  public static Diff parse(String text, int[] bounds, int index) {
    String chunk = text.substring(bounds[index], bounds[index + 1]);
    try {
      return DiffParser.parse(chunk);
    } catch (DiffParseException e) {
      if (index == 0) throw e;
      throw new DiffParseException("in the file starting at line " + (lineOf(text, bounds[index]) + 1) + ", "
          + e.getMessage());
    }
  }

  /**
   * Validates a diff chunk by chunk without keeping any parse.
   *
   * @param text the diff
   * @param targetChars chunk size, see {@link #bounds}
   * @return the number of files, as {@code DiffParser.parse(text).files().size()}
   * @throws DiffParseException when a chunk does not parse
   */
  public static int fileCount(String text, int targetChars) {
    if (text.isBlank()) return 0;
    int[] b = bounds(text, targetChars);
    int n = 0;
    for (int i = 0; i + 1 < b.length; i++) n += parse(text, b, i).files().size();
    return n;
  }

  private static int lineOf(String text, int offset) {
    int lines = 0;
    for (int i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) lines++;
    return lines;
  }
}
