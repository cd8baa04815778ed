package dev.synapse.analysis.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.synapse.diff.DiffParser;
import dev.synapse.signal.Side;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The masked lines the performance checks read: one lexing, shared with the security checks. */
class SourceViewMaskTest {

  private static SourceView view(String path, String... lines) {
    StringBuilder sb = new StringBuilder("diff --git a/" + path + " b/" + path
        + "\nnew file mode 100644\n--- /dev/null\n+++ b/" + path + "\n@@ -0,0 +1," + lines.length + " @@\n");
    for (String l : lines) sb.append('+').append(l).append('\n');
    return SourceView.of(DiffParser.parse(sb.toString()).files().get(0), Side.NEW);
  }

  @Test
  @DisplayName("string contents and comments are blanked in place; quotes and code stay")
  void blanksLiteralsAndComments() {
    SourceView v = view("A.java", "x = \"if (a)\"; ", "y = 1; // for it");
    assertEquals("x = \"      \"; ", v.maskedLine(1));
    assertEquals("y = 1;          ", v.maskedLine(2));
    assertEquals(List.of("x = \"      \"; ", "y = 1;          "), v.maskedLines(0));
  }

  @Test
  @DisplayName("a block comment spanning lines is blanked on every line it covers")
  void blockComment() {
    SourceView v = view("A.java", "int x; /* start", "still */ x();");
    assertEquals("int x;         ", v.maskedLine(1));
    assertEquals("         x();", v.maskedLine(2));
  }

  @Test
  @DisplayName("a line without literals or comments is its own masked form; an unseen line gives null")
  void plainLine() {
    SourceView v = view("a.py", "for x in xs:");
    assertEquals("for x in xs:", v.maskedLine(1));
    assertNull(v.maskedLine(7));
  }

  @Test
  @DisplayName("a Ruby heredoc body is blanked, the code around it is not")
  void heredoc() {
    SourceView v = view("a.rb", "sql = <<~SQL", "  SELECT * FROM users", "SQL", "run(sql)");
    assertEquals(" ".repeat(21), v.maskedLine(2));
    assertEquals("run(sql)", v.maskedLine(4));
  }

  @Test
  @DisplayName("PHP: inline HTML is not code, the PHP inside <?= ?> is")
  void phpTemplate() {
    SourceView v = view("t.php", "<?php $title = 'Search'; ?>", "<p class=\"x\"><?= h($name, 'UTF-8') ?></p>");
    assertEquals("<?php $title = '      '; ?>", v.maskedLine(1));
    assertEquals("             <?= h($name, '     ') ?>    ", v.maskedLine(2));
  }

  @Test
  @DisplayName("Elixir: a ~s() sigil holding quotes and an interpolation ends on its line (the old masker ran on)")
  void elixirSigil() {
    SourceView v = view("a.ex", "    |> put_resp_header(\"cd\", ~s(attachment; filename=\"#{name}\"))",
        "    |> send_file(200, path)");
    assertEquals("    |> send_file(200, path)", v.maskedLine(2));
  }

  @Test
  @DisplayName("a single line is masked on its own with SourceView.masked (hunk section headers)")
  void singleLine() {
    assertEquals("def run(x)   ", SourceView.masked("def run(x) # ", Language.PYTHON));
    assertEquals("void f() {         ", SourceView.masked("void f() { // note", Language.JAVA) + " ");
  }
}
