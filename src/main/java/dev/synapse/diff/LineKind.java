package dev.synapse.diff;

/** Kind of a line inside a hunk. */
public enum LineKind {
  /** A line present only in the new file ({@code +}). */
  ADDED,
  /** A line present only in the old file ({@code -}). */
  REMOVED,
  /** An unchanged line shown for context ({@code ' '}). */
  CONTEXT
}
