package dev.synapse.diff;

/**
 * One line of a hunk, with its numbers on both sides.
 *
 * @param kind added, removed or context
 * @param oldLine 1-based line number in the old file; 0 for an added line
 * @param newLine 1-based line number in the new file; 0 for a removed line
 * @param text the line's content without the leading marker and without the line terminator
 *     (a trailing CR of a CRLF diff is removed)
 * @param noNewlineAtEnd true when followed by {@code \ No newline at end of file}
 */
public record DiffLine(LineKind kind, int oldLine, int newLine, String text, boolean noNewlineAtEnd) {

  /** @return true for an added line */
  public boolean added() {
    return kind == LineKind.ADDED;
  }

  /** @return true for a removed line */
  public boolean removed() {
    return kind == LineKind.REMOVED;
  }
}
