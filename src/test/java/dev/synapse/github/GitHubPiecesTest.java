package dev.synapse.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.diff.DiffParser;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pure parts of the integration: config file, limits, line mapping, state, dedupe, signature. */
@DisplayName("GitHub integration pieces")
class GitHubPiecesTest {
  static Finding finding(String file, int line, Severity s, String fp, String summary) {
    return new Finding("weak_crypto", s, file, line, Side.NEW, null, "SYN-SEC-CRYPTO-001", "CWE-328", summary,
        "Use SHA-256", 0.8, fp, "security_specialist");
  }

  @Test
  @DisplayName(".synapse.yml: a valid file is read; unknown keys, wrong types and bad YAML name their line")
  void repoConfig() {
    RepoConfigParser parser = new RepoConfigParser();
    RepoConfig c = parser.parse("fail_on: medium\nignore_paths: ['vendor/**']\ndisable: [n_plus_one]\nmin_confidence: 0.5\ndeep_review_labels: [security]\ndrafts: true\n");
    assertEquals(Severity.MEDIUM, c.failOn());
    assertEquals(Boolean.TRUE, c.drafts());
    assertTrue(c.forcesDeepReview(List.of("Security")));
    List<Finding> kept = c.filter(List.of(finding("vendor/lib/A.java", 1, Severity.HIGH, "a", "x"),
        finding("src/A.java", 1, Severity.HIGH, "b", "x"),
        new Finding("n_plus_one", Severity.LOW, "src/B.java", 2, Side.NEW, null, "SYN-PERF-N1-001", null, "q", "r", 0.9, "c", null),
        new Finding("xss", Severity.LOW, "src/C.java", 2, Side.NEW, null, "SYN-SEC-XSS-001", null, "q", "r", 0.3, "d", null)));
    assertEquals(List.of("b"), kept.stream().map(Finding::fingerprint).toList());
    RepoConfigParser.InvalidConfigException unknown = assertThrows(RepoConfigParser.InvalidConfigException.class,
        () -> parser.parse("fail_on: high\n\nfail_at: low\n"));
    assertEquals(3, unknown.line());
    assertTrue(unknown.getMessage().contains("fail_at"), unknown.getMessage());
    RepoConfigParser.InvalidConfigException type = assertThrows(RepoConfigParser.InvalidConfigException.class,
        () -> parser.parse("ignore_paths:\n  - ok\n  - 7\n"));
    assertEquals(3, type.line(), type.getMessage());
    RepoConfigParser.InvalidConfigException yaml = assertThrows(RepoConfigParser.InvalidConfigException.class,
        () -> parser.parse("fail_on: high\ndisable: [a, b\n"));
    assertTrue(yaml.line() >= 2, yaml.getMessage());
    assertEquals(RepoConfig.DEFAULT, parser.parse(""));
    assertThrows(RepoConfigParser.InvalidConfigException.class, () -> parser.parse("!!java.io.File x\n"));
  }

  @Test
  @DisplayName("check-run text over 65,535 characters is cut with a note counting the findings left out")
  void textLimit() {
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) many.add(finding("src/F" + i + ".java", i + 1, Severity.MEDIUM, "fp" + i, "x".repeat(200)));
    FindingDelta delta = FindingDelta.of(PullRequestState.EMPTY, many, null);
    CheckRunOutput out = CheckRunOutput.of(delta, Severity.HIGH, "r");
    assertTrue(out.text().length() <= CheckRunOutput.MAX_TEXT, "text " + out.text().length());
    assertTrue(out.text().matches("(?s).*… \\d+ findings left out: GitHub limits this text to 65,535 characters.*"));
    assertEquals(2_000, out.annotations().size());
    assertEquals(40, out.batches().size());
    assertTrue(out.batches().stream().allMatch(b -> b.size() <= 50));
    assertEquals("success", out.conclusion());
    assertEquals("failure", CheckRunOutput.of(delta, Severity.MEDIUM, "r").conclusion());
    String comment = SummaryComment.render("a".repeat(40), delta, "success",
        new PullRequestState("a".repeat(40), delta.open(), Set.of(), 0));
    assertTrue(comment.length() <= SummaryComment.MAX_BODY);
    PullRequestState back = PullRequestState.decode(comment);
    assertTrue(back.omitted() > 0, "a state over its budget counts what it left out");
    assertEquals(2_000, back.open().size() + back.omitted());
  }

  @Test
  @DisplayName("a push diff maps old lines to new ones; removed lines and deleted files are fixed")
  void lineMapping() {
    DiffIndex push = new DiffIndex(DiffParser.parse(GitHubTestKit.resource("scenario/push-v1-v2.diff")));
    assertNull(push.map("src/main/java/com/example/UserDao.java", 14), "removed by the push");
    assertEquals(20, push.map("src/main/java/com/example/UserDao.java", 19)[1], "shifted by one added line");
    assertEquals(12, push.map("src/main/java/com/example/UserDao.java", 12)[1], "context line");
    assertEquals(5, push.map("src/Other.java", 5)[1], "untouched file");
    assertTrue(push.lineAt("src/main/java/com/example/Tokens.java", 5, true) != null);
    assertNull(push.lineAt("src/main/java/com/example/Tokens.java", 8, true));
  }

  @Test
  @DisplayName("the hidden state survives a round trip, and '--' in a finding cannot end the HTML comment")
  void stateRoundTrip() {
    Finding f = finding("a--b.java", 3, Severity.HIGH, "fp1", "dash -- dash --> end");
    PullRequestState s = new PullRequestState("c".repeat(40), List.of(f), Set.of("fp1"), 0);
    String encoded = s.encode();
    assertFalse(encoded.substring(4, encoded.length() - 3).contains("--"));
    PullRequestState back = PullRequestState.decode("text\n" + encoded);
    assertEquals("a--b.java", back.open().get(0).file());
    assertEquals("dash -- dash --> end", back.open().get(0).summary());
    assertEquals(Set.of("fp1"), back.commented());
    assertEquals(PullRequestState.EMPTY, PullRequestState.decode("<!-- synapse:state {broken -->"));
  }

  @Test
  @DisplayName("local delivery log: a redelivery within the TTL is a duplicate; expired and over-cap ids are forgotten")
  void localDeliveryLog() {
    long[] now = {0};
    LocalDeliveryLog log = new LocalDeliveryLog(1_000, 3, () -> now[0]);
    assertTrue(log.firstSeen("a").result());
    assertFalse(log.firstSeen("a").result());
    now[0] = 1_000;
    assertTrue(log.firstSeen("a").result(), "expired after the TTL");
    log.firstSeen("b");
    log.firstSeen("c");
    log.firstSeen("d");
    assertEquals(3, log.size());
    assertTrue(log.firstSeen("a").result(), "the oldest id was dropped at the cap");
  }

  @Test
  @DisplayName("review ids: derived from repository, number and head; a name that would pass 128 characters is hashed")
  void reviewIds() {
    String sha = "a".repeat(40);
    assertEquals("github:octo/hello#7:" + sha, ReviewIds.of("octo", "hello", 7, sha));
    String longName = "r".repeat(100);
    String hashed = ReviewIds.of("octo", longName, 7, sha);
    assertTrue(hashed.matches("github:[0-9a-f]{16}#7:" + sha), hashed);
    assertEquals(hashed, ReviewIds.of("octo", longName, 7, sha));
  }

  @Test
  @DisplayName("suggestions only for rules with a safe one-line replacement")
  void suggestions() {
    Finding md5 = finding("A.java", 1, Severity.MEDIUM, "x", "s");
    assertEquals("md = MessageDigest.getInstance(\"SHA-256\");", Suggestions.replacement(md5, "md = MessageDigest.getInstance(\"MD5\");"));
    assertEquals("h = hashlib.sha256(data)", Suggestions.replacement(md5, "h = hashlib.md5(data)"));
    Finding sqli = new Finding("sql_injection", Severity.HIGH, "A.java", 1, Side.NEW, null, "SYN-SEC-SQLI-001", null, "s", "r", 1, "y", null);
    assertNull(Suggestions.replacement(sqli, "q = \"SELECT \" + x;"));
    assertNull(Suggestions.replacement(md5, "no hash here"));
  }

  @Test
  @DisplayName("webhook signature: constant-time HMAC-SHA256 over the exact bytes, sha256= prefix only")
  void signature() {
    WebhookSignature s = new WebhookSignature("It's a Secret to Everybody");
    // GitHub's documented example ("Validating webhook deliveries")
    assertEquals("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        s.sign("Hello, World!".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertTrue(s.matches("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "Hello, World!".getBytes()));
    assertFalse(s.matches("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "Hello, World! ".getBytes()));
    assertFalse(s.matches(null, new byte[0]));
    assertFalse(s.matches("sha256=zz", new byte[0]));
  }
}
