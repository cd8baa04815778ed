package dev.synapse.analysis.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TokTest {

  private static List<String> texts(String code, SourceLanguage lang) {
    List<String> out = new java.util.ArrayList<>();
    for (Tok t : Toks.of(code, lang)) out.add(t.text());
    return out;
  }

  @Test
  @DisplayName("three-character operators win over their two-character prefixes")
  void longestOperator() {
    assertEquals(List.of("a", "===", "b", "!==", "c", "<<<", "d", "?->", "e", "...", "f"),
        texts("a === b !== c <<< d ?-> e ... f", SourceLanguage.PHP));
  }

  @Test
  @DisplayName("two-character operators are single tokens and other punctuation is one character each")
  void twoCharacterOperators() {
    assertEquals(List.of("x", "?.", "y", "??", "z", "->", "w", "=>", "v", "::", "u", "|>", "t", ">>", "s", ">", ">", "r"),
        texts("x?.y ?? z->w => v::u |> t >> s > > r", SourceLanguage.JAVASCRIPT));
  }

  @Test
  @DisplayName("columns and surrounding whitespace are recorded per token")
  void columnsAndSpaces() {
    Toks t = Toks.of("  a(b) ? c", SourceLanguage.JAVA);
    assertEquals(2, t.get(0).col());
    assertTrue(t.get(0).spaceBefore());
    assertFalse(t.get(0).spaceAfter());
    Tok q = t.get(4);
    assertEquals("?", q.text());
    assertTrue(q.spaceBefore() && q.spaceAfter());
  }

  @Test
  @DisplayName("Ruby identifiers keep a trailing ? or ! unless it starts an operator")
  void rubySuffixes() {
    assertEquals(List.of("empty?", "save!", "a", "!=", "b"), texts("empty? save! a != b", SourceLanguage.RUBY));
  }

  @Test
  @DisplayName("non-ASCII letters are identifier characters and other non-ASCII characters are tokens of their own")
  void nonAscii() {
    assertEquals(List.of("größe", "=", "café", "€"), texts("größe = café €", SourceLanguage.JAVA));
  }

  @Test
  @DisplayName("numbers keep decimal points followed by a digit")
  void numbers() {
    assertEquals(List.of("x", "=", "1.5", ".", "y", "+", "10_000"), texts("x = 1.5.y + 10_000", SourceLanguage.KOTLIN));
  }

  @Test
  @DisplayName("index accessors compare a token's characters with a string without making its text")
  void inPlaceComparison() {
    Toks t = Toks.of("for (x of xs) { go(); }", SourceLanguage.JAVASCRIPT);
    assertTrue(t.is(0, "for"));
    assertFalse(t.is(0, "fo"));
    assertFalse(t.is(0, "foreach"));
    assertTrue(t.ident(2) && t.is(2, "x"));
    assertEquals('(', t.single(1));
    assertEquals(0, t.depthSum());
  }

  @Test
  @DisplayName("a token index past the last token is rejected even where the packed array has room")
  void indexPastLastToken() {
    Toks t = Toks.of("a b", SourceLanguage.JAVA);
    assertEquals(2, t.size());
    org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> t.is(2, "c"));
    org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> t.get(2));
  }
}
