package dev.synapse.analysis.lang;

import java.util.Locale;

/**
 * Source languages Synapse analyses (DESIGN.md 2), detected from a file's extension. Immutable and
 * thread-safe.
 */
public enum Language {
  JAVA(Family.C_LIKE),
  KOTLIN(Family.C_LIKE),
  JAVASCRIPT(Family.C_LIKE),
  TYPESCRIPT(Family.C_LIKE),
  GO(Family.C_LIKE),
  CSHARP(Family.C_LIKE),
  PHP(Family.C_LIKE),
  PYTHON(Family.INDENT),
  RUBY(Family.KEYWORD_END),
  ELIXIR(Family.KEYWORD_END),
  /** Anything else: lexed with C-like rules, not segmented into functions. */
  UNKNOWN(Family.C_LIKE);

  /** How a language delimits blocks, which drives function segmentation. */
  public enum Family {
    /** Braces delimit blocks. */
    C_LIKE,
    /** Indentation delimits blocks (Python). */
    INDENT,
    /** {@code def ... end} / {@code do ... end} blocks (Ruby, Elixir). */
    KEYWORD_END
  }

  private final Family family;

  Language(Family family) {
    this.family = family;
  }

  /** @return the block-structure family */
  public Family family() {
    return family;
  }

  /** @return the corpus name, e.g. {@code java}, {@code csharp} */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Detects the language from a path's extension. {@code .jsx/.mjs/.cjs} are JavaScript,
   * {@code .tsx/.mts/.cts} TypeScript, {@code .kts} Kotlin, {@code .exs/.heex} Elixir, {@code .erb}
   * {@code .rake}, {@code .jbuilder} and {@code .ru} (Rack) Ruby, {@code .phtml} PHP, {@code .pyw/.pyi} Python.
   *
   * @param path a file path, may be null
   * @return the language, {@link #UNKNOWN} when the extension is not recognised
   */
  public static Language detect(String path) {
    if (path == null) return UNKNOWN;
    String p = path.toLowerCase(Locale.ROOT);
    int slash = p.lastIndexOf('/');
    String name = slash >= 0 ? p.substring(slash + 1) : p;
    if (name.equals("gemfile") || name.equals("rakefile")) return RUBY;
    int dot = name.lastIndexOf('.');
    if (dot < 0) return UNKNOWN;
    switch (name.substring(dot + 1)) {
      case "java": return JAVA;
      case "kt": case "kts": return KOTLIN;
      case "js": case "jsx": case "mjs": case "cjs": return JAVASCRIPT;
      case "ts": case "tsx": case "mts": case "cts": return TYPESCRIPT;
      case "go": return GO;
      case "cs": return CSHARP;
      case "php": case "phtml": return PHP;
      case "py": case "pyw": case "pyi": return PYTHON;
      case "rb": case "rake": case "erb": case "gemspec": case "jbuilder": case "ru": return RUBY;
      case "ex": case "exs": case "heex": return ELIXIR;
      default: return UNKNOWN;
    }
  }
}
