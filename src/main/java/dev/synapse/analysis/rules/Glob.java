package dev.synapse.analysis.rules;

import java.util.List;
import java.util.Locale;

/**
 * One pattern over lower-cased text as written in rule packs: {@code x} (equal), {@code x*}
 * (starts with), {@code *x} (ends with), {@code *x*} (contains), {@code ""} (empty), or
 * {@code @name} (a receiver class of the packs, see {@link ReceiverClass}). Immutable.
 *
 * @param kind how {@link #text} is compared
 * @param text the lower-cased literal part (for {@link Kind#CLASS} the class name)
 */
public record Glob(Kind kind, String text) {
  /** How a glob compares. */
  public enum Kind { EQUALS, PREFIX, SUFFIX, CONTAINS, CLASS }

  /** @return the glob written as {@code s} */
  public static Glob of(String s) {
    if (s.startsWith("@") && s.length() > 1) return new Glob(Kind.CLASS, s.substring(1));
    String x = s.toLowerCase(Locale.ROOT);
    boolean lead = x.startsWith("*");
    boolean trail = x.length() > 1 && x.endsWith("*");
    if (lead && trail) return new Glob(Kind.CONTAINS, x.substring(1, x.length() - 1));
    if (lead) return new Glob(Kind.SUFFIX, x.substring(1));
    if (trail) return new Glob(Kind.PREFIX, x.substring(0, x.length() - 1));
    return new Glob(Kind.EQUALS, x);
  }

  /**
   * @param s lower-cased text
   * @return true when the text matches (a {@link Kind#CLASS} glob never matches here)
   */
  public boolean matches(String s) {
    switch (kind) {
      case EQUALS: return s.equals(text);
      case PREFIX: return s.startsWith(text);
      case SUFFIX: return s.endsWith(text);
      case CONTAINS: return s.contains(text);
      default: return false;
    }
  }

  /** @return the globs written as {@code list} */
  static List<Glob> all(List<String> list) {
    return list.stream().map(Glob::of).toList();
  }

  @Override
  public String toString() {
    switch (kind) {
      case PREFIX: return text + "*";
      case SUFFIX: return "*" + text;
      case CONTAINS: return "*" + text + "*";
      case CLASS: return "@" + text;
      default: return text;
    }
  }
}
