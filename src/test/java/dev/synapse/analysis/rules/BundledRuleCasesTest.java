package dev.synapse.analysis.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.synapse.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code synapse rules test} over the bundled example cases, so {@code mvn verify} runs them. */
class BundledRuleCasesTest {
  @Test
  @DisplayName("every bundled ruleid: / ok: example case holds")
  void bundledCasesPass() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    CommandLine cl = Main.commandLine();
    java.io.PrintStream old = System.out;
    int code;
    try (java.io.PrintStream ps = new java.io.PrintStream(buf, true, StandardCharsets.UTF_8)) {
      System.setOut(ps);
      cl.setOut(new PrintWriter(ps, true));
      code = cl.execute("rules", "test", "src/main/resources/rules");
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    System.out.print(out);
    assertEquals(0, code, out);
  }
}
