package dev.synapse.signal;

/**
 * Thrown when input at the edge is invalid. Carries a stable error code (e.g.
 * {@code invalid_request}, {@code invalid_diff}) and the offending field so that the HTTP,
 * WebSocket and CLI layers can report it without a stack trace.
 */
public class ValidationException extends RuntimeException {
  private final String code;
  private final String field;

  /**
   * @param code machine-readable error code such as {@code invalid_request}
   * @param field the JSON field or parameter at fault, or null
   * @param message human-readable message naming the field
   */
  public ValidationException(String code, String field, String message) {
    super(message, null, false, false);
    this.code = code;
    this.field = field;
  }

  /** @return machine-readable error code */
  public String code() {
    return code;
  }

  /** @return the field at fault, or null */
  public String field() {
    return field;
  }
}
