package dev.synapse.bus;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TypePatternTest {

  @Test
  @DisplayName("an exact pattern matches only its own type")
  void exact() {
    TypePattern p = TypePattern.of("review.summary");
    assertTrue(p.matches("review.summary"));
    assertFalse(p.matches("review.result"));
    assertFalse(p.matches("review.summary.x"));
  }

  @Test
  @DisplayName("'*' matches exactly one segment")
  void singleSegment() {
    TypePattern p = TypePattern.of("review.*");
    assertTrue(p.matches("review.result"));
    assertFalse(p.matches("review"));
    assertFalse(p.matches("review.a.b"));
    assertFalse(p.matches("other.result"));
  }

  @Test
  @DisplayName("'**' matches any depth, including none")
  void anyDepth() {
    TypePattern p = TypePattern.of("review.**");
    assertTrue(p.matches("review.result"));
    assertTrue(p.matches("review.a.b.c"));
    assertTrue(p.matches("review"));
    assertFalse(p.matches("reviews.x"));
    assertTrue(TypePattern.of("**").matches("anything.at.all"));
    assertTrue(TypePattern.of("**.summary").matches("review.summary"));
    assertFalse(TypePattern.of("**.summary").matches("review.result"));
  }

  @Test
  @DisplayName("malformed patterns are refused with a message")
  void malformed() {
    assertThrows(IllegalArgumentException.class, () -> TypePattern.of(""));
    assertThrows(IllegalArgumentException.class, () -> TypePattern.of("review..x"));
    assertThrows(IllegalArgumentException.class, () -> TypePattern.of("rev*"));
    assertThrows(IllegalArgumentException.class, () -> TypePattern.of(null));
  }
}
