package dev.synapse.analysis.lang;

/**
 * One lexical token.
 *
 * @param kind the kind
 * @param text identifier/keyword/operator text; for {@link TokenKind#STRING} the literal content
 *     without quotes (escapes kept as written); for comments the full comment
 * @param line 1-based line (in the file side the token was lexed from) where the token starts
 * @param endLine line where the token ends (differs for multi-line strings and comments)
 * @param prefix for strings: the opening form, e.g. {@code "}, {@code '}, {@code `}, {@code """},
 *     {@code f"}, {@code ~H}, {@code <<~}, {@code html} (PHP inline HTML), {@code regex}; else ""
 * @param flags bit set of {@code F_*} constants
 */
public record Token(TokenKind kind, String text, int line, int endLine, String prefix, int flags) {
  /** The string fragment belongs to a literal that has interpolated expressions. */
  public static final int F_INTERPOLATED = 1;
  /** The string is a tagged template ({@code sql`...`}): interpolations are bound, not text. */
  public static final int F_TAGGED = 2;
  /** The string runs a shell command (Ruby/PHP/Perl-style backticks, Ruby {@code %x()}). */
  public static final int F_COMMAND = 4;
  /** The token lies inside an interpolation of a tagged template. */
  public static final int F_IN_TAGGED = 8;
  /** The identifier was preceded by whitespace or line start (used for Ruby command calls). */
  public static final int F_SPACE_BEFORE = 16;
  /** The token is the first token on its line. */
  public static final int F_LINE_START = 32;

  /** @return true when kind is {@code k} */
  public boolean is(TokenKind k) {
    return kind == k;
  }

  /** @return true for an operator token with exactly this text */
  public boolean op(String s) {
    return kind == TokenKind.OPERATOR && text.equals(s);
  }

  /** @return true for an identifier or keyword with exactly this text */
  public boolean word(String s) {
    return (kind == TokenKind.IDENTIFIER || kind == TokenKind.KEYWORD) && text.equals(s);
  }

  /** @return true when the flag is set */
  public boolean has(int flag) {
    return (flags & flag) != 0;
  }
}
