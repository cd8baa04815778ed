package dev.synapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code synapse review --format sarif}. */
class ReviewCommandSarifTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream oldOut;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
  }

  @Test
  @DisplayName("--format sarif prints a SARIF 2.1.0 log that validates against the schema")
  void printsSarif(@TempDir Path dir) throws Exception {
    Path diff = dir.resolve("change.diff");
    Files.writeString(diff, """
        diff --git a/src/a.py b/src/a.py
        --- a/src/a.py
        +++ b/src/a.py
        @@ -1 +1 @@
        -x = 1
        +x = 2
        """);
    assertEquals(0, Main.commandLine().execute("review", diff.toString(), "--format", "sarif"));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals("2.1.0", new JsonObject(text).getString("version"));
    try (InputStream in = getClass().getResourceAsStream("/sarif-schema-2.1.0.json")) {
      assertTrue(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in)
          .validate(text, InputFormat.JSON).isEmpty());
    }
  }
}
