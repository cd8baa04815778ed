package dev.synapse.diff;

import dev.synapse.signal.ValidationException;

/** The text holds no recognisable unified diff; the edge answers 400 {@code invalid_diff}. */
public final class DiffParseException extends ValidationException {
  /** Error code reported to clients. */
  public static final String CODE = "invalid_diff";

  /** @param message what was wrong, e.g. "line 3: hunk header expected" */
  public DiffParseException(String message) {
    super(CODE, "diff", message);
  }
}
