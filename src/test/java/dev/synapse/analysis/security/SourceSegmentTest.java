package dev.synapse.analysis.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.analysis.lang.Language;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SourceSegmentTest {
  /** Paths {@link SecurityKnowledge#source} accepts, one or more per rule it applies. */
  private static final List<Object[]> SOURCES = List.of(
      new Object[] {"$_get[id]", Language.PHP},
      new Object[] {"argv", Language.RUBY},
      new Object[] {"sys.argv", Language.PYTHON},
      new Object[] {"os.args", Language.GO},
      new Object[] {"process.argv", Language.JAVASCRIPT},
      new Object[] {"flag.arg()", Language.GO},
      new Object[] {"params.id", Language.RUBY},
      new Object[] {"conn.params", Language.ELIXIR},
      new Object[] {"input()", Language.PYTHON},
      new Object[] {"document.location.hash", Language.JAVASCRIPT},
      new Object[] {"r.url.query()", Language.GO},
      new Object[] {"mux.vars(r)", Language.GO},
      new Object[] {"req.query.id", Language.JAVASCRIPT},
      new Object[] {"ctx.request.body", Language.JAVASCRIPT},
      new Object[] {"req.raw.body", Language.JAVASCRIPT},
      new Object[] {"myrequest.body", Language.JAVASCRIPT},
      new Object[] {"event.body", Language.JAVASCRIPT},
      new Object[] {"x.getparameter()", Language.JAVA},
      new Object[] {"msg.payload", Language.JAVASCRIPT},
      new Object[] {"record.value", Language.JAVA},
      new Object[] {"httpcontext.request.query", Language.CSHARP});

  @Test
  @DisplayName("Every source path has a segment that passes the source pre-test")
  void everySourceHasATriggerSegment() {
    for (Object[] c : SOURCES) {
      String path = (String) c[0];
      assertTrue(SecurityKnowledge.bundled().source(path, (Language) c[1]) > 0, path + " is a source");
      boolean any = false;
      for (String seg : path.split("\\.")) any |= SecurityKnowledge.bundled().maySourceSegment(seg);
      assertTrue(any, path + " passes the pre-test");
    }
  }

  @Test
  @DisplayName("A path of ordinary names is no source and fails the pre-test")
  void ordinaryPathFails() {
    assertEquals(0.0, SecurityKnowledge.bundled().source("data.get()", Language.JAVA));
    assertTrue(!SecurityKnowledge.bundled().maySourceSegment("data") && !SecurityKnowledge.bundled().maySourceSegment("get"));
  }

  @Test
  @DisplayName("Literal classification finds SQL words in any case and ignores longer words")
  void sqlWords() {
    int strong = TextClass.classify("select name FROM users where id = ");
    assertEquals(Value.T_SQL | Value.T_SQL_STRONG, strong & (Value.T_SQL | Value.T_SQL_STRONG));
    assertEquals(0, TextClass.classify("selection of fromage") & Value.T_SQL);
    assertEquals(0, TextClass.classify("Order_by") & Value.T_SQL, "order_by is one word, not ORDER BY");
    assertEquals(Value.T_SQL | Value.T_SQL_STRONG,
        TextClass.classify("x ORDER BY ") & (Value.T_SQL | Value.T_SQL_STRONG));
  }
}
