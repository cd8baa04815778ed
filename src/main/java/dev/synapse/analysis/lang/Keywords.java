package dev.synapse.analysis.lang;

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

  /** Slots of each language's open-addressing table (a power of two, over twice the largest set). */
  private static final int SLOTS = 256;

  /**
   * Per language: keywords in an open-addressing table indexed by their {@link String#hashCode}
   * (mixed, linear probing), for {@link #find}; {@link #HASHES} and {@link #CHARS} hold each slot's
   * hash and characters so a lookup touches no String until it matches. Built once, only read
   * afterwards.
   */
  private static final String[][] TABLES = new String[Language.values().length][];
  private static final int[][] HASHES = new int[Language.values().length][];
  private static final char[][][] CHARS = new char[Language.values().length][][];

  static {
    for (Language lang : Language.values()) {
      String[] table = new String[SLOTS];
      int[] hashes = new int[SLOTS];
      char[][] chars = new char[SLOTS][];
      for (String k : of(lang)) {
        int i = slot(k.hashCode());
        while (table[i] != null) i = (i + 1) & (SLOTS - 1);
        table[i] = k;
        hashes[i] = k.hashCode();
        chars[i] = k.toCharArray();
      }
      TABLES[lang.ordinal()] = table;
      HASHES[lang.ordinal()] = hashes;
      CHARS[lang.ordinal()] = chars;
    }
  }

  private static int slot(int hash) {
    return (hash ^ (hash >>> 7) ^ (hash >>> 15)) & (SLOTS - 1);
  }

  /**
   * Finds the keyword spelled by {@code s[from, to)} without copying the text.
   *
   * @param lang the language
   * @param s the source text
   * @param from start index (inclusive), {@code from < to}
   * @param to end index (exclusive)
   * @param hash the {@link String#hashCode} of {@code s[from, to)} (the caller computes it once)
   * @return the keyword (the interned constant of this class), or null when the text is not one
   */
  static String find(Language lang, char[] s, int from, int to, int hash) {
    int l = lang.ordinal();
    char[][] chars = CHARS[l];
    int[] hashes = HASHES[l];
    for (int i = slot(hash); ; i = (i + 1) & (SLOTS - 1)) {
      char[] k = chars[i];
      if (k == null) return null;
      if (hashes[i] == hash && same(s, from, to, k)) return TABLES[l][i];
    }
  }

  /** @return true when {@code s[from, to)} equals {@code k} */
  private static boolean same(char[] s, int from, int to, char[] k) {
    if (to - from != k.length) return false;
    for (int i = 0; i < k.length; i++) {
      if (s[from + i] != k[i]) return false;
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
