package dev.synapse.diff;

import java.util.List;

/**
 * A hunk: {@code @@ -oldStart,oldCount +newStart,newCount @@ section}. Counts default to 1 when
 * omitted from the header. A truncated last hunk (fewer lines than the header promises) keeps
 * the lines that are present.
 *
 * @param oldStart first old line as written in the header
 * @param oldCount old line count as written in the header
 * @param newStart first new line as written in the header
 * @param newCount new line count as written in the header
 * @param section text after the closing {@code @@} (often the enclosing function), or ""
 * @param lines the lines in order
 */
public record Hunk(int oldStart, int oldCount, int newStart, int newCount, String section,
    List<DiffLine> lines) {
  public Hunk {
    lines = List.copyOf(lines);
    section = section == null ? "" : section;
  }
}
