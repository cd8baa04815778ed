package dev.synapse.signal;

import java.util.Locale;

/** Finding and summary severity, ordered from {@link #NONE} to {@link #HIGH} (DESIGN.md 1). */
public enum Severity {
  NONE,
  LOW,
  MEDIUM,
  HIGH;

  /** @return the wire name: {@code none}, {@code low}, {@code medium} or {@code high} */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name, case-insensitively.
   *
   * @throws IllegalArgumentException when the name is not a severity
   */
  public static Severity parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("severity is missing");
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "severity must be one of none, low, medium, high; got '" + value + "'");
    }
  }

  /** @return the larger of the two severities */
  public Severity max(Severity other) {
    return other != null && other.ordinal() > ordinal() ? other : this;
  }
}
