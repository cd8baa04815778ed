package dev.synapse.analysis.performance;

/**
 * One token of a masked line, as a view of its {@link Toks}: an identifier, number, operator or
 * single punctuation character, with its column and whether whitespace surrounds it. Cheap to
 * make (two fields); every accessor reads the line's tokens in place.
 *
 * @param toks the tokens of the line
 * @param index the token's index in {@code toks}
 */
record Tok(Toks toks, int index) {
  /**
   * Characters of a line that are tokenised. Longer lines are minified or generated code; the
   * performance checks look only at their start, which keeps pathological input cheap.
   */
  static final int MAX_CHARS = 10_000;

  /** @return the token text (made on first use, then cached by the line) */
  String text() {
    return toks.text(index);
  }

  /** @return 0-based column of the first character */
  int col() {
    return toks.col(index);
  }

  /** @return true when whitespace (or the line start) precedes the token */
  boolean spaceBefore() {
    return toks.spaceBefore(index);
  }

  /** @return true when whitespace (or the line end) follows the token */
  boolean spaceAfter() {
    return toks.spaceAfter(index);
  }

  /** @return true when the token starts with a letter, underscore or {@code $} */
  boolean ident() {
    return toks.ident(index);
  }

  /** @return true when the token's text equals {@code s}, compared in place */
  boolean is(String s) {
    return toks.is(index, s);
  }

  /** @return the character of a one-character token (punctuation, or a one-letter name), else 0 */
  char single() {
    return toks.single(index);
  }

  /** @return +1 for an opening {@code ( [ {}, -1 for a closing {@code ) ] }}, else 0 */
  int depthDelta() {
    return toks.depthDelta(index);
  }

  @Override
  public String toString() {
    return text();
  }
}
