package dev.synapse.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the lines of one hunk and numbers them: context and added lines advance the new
 * counter, context and removed lines advance the old counter. Tracks how many old and new lines
 * the header still promises. Not thread-safe; one per hunk being parsed.
 */
final class HunkBuilder {
  private final HunkHeader header;
  private final List<DiffLine> lines = new ArrayList<>();
  private int nextOld;
  private int nextNew;
  private int oldLeft;
  private int newLeft;

  HunkBuilder(HunkHeader header) {
    this.header = header;
    this.nextOld = header.oldStart();
    this.nextNew = header.newStart();
    this.oldLeft = header.oldCount();
    this.newLeft = header.newCount();
  }

  /**
   * @param marker ' ', '+' or '-'
   * @return true when the header still promises a line of that kind
   */
  boolean expects(char marker) {
    switch (marker) {
      case ' ': return oldLeft > 0 && newLeft > 0;
      case '-': return oldLeft > 0;
      case '+': return newLeft > 0;
      default: return false;
    }
  }

  /** @return true when every line the header promises has been read */
  boolean complete() {
    return oldLeft <= 0 && newLeft <= 0;
  }

  /** @return true when no line has been read yet */
  boolean isEmpty() {
    return lines.isEmpty();
  }

  /**
   * Appends a line; counts past the header's promise are allowed (hand-edited diffs).
   *
   * @param marker ' ', '+' or '-'
   * @param text the content without marker and line terminator
   */
  void add(char marker, String text) {
    switch (marker) {
      case '+':
        lines.add(new DiffLine(LineKind.ADDED, 0, nextNew++, text, false));
        newLeft--;
        break;
      case '-':
        lines.add(new DiffLine(LineKind.REMOVED, nextOld++, 0, text, false));
        oldLeft--;
        break;
      default:
        lines.add(new DiffLine(LineKind.CONTEXT, nextOld++, nextNew++, text, false));
        oldLeft--;
        newLeft--;
        break;
    }
  }

  /** Marks the last line as followed by {@code \ No newline at end of file}; no-op when empty. */
  void markNoNewlineAtEnd() {
    if (lines.isEmpty()) {
      return;
    }
    int last = lines.size() - 1;
    DiffLine l = lines.get(last);
    lines.set(last, new DiffLine(l.kind(), l.oldLine(), l.newLine(), l.text(), true));
  }

  Hunk build() {
    return new Hunk(header.oldStart(), header.oldCount(), header.newStart(), header.newCount(),
        header.section(), lines);
  }
}
