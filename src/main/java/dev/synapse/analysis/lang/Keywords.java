package dev.synapse.analysis.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reserved words per language, used by {@link Lexer} to tell keywords from identifiers. The
 * tables are built once and never changed (immutable sets, private arrays that are only read).
 */
final class Keywords {
  private Keywords() {}

  private static final Set<String> JAVA = Set.of("abstract", "assert", "boolean", "break", "byte",
      "case", "catch", "char", "class", "const", "continue", "default", "do", "double", "else",
      "enum", "extends", "final", "finally", "float", "for", "if", "implements", "import",
      "instanceof", "int", "interface", "long", "native", "new", "package", "private", "protected",
      "public", "return", "short", "static", "super", "switch", "synchronized", "this", "throw",
      "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "var",
      "record", "yield");
  private static final Set<String> KOTLIN = Set.of("as", "break", "class", "continue", "do", "else",
      "false", "for", "fun", "if", "in", "interface", "is", "null", "object", "package", "return",
      "super", "this", "throw", "true", "try", "typealias", "val", "var", "when", "while", "catch",
      "finally", "import", "private", "public", "protected", "internal", "override", "suspend",
      "data", "open", "companion", "init", "lateinit", "const");
  private static final Set<String> JS = Set.of("break", "case", "catch", "class", "const",
      "continue", "debugger", "default", "delete", "do", "else", "export", "extends", "finally",
      "for", "function", "if", "import", "in", "instanceof", "new", "return", "super", "switch",
      "this", "throw", "try", "typeof", "var", "void", "while", "with", "yield", "let", "static",
      "async", "await", "true", "false", "null", "undefined", "of", "interface", "type", "enum",
      "implements", "private", "public", "protected", "readonly", "declare", "namespace",
      "abstract", "as");
  private static final Set<String> GO = Set.of("break", "case", "chan", "const", "continue",
      "default", "defer", "else", "fallthrough", "for", "func", "go", "goto", "if", "import",
      "interface", "map", "package", "range", "return", "select", "struct", "switch", "type", "var",
      "true", "false", "nil");
  private static final Set<String> CSHARP = Set.of("abstract", "as", "base", "bool", "break",
      "case", "catch", "class", "const", "continue", "default", "do", "double", "else", "enum",
      "false", "finally", "for", "foreach", "if", "in", "int", "interface", "internal", "is",
      "lock", "long", "namespace", "new", "null", "object", "out", "override", "private",
      "protected", "public", "readonly", "ref", "return", "sealed", "static", "string", "struct",
      "switch", "this", "throw", "true", "try", "typeof", "using", "var", "virtual", "void",
      "while", "async", "await");
  private static final Set<String> PHP = Set.of("abstract", "and", "as", "break", "case", "catch",
      "class", "clone", "const", "continue", "declare", "default", "do", "echo", "else", "elseif",
      "empty", "endforeach", "endif", "extends", "final", "finally", "fn", "for", "foreach",
      "function", "global", "if", "implements", "include", "include_once", "instanceof",
      "interface", "isset", "list", "match", "namespace", "new", "or", "print", "private",
      "protected", "public", "require", "require_once", "return", "static", "switch", "throw",
      "trait", "try", "unset", "use", "while", "true", "false", "null", "readonly");
  private static final Set<String> PYTHON = Set.of("False", "None", "True", "and", "as", "assert",
      "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
      "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not",
      "or", "pass", "raise", "return", "try", "while", "with", "yield");
  private static final Set<String> RUBY = Set.of("alias", "and", "begin", "break", "case", "class",
      "def", "defined?", "do", "else", "elsif", "end", "ensure", "false", "for", "if", "in",
      "module", "next", "nil", "not", "or", "redo", "rescue", "retry", "return", "self", "super",
      "then", "true", "undef", "unless", "until", "when", "while", "yield");
  private static final Set<String> ELIXIR = Set.of("after", "and", "catch", "do", "else", "end",
      "false", "fn", "in", "nil", "not", "or", "rescue", "true", "when", "case", "cond", "if",
      "unless", "with", "for", "def", "defp", "defmodule", "defmacro", "defmacrop", "import",
      "alias", "require", "use", "receive", "try", "quote", "unquote");

  /** Keywords longer than this do not exist in any table (longest: 12 characters). */
  private static final int MAX_LEN = 15;

  /**
   * Per language: keywords bucketed by first character (ASCII) and length, index {@code c * (MAX_LEN
   * + 1) + length}, for {@link #find}. Built once, only read afterwards.
   */
  private static final String[][][] BUCKETS = new String[Language.values().length][][];

  static {
    for (Language lang : Language.values()) {
      List<List<String>> buckets = new ArrayList<>();
      for (int b = 0; b < 128 * (MAX_LEN + 1); b++) buckets.add(new ArrayList<>());
      for (String k : of(lang)) {
        if (k.length() > MAX_LEN) throw new IllegalStateException("keyword too long: " + k);
        buckets.get(k.charAt(0) * (MAX_LEN + 1) + k.length()).add(k);
      }
      String[][] table = new String[buckets.size()][];
      for (int b = 0; b < table.length; b++) table[b] = buckets.get(b).toArray(new String[0]);
      BUCKETS[lang.ordinal()] = table;
    }
  }

  /**
   * Finds the keyword spelled by {@code s[from, to)} without copying the text.
   *
   * @param lang the language
   * @param s the source text
   * @param from start index (inclusive), {@code from < to}
   * @param to end index (exclusive)
   * @return the keyword (the interned constant of this class), or null when the text is not one
   */
  static String find(Language lang, String s, int from, int to) {
    char c = s.charAt(from);
    int len = to - from;
    if (c >= 128 || len > MAX_LEN) return null;
    for (String k : BUCKETS[lang.ordinal()][c * (MAX_LEN + 1) + len]) {
      if (same(s, from, k, len)) return k;
    }
    return null;
  }

  /** @return true when {@code s[from, from + len)} equals {@code k} (first characters known equal) */
  private static boolean same(String s, int from, String k, int len) {
    for (int i = 1; i < len; i++) {
      if (s.charAt(from + i) != k.charAt(i)) return false;
    }
    return true;
  }

  static Set<String> of(Language lang) {
    switch (lang) {
      case JAVA: return JAVA;
      case KOTLIN: return KOTLIN;
      case JAVASCRIPT: case TYPESCRIPT: case UNKNOWN: return JS;
      case GO: return GO;
      case CSHARP: return CSHARP;
      case PHP: return PHP;
      case PYTHON: return PYTHON;
      case RUBY: return RUBY;
      case ELIXIR: return ELIXIR;
      default: return JS;
    }
  }
}
