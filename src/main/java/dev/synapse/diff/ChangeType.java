package dev.synapse.diff;

/** What happened to a file in a diff. */
public enum ChangeType {
  /** New file (old side is /dev/null). */
  ADDED,
  /** Deleted file (new side is /dev/null). */
  DELETED,
  /** Content and/or mode changed in place. */
  MODIFIED,
  /** Renamed (possibly with content changes). */
  RENAMED,
  /** Copied (possibly with content changes). */
  COPIED
}
