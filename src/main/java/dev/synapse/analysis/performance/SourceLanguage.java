package dev.synapse.analysis.performance;

import java.util.Locale;

/**
 * The languages the performance checks understand (DESIGN.md section 2), detected from a file
 * name. Package-private: an adapter point that the shared {@code analysis.lang} layer can
 * replace.
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
   * @param path a file path (may be null)
   * @return the language by extension (or well-known file name), {@link #UNKNOWN} otherwise
   */
  static SourceLanguage of(String path) {
    if (path == null) return UNKNOWN;
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (name.equals("gemfile") || name.equals("rakefile")) return RUBY;
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    return switch (ext) {
      case "java" -> JAVA;
      case "kt", "kts" -> KOTLIN;
      case "py", "pyw" -> PYTHON;
      case "js", "jsx", "mjs", "cjs" -> JAVASCRIPT;
      case "ts", "tsx", "mts", "cts" -> TYPESCRIPT;
      case "go" -> GO;
      case "rb", "rake", "jbuilder", "gemspec", "ru" -> RUBY;
      case "php", "phtml" -> PHP;
      case "ex", "exs" -> ELIXIR;
      case "cs" -> CSHARP;
      default -> UNKNOWN;
    };
  }
}
