package dev.synapse.analysis.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CodeMaskerTest {

  @Test
  @DisplayName("string contents and comments are blanked in place, quotes stay")
  void blanksLiteralsAndComments() {
    CodeMasker m = new CodeMasker(SourceLanguage.JAVA);
    assertEquals("x = \"      \"; ", new String(m.maskChars("x = \"if (a)\"; ")));
    assertTrue(m.lastChanged());
    assertEquals("y = 1;          ", m.mask("y = 1; // for it"));
  }

  @Test
  @DisplayName("a line without literals or comments is reported unchanged")
  void plainLineUnchanged() {
    CodeMasker m = new CodeMasker(SourceLanguage.PYTHON);
    assertEquals("for x in xs:", new String(m.maskChars("for x in xs:")));
    assertFalse(m.lastChanged());
  }

  @Test
  @DisplayName("an open block comment carries to the next line, and copyState carries it to another masker")
  void stateCarriesAndCopies() {
    CodeMasker a = new CodeMasker(SourceLanguage.JAVA);
    CodeMasker b = new CodeMasker(SourceLanguage.JAVA);
    assertTrue(a.sameState(b));
    a.mask("int x; /* start");
    assertFalse(a.sameState(b));
    b.copyState(a);
    assertTrue(a.sameState(b));
    assertEquals("         x();", b.mask("still */ x();"));
  }
}
