package dev.synapse.analysis.performance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WordSetTest {

  @Test
  @DisplayName("every member is found, including a fresh copy of its text")
  void members() {
    WordSet s = WordSet.of("each", "map", "->", "?.", "x");
    for (String w : new String[] {"each", "map", "->", "?.", "x"}) assertTrue(s.contains(new String(w.toCharArray())), w);
  }

  @Test
  @DisplayName("words sharing length and first and last characters with a member are not members")
  void sameBucketNonMembers() {
    WordSet s = WordSet.of("each", "map");
    assertFalse(s.contains("etch"));
    assertFalse(s.contains("mop"));
    assertFalse(s.contains("Each"));
  }

  @Test
  @DisplayName("null and the empty string are never members")
  void nullAndEmpty() {
    WordSet s = WordSet.of("a");
    assertFalse(s.contains((String) null));
    assertFalse(s.contains(""));
  }

  @Test
  @DisplayName("with() keeps the old members and adds the new ones")
  void with() {
    WordSet s = WordSet.of("for").with("while");
    assertTrue(s.contains("for"));
    assertTrue(s.contains("while"));
    assertFalse(s.contains("if"));
  }

  @Test
  @DisplayName("an empty word is rejected")
  void emptyWordRejected() {
    assertThrows(IllegalArgumentException.class, () -> WordSet.of(""));
  }
}
