package dev.synapse.analysis.performance;

import dev.synapse.analysis.lang.Language;
import java.util.Locale;

/**
 * The languages the performance checks understand (DESIGN.md section 2). Detection delegates to
 * the shared {@link Language}; this enum adds the per-language lexical facts the line-oriented
 * masker and tokenizer of this package need.
 */
enum SourceLanguage {
  JAVA, KOTLIN, PYTHON, JAVASCRIPT, TYPESCRIPT, GO, RUBY, PHP, ELIXIR, CSHARP, UNKNOWN;

  /** @return true for languages whose blocks are delimited by braces */
  boolean braces() {
    return switch (this) {
      case JAVA, KOTLIN, JAVASCRIPT, TYPESCRIPT, GO, PHP, CSHARP -> true;
      default -> false;
    };
  }

  /** @return true for languages whose comments start with {@code //} and {@code /*} */
  boolean cStyleComments() {
    return braces();
  }

  /** @return true for languages whose comments start with {@code #} */
  boolean hashComments() {
    return this == PYTHON || this == RUBY || this == ELIXIR || this == PHP;
  }

  /** @return true for JavaScript and TypeScript */
  boolean js() {
    return this == JAVASCRIPT || this == TYPESCRIPT;
  }

  /**
   * Language of a file: the shared detection of {@link Language#detect(String)}, except that
   * templates ({@code .erb}, {@code .heex}) are not code to these checks and give
   * {@link #UNKNOWN}.
   *
   * @param path a file path (may be null)
   * @return the language, {@link #UNKNOWN} when not recognised
   */
  static SourceLanguage of(String path) {
    if (path == null) return UNKNOWN;
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (name.endsWith(".erb") || name.endsWith(".heex")) return UNKNOWN;
    return switch (Language.detect(path)) {
      case JAVA -> JAVA;
      case KOTLIN -> KOTLIN;
      case PYTHON -> PYTHON;
      case JAVASCRIPT -> JAVASCRIPT;
      case TYPESCRIPT -> TYPESCRIPT;
      case GO -> GO;
      case RUBY -> RUBY;
      case PHP -> PHP;
      case ELIXIR -> ELIXIR;
      case CSHARP -> CSHARP;
      case UNKNOWN -> UNKNOWN;
    };
  }
}
