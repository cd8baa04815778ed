package dev.synapse.analysis.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WordTableTest {

  private static final WordTable PLAIN = new WordTable(false, "current_user", 1, "md", 2, "key", 4);
  private static final WordTable LOOSE = new WordTable(true, "current_user", 1, "md", 2, "key", 4);

  @Test
  @DisplayName("A plain table finds its words ignoring ASCII case, and only those present")
  void plainIgnoresCase() {
    assertEquals(1 | 2, PLAIN.scan("x = Current_User.find(MD5)"));
    assertEquals(0, PLAIN.scan("currentUser.find(id)"));
  }

  @Test
  @DisplayName("A loose table also ignores the separators _ - . in text and words")
  void looseIgnoresSeparators() {
    assertEquals(1, LOOSE.scan("currentUser.find(id)"));
    assertEquals(4, LOOSE.scan("api.k_e-y = x"));
  }

  @Test
  @DisplayName("Text with a character outside ASCII is reported as such")
  void reportsNonAscii() {
    assertEquals(WordTable.NON_ASCII, PLAIN.scan("caf\u00e9"));
  }

  @Test
  @DisplayName("A word at the very end of the text is found")
  void wordAtEnd() {
    assertEquals(2, PLAIN.scan("hash = md"));
    assertEquals(4, LOOSE.scan("monKEY"));
  }
}
