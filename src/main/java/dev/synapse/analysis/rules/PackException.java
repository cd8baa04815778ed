package dev.synapse.analysis.rules;

import java.util.List;

/**
 * A rule pack or the rule catalog is invalid. The message is {@code file:line: field: message}
 * for the first problem, followed by the others one per line; nothing of the failing load is
 * used (packs never half-load).
 */
public final class PackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One problem: where (file, 1-based line, dotted field path) and what. */
  public record Problem(String file, int line, String field, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
  }

  private final transient List<Problem> problems;

  /** @param problems at least one problem, in file order */
  public PackException(List<Problem> problems) {
    super(String.join("\n", problems.stream().map(Problem::toString).toList()));
    this.problems = List.copyOf(problems);
  }

  /** Convenience for a single problem. */
  public PackException(String file, int line, String field, String message) {
    this(List.of(new Problem(file, line, field, message)));
  }

  /** @return every problem found, at least one */
  public List<Problem> problems() {
    return problems;
  }
}
