package dev.synapse.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The node-wide bound on large diffs held by unfinished reviews. */
class LargeDiffAdmissionTest {
  @Test
  @DisplayName("large diffs are admitted while their weight (2 bytes per character) fits; small ones always")
  void boundsLargeDiffs() {
    LargeDiffAdmission a = new LargeDiffAdmission(250, 10, 60_000);
    assertTrue(a.tryAdmit("a", 100));
    assertEquals(200, a.used());
    assertFalse(a.tryAdmit("b", 100), "200 + 200 > 250");
    assertTrue(a.tryAdmit("small", 9), "under minChars: not counted");
    assertEquals(200, a.used());
    assertTrue(a.tryAdmit("a", 100), "the same id again is not counted twice");
    assertEquals(200, a.used());
    a.release("a");
    assertEquals(0, a.used());
    assertTrue(a.tryAdmit("b", 100));
  }

  @Test
  @DisplayName("one diff larger than the capacity is admitted when nothing else is held, then runs alone")
  void oversizedRunsAlone() {
    LargeDiffAdmission a = new LargeDiffAdmission(100, 10, 60_000);
    assertTrue(a.tryAdmit("huge", 1_000));
    assertTrue(a.holds("huge"));
    assertFalse(a.tryAdmit("next", 10));
    a.release("huge");
    assertFalse(a.holds("huge"));
    assertTrue(a.tryAdmit("next", 10));
  }

  @Test
  @DisplayName("an admission whose summary never arrives expires after the hold time")
  void expires() throws Exception {
    LargeDiffAdmission a = new LargeDiffAdmission(100, 10, 1);
    assertTrue(a.tryAdmit("lost", 40));
    Thread.sleep(20);
    assertEquals(0, a.used());
    assertTrue(a.tryAdmit("next", 40));
  }

  @Test
  @DisplayName("a body admitted under a token moves to its review id, or gives its weight back when the id holds one")
  void rename() {
    LargeDiffAdmission a = new LargeDiffAdmission(1_000, 10, 60_000);
    assertTrue(a.tryAdmit("body:1", 100));
    a.rename("body:1", "r1");
    assertTrue(a.holds("r1"));
    assertFalse(a.holds("body:1"));
    assertEquals(200, a.used());
    assertTrue(a.tryAdmit("body:2", 100));
    a.rename("body:2", "r1");
    assertEquals(200, a.used(), "r1 is counted once");
  }

  @Test
  @DisplayName("once decoded, a Latin-1 diff weighs one byte per character and frees the rest for others")
  void reweigh() {
    LargeDiffAdmission a = new LargeDiffAdmission(300, 10, 60_000);
    assertTrue(a.tryAdmit("r1", 100));
    assertFalse(a.tryAdmit("r2", 100), "200 + 200 > 300 while r1 weighs two bytes per character");
    a.reweigh("r1", 100, true);
    assertEquals(100, a.used());
    assertTrue(a.tryAdmit("r2", 100));
    a.reweigh("r2", 100, false);
    assertEquals(300, a.used());
    assertTrue(LargeDiffAdmission.latin1("caf\u00e9 +x"));
    assertFalse(LargeDiffAdmission.latin1("\u6f22\u5b57"));
  }
}
