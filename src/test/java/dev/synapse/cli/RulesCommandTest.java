package dev.synapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code synapse rules list | validate | test} and {@code --rules} on {@code review}. */
class RulesCommandTest {
  private static final String REDIRECT_PACK = """
      pack: acme-redirect
      description: a team's own web helper (acme_web.send_to answers a redirect to its argument)
      languages: [python]
      references: [https://flask.palletsprojects.com/en/3.0/api/#flask.redirect]
      sinks:
        - names: [send_to]
          category: open_redirect
          receiver: ["", acme_web]
      """;
  private static final String REDIRECT_CASE = """
      from flask import request
      from acme_web import send_to


      def go():
          # ruleid: open_redirect
          return send_to(request.args.get("next"))
      """;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  private int run(String... args) {
    return Main.commandLine().execute(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("rules validate accepts a good pack and reports a bad one as file:line: field: message with exit 1")
  void validate(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("good.yml");
    Files.writeString(good, REDIRECT_PACK);
    assertEquals(0, run("rules", "validate", good.toString()), out() + err);
    assertTrue(out().contains("ok: " + good), out());
    Path bad = dir.resolve("bad.yml");
    Files.writeString(bad, "pack: bad\nsinks:\n  - names: [x]\n    category: xss\n    arg: second\n");
    assertEquals(RulesCommand.EXIT_FAILED, run("rules", "validate", bad.toString()));
    assertTrue(out().contains(bad + ":5: sinks[0].arg: "), out());
    Path bundled = Path.of("src/main/resources/rules/python/core.yml");
    assertEquals(0, run("rules", "validate", bundled.toString(), "src/main/resources/rules/patterns.yml"), out());
    assertTrue(out().contains("ok: " + bundled), out());
    Path lists = dir.resolve("lists.yml");
    Files.writeString(lists, "pack: acme-patterns\npattern_lists:\n  weak_crypto.tls_insecure_switches: [skipCertCheck]\n"
        + "  insecure_cookie.setters.ruby: [set_cookie]\n");
    assertEquals(0, run("rules", "validate", lists.toString()), out() + err);
    assertTrue(out().contains("ok: " + lists + " (pack acme-patterns: 0 sinks, 0 sanitisers, 0 sources, 2 pattern lists)"),
        out());
    Path taint = dir.resolve("taint.yml");
    Files.writeString(taint, "pack: acme-taint\npattern_lists:\n  taint.shell_programs: [fish]\n");
    assertEquals(RulesCommand.EXIT_FAILED, run("rules", "validate", taint.toString()));
    assertTrue(out().contains(taint + ":3: pattern_lists.taint.shell_programs: the taint engine's lists"), out());
  }

  @Test
  @DisplayName("rules list shows every catalog rule, the packs, and rules a pack disabled")
  void list(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("off.yml"), "pack: off\ndisable: [insecure_cookie]\n");
    assertEquals(0, run("rules", "list", "--rules", dir.toString()), err.toString());
    assertTrue(out().contains("SYN-SEC-SSRF-001"), out());
    assertTrue(out().contains("SYN-PERF-N1-002"), out());
    assertTrue(out().lines().anyMatch(l -> l.startsWith("SYN-SEC-COOKIE-001") && l.endsWith("[disabled]")), out());
    assertTrue(out().contains("python-core"), out());
  }

  @Test
  @DisplayName("rules test runs a directory's own packs and cases and fails on a missed ruleid:")
  void test(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("redirect.yml"), REDIRECT_PACK);
    Files.createDirectories(dir.resolve("tests/python"));
    Files.writeString(dir.resolve("tests/python/go.py"), REDIRECT_CASE);
    assertEquals(0, run("rules", "test", dir.toString()), out());
    assertTrue(out().contains("1 case files, 0 failed"), out());
    Files.delete(dir.resolve("redirect.yml"));
    assertEquals(RulesCommand.EXIT_FAILED, run("rules", "test", dir.toString()));
    assertTrue(out().contains("missed open_redirect"), out());
  }

  @Test
  @DisplayName("SYNAPSE_RULE_PACKS names pack directories; a bad pack there fails start-up with the key and file:line")
  void rulePacksFromTheEnvironment(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("redirect.yml"), REDIRECT_PACK);
    var config = dev.synapse.config.ConfigLoader.load(dir.resolve("none.json"),
        java.util.Map.of("SYNAPSE_RULE_PACKS", dir.toString()), null);
    assertEquals(java.util.List.of(dir), config.rulePacks());
    var k = dev.synapse.node.SynapseNode.knowledge(config);
    assertTrue(k.packs().packs().stream().anyMatch(p -> p.id().equals("acme-redirect")));
    Files.writeString(dir.resolve("zbad.yml"), "pack: zbad\nsinks: 7\n");
    var e = org.junit.jupiter.api.Assertions.assertThrows(dev.synapse.config.ConfigException.class,
        () -> dev.synapse.node.SynapseNode.knowledge(config));
    assertTrue(e.getMessage().contains("rule_packs") && e.getMessage().contains("zbad.yml:2: sinks: "), e.getMessage());
  }

  @Test
  @DisplayName("start --rules with a bad pack stops before anything starts, with file:line and exit 2")
  void startWithBadPack(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("x.yml"), "pack: x\nsinks:\n  - names: [x]\n    category: nope\n");
    assertEquals(Main.EXIT_USAGE, run("start", "--rules", dir.toString()));
    assertTrue(err.toString().contains("x.yml:4: sinks[0].category: unknown security category 'nope'"), err.toString());
  }

  @Test
  @DisplayName("review finds .synapse/rules in the working directory or a parent, up to the repository root")
  void repositoryRules(@TempDir Path dir) throws Exception {
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo.resolve(".git"));
    Files.createDirectories(repo.resolve(".synapse/rules"));
    Path sub = Files.createDirectories(repo.resolve("src/app"));
    assertEquals(repo.resolve(".synapse/rules"), RulesOptions.repositoryRules(sub));
    assertEquals(repo.resolve(".synapse/rules"), RulesOptions.repositoryRules(repo));
    Files.createDirectories(dir.resolve(".synapse/rules"));
    Path other = Files.createDirectories(dir.resolve("other/.git").getParent().resolve("x"));
    Files.createDirectories(dir.resolve("other/.git"));
    assertEquals(null, RulesOptions.repositoryRules(other), "the search stops at the repository root");
  }

  @Test
  @DisplayName("review --rules adds a pack's sinks; a bad pack stops the review with file:line and exit 2")
  void reviewWithRules(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("redirect.yml"), REDIRECT_PACK);
    StringBuilder diff = new StringBuilder("diff --git a/app.py b/app.py\nnew file mode 100644\n--- /dev/null\n+++ b/app.py\n");
    String[] lines = REDIRECT_CASE.split("\n");
    diff.append("@@ -0,0 +1,").append(lines.length).append(" @@\n");
    for (String l : lines) diff.append('+').append(l).append('\n');
    Path change = dir.resolve("change.diff");
    Files.writeString(change, diff.toString());
    assertEquals(0, run("review", change.toString(), "--label", "security", "--format", "json",
        "--rules", dir.toString()), err.toString());
    JsonObject summary = new JsonObject(out());
    assertEquals("open_redirect", summary.getJsonArray("findings").getJsonObject(0).getString("type"));
    assertEquals("CWE-601", summary.getJsonArray("findings").getJsonObject(0).getString("cwe"));

    Path badDir = dir.resolve("bad");
    Files.createDirectories(badDir);
    Files.writeString(badDir.resolve("x.yml"), "pack: x\nsinks:\n  - names: [x]\n    category: nope\n");
    assertEquals(Main.EXIT_USAGE, run("review", change.toString(), "--rules", badDir.toString()));
    assertTrue(err.toString().contains("x.yml:4: sinks[0].category: unknown security category 'nope'"), err.toString());
  }
}
