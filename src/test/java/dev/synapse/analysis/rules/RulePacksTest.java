package dev.synapse.analysis.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.analysis.Check;
import dev.synapse.analysis.security.RuleCases;
import dev.synapse.analysis.security.SecurityChecks;
import dev.synapse.analysis.security.SecurityKnowledge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulePacksTest {
  private final PackParser parser = new PackParser(RuleCatalog.bundled());

  private PackException fails(String yaml) {
    return assertThrows(PackException.class, () -> parser.parse("p.yml", yaml));
  }

  @Test
  @DisplayName("every pack file under rules/ is listed in bundled.txt and loads")
  void bundledIndexIsComplete() throws IOException {
    Path root = Path.of("src/main/resources/rules");
    Set<String> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".yml"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.equals("catalog.yml") && !p.startsWith("tests/"))
          .collect(Collectors.toSet());
    }
    assertEquals(files, new HashSet<>(RulePacks.bundledFiles()));
    assertEquals(files.size(), RulePacks.bundled().packs().size());
  }

  @Test
  @DisplayName("a schema violation names the file, the line and the field")
  void schemaErrorHasFileLineField() {
    PackException e = fails("pack: x\nsinks:\n  - names: [run]\n    category: xss\n    arg: second\n");
    assertTrue(e.getMessage().startsWith("p.yml:5: sinks[0].arg: "), e.getMessage());
  }

  @Test
  @DisplayName("an unknown field is refused with its line")
  void unknownField() {
    PackException e = fails("pack: x\nsinks:\n  - names: [run]\n    category: xss\n    recever: [db]\n");
    assertTrue(e.getMessage().startsWith("p.yml:3: sinks[0]: "), e.getMessage());
    assertTrue(e.getMessage().contains("recever"), e.getMessage());
  }

  @Test
  @DisplayName("a category the catalog does not know is refused with its line")
  void unknownCategory() {
    PackException e = fails("pack: x\nsinks:\n  - names: [run]\n    category: sqli\n");
    assertEquals("p.yml:4: sinks[0].category: unknown security category 'sqli' (see rules/catalog.yml)",
        e.getMessage());
  }

  @Test
  @DisplayName("a YAML syntax error names its line")
  void syntaxError() {
    PackException e = fails("pack: x\nsinks:\n  - names: [run\n    category: xss\n");
    assertTrue(e.getMessage().startsWith("p.yml:"), e.getMessage());
    assertTrue(e.getMessage().contains("YAML syntax"), e.getMessage());
  }

  @Test
  @DisplayName("a sink with two argument markers is refused")
  void twoMarkers() {
    PackException e = fails("pack: x\nsinks:\n  - names: [run]\n    category: xss\n    text: html\n    request_only: true\n");
    assertTrue(e.getMessage().contains("at most one of text, request_only, unsafe_form"), e.getMessage());
  }

  @Test
  @DisplayName("an unknown receiver class fails the whole load with the row's line")
  void unknownReceiverClass(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yml"), "pack: a\nsinks:\n  - names: [run]\n    category: xss\n    receiver: ['@nope']\n");
    PackException e = assertThrows(PackException.class,
        () -> new SecurityKnowledge(RulePacks.withUserPacks(List.of(dir))));
    assertTrue(e.getMessage().contains("a.yml:3: receiver: unknown receiver class '@nope'"), e.getMessage());
  }

  @Test
  @DisplayName("a user pack with a bundled pack's id is refused (never half-loads)")
  void duplicatePackId(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yml"), "pack: common\n");
    PackException e = assertThrows(PackException.class, () -> RulePacks.withUserPacks(List.of(dir)));
    assertTrue(e.getMessage().contains("duplicate pack id 'common'"), e.getMessage());
  }

  @Test
  @DisplayName("a missing pack directory is an error naming it")
  void missingDirectory(@TempDir Path dir) {
    PackException e = assertThrows(PackException.class,
        () -> RulePacks.withUserPacks(List.of(dir.resolve("nope"))));
    assertTrue(e.getMessage().contains("no such rule-pack directory"), e.getMessage());
  }

  @Test
  @DisplayName("a user pack can disable a bundled rule by category or by rule id")
  void disable(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("off.yml"), "pack: off\ndisable: [insecure_cookie, SYN-SEC-XSS-001]\n");
    SecurityKnowledge k = new SecurityKnowledge(RulePacks.withUserPacks(List.of(dir)));
    Set<String> cats = SecurityChecks.all(k).stream().map(Check::category).collect(Collectors.toSet());
    assertFalse(cats.contains("insecure_cookie"));
    assertFalse(cats.contains("xss"));
    assertTrue(cats.contains("sql_injection"));
  }

  @Test
  @DisplayName("a user pack adds sinks for a new category as pure data, and its cases run")
  void newCategoryAsData(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("redirect.yml"), """
        pack: flask-redirect
        languages: [python]
        references: [https://flask.palletsprojects.com/en/3.0/api/#flask.redirect]
        sinks:
          - names: [redirect]
            category: open_redirect
            receiver: ["", flask]
        """);
    SecurityKnowledge k = new SecurityKnowledge(RulePacks.withUserPacks(List.of(dir)));
    RuleCases.Result r = new RuleCases(k).run("tests/python/redirect.py", """
        from flask import Flask, redirect, request

        app = Flask(__name__)

        @app.route("/go")
        def go():
            # ruleid: open_redirect
            return redirect(request.args.get("next"))

        @app.route("/home")
        def home():
            # ok: open_redirect
            return redirect("/")
        """);
    assertTrue(r.passed(), r.problems().toString());
    assertEquals(1, r.expected());
    RuleCases.Result without = new RuleCases(SecurityKnowledge.bundled()).run("tests/python/r.py",
        "from flask import redirect, request\ndef go():\n    # ruleid: open_redirect\n    return redirect(request.args.get('n'))\n");
    assertTrue(without.passed(), "the bundled packs (python/external.yml) know Flask redirect()");
  }

  @Test
  @DisplayName("a user pack may change the pattern checks' lists, not the taint engine's, and only lists that exist")
  void userPatternLists() {
    Pack ok = parser.parse("p.yml", "pack: x\npattern_lists:\n  weak_crypto.weak_symbols: [\"!md5\", rc5]\n"
        + "  weak_crypto.tls_verify_switches.ruby: [ssl_verify_mode]\n");
    assertEquals(List.of("!md5", "rc5"), ok.patternLists().get("weak_crypto.weak_symbols"));
    PackException taint = fails("pack: x\npattern_lists:\n  taint.shell_programs: [fish]\n");
    assertTrue(taint.getMessage().startsWith("p.yml:3: pattern_lists.taint.shell_programs: the taint engine's lists"),
        taint.getMessage());
    PackException unknown = fails("pack: x\npattern_lists:\n  weak_crypto.weak_symbolz: [rc5]\n");
    assertTrue(unknown.getMessage().startsWith("p.yml:3: pattern_lists.weak_crypto.weak_symbolz: unknown pattern list"),
        unknown.getMessage());
    PackException badLanguage = fails("pack: x\npattern_lists:\n  weak_crypto.weak_symbols.cobol: [rc5]\n");
    assertTrue(badLanguage.getMessage().startsWith("p.yml:2: pattern_lists: property 'weak_crypto.weak_symbols.cobol'"),
        badLanguage.getMessage());
    PackException noVariants = fails("pack: x\npattern_lists:\n  weak_crypto.random_calls.javascript: [chance.integer]\n");
    assertTrue(noVariants.getMessage().startsWith("p.yml:3: pattern_lists.weak_crypto.random_calls.javascript: the list "
        + "'weak_crypto.random_calls' has no language variants"), noVariants.getMessage());
    assertEquals(List.of("md5", "sha", "md4"),
        SecurityKnowledge.bundled().patternList("weak_crypto.weak_symbols").subList(0, 3));
  }

  @Test
  @DisplayName("case markers count only in comments: { ok: true } in code is not a marker")
  void markersInCommentsOnly() {
    RuleCases.Result r = new RuleCases(SecurityKnowledge.bundled()).run("tests/javascript/x.js", """
        const status = { ok: true };
        // ok: xss
        document.getElementById('a').textContent = status.ok;
        """);
    assertTrue(r.passed(), r.problems().toString());
    assertEquals(1, r.okMarks());
  }

  @Test
  @DisplayName("the catalog has the five new categories with their CWEs and rule ids")
  void newCategories() {
    RuleCatalog c = RuleCatalog.bundled();
    assertEquals("CWE-601", c.category("open_redirect").orElseThrow().cwe());
    assertEquals("CWE-502", c.category("insecure_deserialization").orElseThrow().cwe());
    assertEquals("CWE-611", c.category("xxe").orElseThrow().cwe());
    assertEquals("CWE-918", c.category("ssrf").orElseThrow().cwe());
    assertEquals("CWE-943", c.category("nosql_injection").orElseThrow().cwe());
    assertEquals("ssrf", c.rule("SYN-SEC-SSRF-001").orElseThrow().category());
  }

  @Test
  @DisplayName("an invalid catalog is refused with file:line")
  void badCatalog() {
    PackException e = assertThrows(PackException.class, () -> RuleCatalog.parse("c.yml",
        "catalog: 1\ncategories:\n  - category: x\n    specialist: security\n    name: X\n    description: d\n    rules:\n      - id: bad\n        title: t\n        severity: high\n        recommendation: r\n"));
    assertTrue(e.getMessage().startsWith("c.yml:8: categories[0].rules[0].id: "), e.getMessage());
  }

  @Test
  @DisplayName("a template sink whose pattern is not a regular expression, or has no value group, is refused with its line")
  void badTemplatePattern() {
    PackException e = fails("pack: x\ntemplate_sinks:\n  - files: ['*.html']\n    pattern: '{{ (?<value>x'\n    label: l\n");
    assertTrue(e.getMessage().startsWith("p.yml:4: template_sinks[0].pattern: not a regular expression"), e.getMessage());
    PackException g = fails("pack: x\ntemplate_sinks:\n  - files: ['*.html']\n    pattern: 'safe'\n    label: l\n");
    assertEquals("p.yml:4: template_sinks[0].pattern: the pattern needs a group (?<value>...)", g.getMessage());
  }

  @Test
  @DisplayName("an unknown sink shape is refused by the schema")
  void badShape() {
    PackException e = fails("pack: x\nsinks:\n  - names: [send]\n    category: xss\n    shape: object\n");
    assertTrue(e.getMessage().startsWith("p.yml:5: sinks[0].shape:"), e.getMessage());
  }
  @Test
  @DisplayName("a line pattern whose regular expression does not compile is refused with its line and field")
  void badLinePattern() {
    PackException e = fails("pack: x\nline_patterns:\n  - pattern: 'ok'\n    near_not: '(x'\n    category: csrf\n    label: l\n");
    assertTrue(e.getMessage().startsWith("p.yml:4: line_patterns[0].near_not: not a regular expression"), e.getMessage());
  }

  @Test
  @DisplayName("a user pack's line pattern reports the changed line that matches, not one next to its near_not guard")
  void userLinePattern(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("flag.yml"), """
        pack: feature-flags
        languages: [python]
        line_patterns:
          - pattern: 'VERIFY_SIGNATURES\\s*=\\s*False'
            near_not: 'LOCAL_ONLY\\s*=\\s*True'
            near: 2
            category: csrf
            label: signature checks are off
        """);
    SecurityKnowledge k = new SecurityKnowledge(RulePacks.withUserPacks(List.of(dir)));
    RuleCases.Result r = new RuleCases(k).run("tests/python/settings.py", """
        # ruleid: csrf
        VERIFY_SIGNATURES = False
        TIMEOUT = 30
        RETRIES = 3

        LOCAL_ONLY = True
        # ok: csrf
        VERIFY_SIGNATURES = False
        """);
    assertTrue(r.passed(), r.problems().toString());
    assertEquals(1, r.expected());
  }
}
