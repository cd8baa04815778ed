package dev.synapse.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what the headers and hunks say about one file and folds it into a {@link FileDiff}.
 * Not thread-safe; one per file being parsed.
 *
 * <p>Path precedence: {@code rename/copy from/to} lines, then the {@code ---}/{@code +++} lines,
 * then the {@code diff --git} line. A file with no usable path at all (a hunk with no file
 * header) gets the empty path {@code ""}.
 */
final class FileBuilder {
  private final boolean git;
  /** For git files: TRUE/FALSE when the diff --git line showed prefixes or not; null unknown. */
  private final Boolean gitPrefixed;
  private String oldPath;
  private String newPath;
  private boolean oldDevNull;
  private boolean newDevNull;
  private boolean sawFileLines;
  private boolean newFile;
  private boolean deletedFile;
  private boolean renamed;
  private boolean copied;
  private boolean binary;
  private String oldMode;
  private String newMode;
  private String indexMode;
  private final List<Hunk> hunks = new ArrayList<>();

  private FileBuilder(boolean git, Boolean gitPrefixed, String oldPath, String newPath) {
    this.git = git;
    this.gitPrefixed = gitPrefixed;
    this.oldPath = oldPath;
    this.newPath = newPath;
  }

  /** @param rest the text after {@code "diff --git "} */
  static FileBuilder git(String rest) {
    String[] paths = GitPath.splitGitHeader(rest);
    if (paths == null) {
      return new FileBuilder(true, null, null, null);
    }
    boolean prefixed = GitPath.isPrefixPair(paths[0], paths[1]);
    return new FileBuilder(true, prefixed,
        prefixed ? GitPath.strip(paths[0]) : paths[0],
        prefixed ? GitPath.strip(paths[1]) : paths[1]);
  }

  /** @return a file opened by a {@code ---}/{@code +++} pair or a bare hunk (no git header) */
  static FileBuilder plain() {
    return new FileBuilder(false, null, null, null);
  }

  /** @return true while extended git header lines may still follow (no hunk read yet) */
  boolean inGitHeader() {
    return git && hunks.isEmpty();
  }

  /** @return true when a {@code ---}/{@code +++} pair belongs to this file, not a new one */
  boolean acceptsFileLines() {
    return git && !sawFileLines && hunks.isEmpty();
  }

  /**
   * Records the paths of a {@code ---}/{@code +++} pair.
   *
   * @param oldText text after {@code "--- "}
   * @param newText text after {@code "+++ "}
   */
  void fileLines(String oldText, String newText) {
    sawFileLines = true;
    String o = GitPath.fileLinePath(oldText);
    String n = GitPath.fileLinePath(newText);
    oldDevNull = o.equals(GitPath.DEV_NULL);
    newDevNull = n.equals(GitPath.DEV_NULL);
    String oo = oldDevNull ? null : o;
    String nn = newDevNull ? null : n;
    if (gitPrefixed != null) {
      if (oo != null && !renamed && !copied) {
        oldPath = gitPrefixed && GitPath.hasOldPrefix(oo) ? GitPath.strip(oo) : oo;
      }
      if (nn != null && !renamed && !copied) {
        newPath = gitPrefixed && GitPath.hasNewPrefix(nn) ? GitPath.strip(nn) : nn;
      }
      return;
    }
    boolean strip = GitPath.plainPrefixed(oo, nn);
    if (oo != null) {
      oldPath = strip ? GitPath.dropFirstComponent(oo) : oo;
    }
    if (nn != null) {
      newPath = strip ? GitPath.dropFirstComponent(nn) : nn;
    }
  }

  /** Marks a binary entry with the paths of a {@code Binary files X and Y differ} line. */
  void binaryPaths(String oldText, String newText) {
    binary = true;
    oldDevNull = oldText.equals(GitPath.DEV_NULL);
    newDevNull = newText.equals(GitPath.DEV_NULL);
    String oo = oldDevNull ? null : oldText;
    String nn = newDevNull ? null : newText;
    boolean strip = GitPath.plainPrefixed(oo, nn);
    oldPath = oo == null ? null : strip ? GitPath.dropFirstComponent(oo) : oo;
    newPath = nn == null ? null : strip ? GitPath.dropFirstComponent(nn) : nn;
  }

  /**
   * Applies one extended git header line.
   *
   * @return true when the line was a known extended header line
   */
  boolean extendedHeader(String line) {
    if (line.startsWith("index ")) {
      int space = line.indexOf(' ', 6);
      if (space > 0) {
        indexMode = line.substring(space + 1);
      }
    } else if (line.startsWith("new file mode ")) {
      newFile = true;
      newMode = line.substring(14);
    } else if (line.startsWith("deleted file mode ")) {
      deletedFile = true;
      oldMode = line.substring(18);
    } else if (line.startsWith("old mode ")) {
      oldMode = line.substring(9);
    } else if (line.startsWith("new mode ")) {
      newMode = line.substring(9);
    } else if (line.startsWith("rename from ") || line.startsWith("copy from ")) {
      markRenameOrCopy(line.startsWith("copy"));
      oldPath = GitPath.whole(line.substring(line.indexOf(" from ") + 6));
    } else if (line.startsWith("rename to ") || line.startsWith("copy to ")) {
      markRenameOrCopy(line.startsWith("copy"));
      newPath = GitPath.whole(line.substring(line.indexOf(" to ") + 4));
    } else if (line.startsWith("rename old ")) {
      markRenameOrCopy(false);
      oldPath = GitPath.whole(line.substring(11));
    } else if (line.startsWith("rename new ")) {
      markRenameOrCopy(false);
      newPath = GitPath.whole(line.substring(11));
    } else if (line.startsWith("Binary files ") || line.equals("GIT binary patch")) {
      binary = true;
    } else {
      return line.startsWith("similarity index ") || line.startsWith("dissimilarity index ");
    }
    return true;
  }

  private void markRenameOrCopy(boolean copy) {
    if (copy) {
      copied = true;
    } else {
      renamed = true;
    }
  }

  void addHunk(Hunk hunk) {
    hunks.add(hunk);
  }

  FileDiff build() {
    ChangeType type;
    if (copied) {
      type = ChangeType.COPIED;
    } else if (renamed) {
      type = ChangeType.RENAMED;
    } else if (newFile || oldDevNull || (!git && onlyHunkIs(true))) {
      type = ChangeType.ADDED;
    } else if (deletedFile || newDevNull || (!git && onlyHunkIs(false))) {
      type = ChangeType.DELETED;
    } else {
      type = ChangeType.MODIFIED;
    }
    String o = oldPath;
    String n = newPath;
    if (o == null && n == null) {
      o = "";
      n = "";
    } else if (o == null) {
      o = n;
    } else if (n == null) {
      n = o;
    }
    String om = oldMode;
    String nm = newMode;
    if (type == ChangeType.ADDED) {
      o = null;
      om = null;
      nm = nm == null ? indexMode : nm;
    } else if (type == ChangeType.DELETED) {
      n = null;
      nm = null;
      om = om == null ? indexMode : om;
    } else {
      om = om == null ? indexMode : om;
      nm = nm == null ? indexMode : nm;
    }
    return new FileDiff(o, n, type, binary, om, nm, hunks);
  }

  /** @return true when the file has exactly one hunk and it creates (or deletes) the file */
  private boolean onlyHunkIs(boolean creation) {
    if (hunks.size() != 1) {
      return false;
    }
    Hunk h = hunks.get(0);
    return creation
        ? h.oldStart() == 0 && h.oldCount() == 0 && h.newCount() > 0
        : h.newStart() == 0 && h.newCount() == 0 && h.oldCount() > 0;
  }
}
