package dev.synapse.signal;

/** Which side of a diff a finding's line number refers to (DESIGN.md 1, Finding.side). */
public enum Side {
  /** Line number in the new file (added or context lines). */
  NEW,
  /** Line number in the old file (removed lines). */
  OLD;

  /** @return {@code new} or {@code old} */
  public String wire() {
    return this == NEW ? "new" : "old";
  }

  /** @throws IllegalArgumentException for anything but new/old */
  public static Side parse(String s) {
    if ("new".equals(s)) return NEW;
    if ("old".equals(s)) return OLD;
    throw new IllegalArgumentException("side must be 'new' or 'old'; got '" + s + "'");
  }
}
