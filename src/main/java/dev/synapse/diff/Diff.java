package dev.synapse.diff;

import java.util.List;

/**
 * A parsed unified diff: the files in the order they appear.
 *
 * @param files one entry per file; empty for an empty diff
 */
public record Diff(List<FileDiff> files) {
  /** The empty diff: a valid review with nothing to analyse. */
  public static final Diff EMPTY = new Diff(List.of());

  public Diff {
    files = List.copyOf(files);
  }

  /**
   * @return the number of files in the diff; what a review request's {@code files_changed}
   *     defaults to (DESIGN.md section 1)
   */
  public int fileCount() {
    return files.size();
  }

  /** @return total added lines over all files */
  public int addedLineCount() {
    int n = 0;
    for (FileDiff f : files) for (Hunk h : f.hunks()) for (DiffLine l : h.lines()) if (l.added()) n++;
    return n;
  }
}
