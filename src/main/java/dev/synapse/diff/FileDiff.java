package dev.synapse.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Changes to one file.
 *
 * @param oldPath path in the old tree without {@code a/} prefix, or null for an added file
 * @param newPath path in the new tree without {@code b/} prefix, or null for a deleted file
 * @param changeType added, deleted, modified, renamed, copied
 * @param binary true for a binary entry ({@code Binary files … differ} or {@code GIT binary
 *     patch}); such entries have no hunks
 * @param oldMode old file mode (e.g. {@code 100644}) or null
 * @param newMode new file mode or null
 * @param hunks the hunks, possibly empty (mode-only, rename-only, empty file, binary)
 */
public record FileDiff(String oldPath, String newPath, ChangeType changeType, boolean binary,
    String oldMode, String newMode, List<Hunk> hunks) {

  public FileDiff {
    hunks = List.copyOf(hunks);
  }

  /** @return the path findings are reported on: the new path, or the old one for a deletion */
  public String path() {
    return newPath != null ? newPath : oldPath;
  }

  /** @return every added line, in order */
  public List<DiffLine> addedLines() {
    List<DiffLine> out = new ArrayList<>();
    for (Hunk h : hunks) for (DiffLine l : h.lines()) if (l.added()) out.add(l);
    return out;
  }

  /** @return every removed line, in order */
  public List<DiffLine> removedLines() {
    List<DiffLine> out = new ArrayList<>();
    for (Hunk h : hunks) for (DiffLine l : h.lines()) if (l.removed()) out.add(l);
    return out;
  }
}
