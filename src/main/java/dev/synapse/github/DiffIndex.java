package dev.synapse.github;

import dev.synapse.diff.ChangeType;
import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffLine;
import dev.synapse.diff.FileDiff;
import dev.synapse.diff.Hunk;
import java.util.HashMap;
import java.util.Map;

/**
 * Questions about a parsed diff that publishing asks: is a line in the diff (GitHub accepts
 * review comments only there, and answers {@code 422} for the whole review otherwise), what is
 * its text, and where does a line of the old tree land in the new one.
 */
public final class DiffIndex {
  private final Map<String, FileDiff> byNewPath = new HashMap<>();
  private final Map<String, FileDiff> byOldPath = new HashMap<>();

  /** @param diff the parsed diff */
  public DiffIndex(Diff diff) {
    for (FileDiff f : diff.files()) {
      if (f.newPath() != null) byNewPath.put(f.newPath(), f);
      if (f.oldPath() != null) byOldPath.put(f.oldPath(), f);
    }
  }

  /**
   * @param path file path
   * @param line 1-based line
   * @param newSide true for the new file ({@code RIGHT}), false for the old one ({@code LEFT})
   * @return the diff line at that place when it is in the diff (added or context on the right,
   *     removed or context on the left), else null
   */
  public DiffLine lineAt(String path, int line, boolean newSide) {
    FileDiff f = newSide ? byNewPath.get(path) : byOldPath.get(path);
    if (f == null || line < 1) return null;
    for (Hunk h : f.hunks()) {
      for (DiffLine l : h.lines()) {
        if (newSide && !l.removed() && l.newLine() == line) return l;
        if (!newSide && !l.added() && l.oldLine() == line) return l;
      }
    }
    return null;
  }

  /**
   * Where a line of the old tree is after this diff.
   *
   * @return {@code {path, line}} in the new tree, or null when the diff removed the line or
   *     deleted the file
   */
  public Object[] map(String path, int line) {
    FileDiff f = byOldPath.get(path);
    if (f == null) return new Object[] {path, line};
    if (f.changeType() == ChangeType.DELETED) return null;
    int delta = 0;
    for (Hunk h : f.hunks()) {
      int hunkStart = h.oldCount() == 0 ? h.oldStart() + 1 : h.oldStart();
      if (line < hunkStart) break;
      int added = 0;
      int removed = 0;
      for (DiffLine l : h.lines()) {
        if (l.removed() && l.oldLine() == line) return null;
        if (!l.added() && !l.removed() && l.oldLine() == line) return new Object[] {f.path(), l.newLine()};
        if (l.added()) added++;
        if (l.removed()) removed++;
      }
      delta += added - removed;
    }
    return new Object[] {f.path(), line + delta};
  }
}
