package dev.synapse.analysis.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules tables of docs/rules-*.md and the README's rules list are produced from
 * rules/catalog.yml: this test regenerates them and fails on drift;
 * {@code -Drules.docs.update=true} rewrites the files.
 */
class RulesDocsTest {
  private static final List<Path> DOCS = List.of(Path.of("docs/rules-security.md"),
      Path.of("docs/rules-performance.md"), Path.of("README.md"));

  @Test
  @DisplayName("the rules tables and the README rules list match the catalog")
  void docsMatchTheCatalog() throws IOException {
    for (Path p : DOCS) {
      String doc = Files.readString(p, StandardCharsets.UTF_8);
      String regenerated = RulesMarkdown.regenerate(doc, RuleCatalog.bundled());
      if (Boolean.getBoolean("rules.docs.update")) {
        Files.writeString(p, regenerated, StandardCharsets.UTF_8);
        continue;
      }
      assertEquals(regenerated, doc, p + " drifted from rules/catalog.yml: rerun with -Drules.docs.update=true");
    }
  }
}
