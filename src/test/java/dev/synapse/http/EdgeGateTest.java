package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("EdgeGate request-line and header checks")
class EdgeGateTest {
  @Test
  @DisplayName("plain paths and queries, well-formed escapes and escaped UTF-8 decode")
  void decodes() {
    assertTrue(EdgeGate.decodes("/api/reviews/abc-1"));
    assertTrue(EdgeGate.decodes("wait=30&labels=security,perf"));
    assertTrue(EdgeGate.decodes("repo=org%2Fname&q=%C3%A9t%C3%A9"));
    assertTrue(EdgeGate.decodes(""));
    assertTrue(EdgeGate.decodes(null));
  }

  @Test
  @DisplayName("a truncated or non-hex escape, or escapes that are not UTF-8, do not decode")
  void doesNotDecode() {
    assertFalse(EdgeGate.decodes("wait=%"));
    assertFalse(EdgeGate.decodes("wait=%4"));
    assertFalse(EdgeGate.decodes("repo=%ZZ"));
    assertFalse(EdgeGate.decodes("/api/reviews/%ZZ"));
    assertFalse(EdgeGate.decodes("limit=%E0%A4"));
    assertFalse(EdgeGate.decodes("x=%FF%FE"));
  }

  @Test
  @DisplayName("a Content-Type without charset, or with a supported one, passes; an empty, unknown or illegal charset does not")
  void charsets() {
    assertNull(EdgeGate.charsetProblem(null));
    assertNull(EdgeGate.charsetProblem("text/x-diff"));
    assertNull(EdgeGate.charsetProblem("application/json; charset=UTF-8"));
    assertNull(EdgeGate.charsetProblem("text/plain;charset=\"iso-8859-1\""));
    assertNotNull(EdgeGate.charsetProblem("text/x-diff;charset="));
    assertNotNull(EdgeGate.charsetProblem("text/x-diff; charset=no-such-charset"));
    assertNotNull(EdgeGate.charsetProblem("text/x-diff; charset=\"\""));
    assertNotNull(EdgeGate.charsetProblem("text/x-diff; charset=bad name!"));
  }
}
