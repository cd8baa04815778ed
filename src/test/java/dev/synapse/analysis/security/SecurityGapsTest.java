package dev.synapse.analysis.security;

import static dev.synapse.analysis.security.SecurityTestDiffs.lines;
import static dev.synapse.analysis.security.SecurityTestDiffs.newFile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Gaps found by a held-out corpus: each behaviour has a vulnerable and a safe case. */
class SecurityGapsTest {

  @Test
  @DisplayName("JS: a name destructured from req.query is untrusted")
  void jsDestructuredQuery() {
    String src = """
        router.get('/s', (req, res) => {
          const { q } = req.query;
          const html = `<p>Results for <b>${q}</b></p>`;
          res.send(html);
        });
        """;
    assertEquals(List.of(3), lines(newFile("s.js", src), "xss"));
  }

  @Test
  @DisplayName("JS: a name destructured from a constant object is not untrusted")
  void jsDestructuredConstant() {
    String src = """
        router.get('/s', (req, res) => {
          const { q } = CONFIG;
          const html = `<p>Results for <b>${q}</b></p>`;
          res.send(html);
        });
        """;
    assertEquals(List.of(), lines(newFile("s.js", src), "xss"));
  }

  @Test
  @DisplayName("JS: names destructured from req.body and nested req.params are untrusted")
  void jsDestructuredBodyAndNested() {
    String src = """
        function h(req, res) {
          const { name, id } = req.body;
          let pid;
          ({ params: { id: pid } } = req);
          db.query("SELECT * FROM u WHERE n = '" + name + "'");
          db.query("SELECT * FROM u WHERE p = " + pid);
        }
        """;
    assertEquals(List.of(5, 6), lines(newFile("h.js", src), "sql_injection"));
  }
}
