package dev.synapse.analysis.performance;

import static dev.synapse.analysis.performance.PerfTestSupport.diff;
import static dev.synapse.analysis.performance.PerfTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import dev.synapse.signal.Side;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HotPathModifiedCheckTest {
  private final HotPathModifiedCheck check = new HotPathModifiedCheck();

  private static final String GO = diff("internal/cart/checkout.go", 10,
      " func Checkout(c *Cart) error {",
      " \ttotal := c.Total()",
      "+\tlog.Printf(\"total %d\", total)",
      " \treturn charge(total)",
      " }",
      " ",
      " func Other() {",
      " }");

  @Test
  @DisplayName("a changed hot function is reported on its declaration line")
  void reportedOnDeclaration() {
    List<Finding> f = run(check, GO, List.of("Checkout"));
    assertEquals(1, f.size());
    assertEquals(10, f.get(0).line());
    assertEquals(Side.NEW, f.get(0).side());
    assertEquals(Severity.MEDIUM, f.get(0).severity());
    assertEquals("hot_path_modified", f.get(0).type());
  }

  @Test
  @DisplayName("without metadata.hot_functions nothing is reported")
  void noMetadata() {
    assertTrue(run(check, GO, List.of()).isEmpty());
  }

  @Test
  @DisplayName("an unchanged hot function is not reported")
  void unchangedHotFunction() {
    assertTrue(run(check, GO, List.of("Other")).isEmpty());
  }

  @Test
  @DisplayName("qualified names match by simple name when the qualifier fits the file")
  void qualified() {
    assertEquals(1, run(check, GO, List.of("cart.Checkout")).size());
    assertTrue(run(check, GO, List.of("billing.Checkout")).isEmpty());
  }

  @Test
  @DisplayName("a hot function whose lines are only removed is reported with low severity")
  void removalOnly() {
    String d = diff("app/orders.py", 3,
        " def checkout(cart):",
        "-    audit(cart)",
        "     return charge(cart)");
    List<Finding> f = run(check, d, List.of("orders.checkout"));
    assertEquals(1, f.size());
    assertEquals(3, f.get(0).line());
    assertEquals(Severity.LOW, f.get(0).severity());
  }

  @Test
  @DisplayName("when the hunk starts inside the hot function, its first changed line is reported")
  void hunkInsideFunction() {
    String d = "diff --git a/lib/o.ex b/lib/o.ex\n--- a/lib/o.ex\n+++ b/lib/o.ex\n"
        + "@@ -20,3 +20,4 @@ def checkout(cart) do\n"
        + "     total = total(cart)\n"
        + "+    Logger.info(\"t\")\n"
        + "     charge(total)\n"
        + "   end\n";
    List<Finding> f = run(check, d, List.of("MyApp.O.checkout/1"));
    assertEquals(1, f.size());
    assertEquals(21, f.get(0).line());
  }
}
