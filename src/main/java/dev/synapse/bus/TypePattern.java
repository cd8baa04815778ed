package dev.synapse.bus;

import java.util.Arrays;

/**
 * A pattern over dot-separated signal types: a literal segment matches itself, {@code *}
 * matches exactly one segment, {@code **} matches any number of segments (including none).
 * Examples: {@code review.*} matches {@code review.result} but not {@code review.a.b};
 * {@code review.**} matches both; {@code **} matches everything.
 */
public final class TypePattern {
  private final String text;
  private final String[] segments;

  private TypePattern(String text) {
    this.text = text;
    this.segments = text.split("\\.", -1);
  }

  /**
   * @param pattern e.g. {@code review.*}
   * @return the compiled pattern
   * @throws IllegalArgumentException when empty, longer than 256 chars, or a segment is empty or
   *     mixes wildcards with other characters
   */
  public static TypePattern of(String pattern) {
    if (pattern == null || pattern.isEmpty() || pattern.length() > 256) {
      throw new IllegalArgumentException("pattern must be 1-256 characters, e.g. review.*");
    }
    TypePattern p = new TypePattern(pattern);
    for (String s : p.segments) {
      if (s.isEmpty()) throw new IllegalArgumentException("pattern has an empty segment: " + pattern);
      if (s.contains("*") && !s.equals("*") && !s.equals("**")) {
        throw new IllegalArgumentException("'*' and '**' must be whole segments: " + pattern);
      }
    }
    return p;
  }

  /** @return true when the type matches the pattern */
  public boolean matches(String type) {
    if (type == null) return false;
    return match(0, type.split("\\.", -1), 0);
  }

  private boolean match(int pi, String[] t, int ti) {
    while (pi < segments.length) {
      String s = segments[pi];
      if (s.equals("**")) {
        if (pi == segments.length - 1) return true;
        for (int k = ti; k <= t.length; k++) if (match(pi + 1, t, k)) return true;
        return false;
      }
      if (ti >= t.length) return false;
      if (!s.equals("*") && !s.equals(t[ti])) return false;
      pi++;
      ti++;
    }
    return ti == t.length;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TypePattern p && Arrays.equals(p.segments, segments);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
