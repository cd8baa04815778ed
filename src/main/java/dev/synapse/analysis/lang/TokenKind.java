package dev.synapse.analysis.lang;

/** Kinds of lexical tokens produced by {@link Lexer}. */
public enum TokenKind {
  /** A name: variable, function, type, PHP {@code $var}, Ruby {@code @ivar}. */
  IDENTIFIER,
  /** A reserved word of the language. */
  KEYWORD,
  /**
   * Literal text of a string, or one literal fragment of an interpolated string (then the
   * interpolated expressions follow as tokens between {@link #INTERP_START} and {@link
   * #INTERP_END}).
   */
  STRING,
  /** Ruby/Elixir symbol or atom, text without the colon. */
  SYMBOL,
  /** A numeric (or character) literal. */
  NUMBER,
  /** Operator or punctuation. */
  OPERATOR,
  /** A comment; text includes the comment markers. */
  COMMENT,
  /** Start of an interpolated expression inside a string ({@code #{}, ${}, {}, $x}). */
  INTERP_START,
  /** End of an interpolated expression. */
  INTERP_END
}
