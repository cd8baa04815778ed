package dev.synapse.analysis.security;

import static dev.synapse.analysis.security.SecurityTestDiffs.newFile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.rules.RulePacks;
import dev.synapse.diff.Diff;
import dev.synapse.signal.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User packs extend and shrink the pattern checks' lists (pattern_lists, docs/rule-packs.md). */
class UserPatternListsTest {
  @TempDir Path dir;

  private SecurityKnowledge withPack(String yaml) throws IOException {
    Files.writeString(dir.resolve("user.yml"), yaml);
    return new SecurityKnowledge(RulePacks.withUserPacks(List.of(dir)));
  }

  private static List<Integer> lines(SecurityKnowledge k, Diff diff, String category) {
    AnalysisContext ctx = new AnalysisContext(diff, List.of(), null);
    List<Integer> out = new ArrayList<>();
    for (Check c : SecurityChecks.all(k)) {
      if (!c.category().equals(category)) continue;
      for (Finding f : c.run(ctx)) out.add(f.line());
    }
    return out;
  }

  @Test
  @DisplayName("a user pack adds a TLS switch whose name holds none of the bundled trigger words")
  void addedSwitchIsFound() throws IOException {
    Diff diff = newFile("client.js", "const agent = new Agent({ skipCertCheck: true });\n");
    assertEquals(List.of(), lines(SecurityKnowledge.bundled(), diff, "weak_crypto"));
    SecurityKnowledge k = withPack("pack: acme\npattern_lists:\n  weak_crypto.tls_insecure_switches: [skipCertCheck]\n");
    assertEquals(List.of(1), lines(k, diff, "weak_crypto"));
  }

  @Test
  @DisplayName("a user pack adds a generator whose receiver and name hold no trigger word: receiver.name rows are looked for")
  void addedGeneratorIsFound() throws IOException {
    Diff diff = newFile("invite.js", "function inviteToken() {\n  return chance.integer({ min: 0 });\n}\n");
    assertEquals(List.of(), lines(SecurityKnowledge.bundled(), diff, "weak_crypto"));
    SecurityKnowledge k = withPack("pack: acme\npattern_lists:\n  weak_crypto.random_calls: [chance.integer]\n");
    assertEquals(List.of(2), lines(k, diff, "weak_crypto"));
  }

  @Test
  @DisplayName("a user pack extends a per-language list to a new language: Rack's set_cookie in Ruby")
  void listForAnotherLanguage() throws IOException {
    Diff diff = newFile("app.rb", "response.set_cookie(\"session_id\", value)\n");
    assertEquals(List.of(), lines(SecurityKnowledge.bundled(), diff, "insecure_cookie"));
    SecurityKnowledge k = withPack("pack: acme\npattern_lists:\n  insecure_cookie.setters.ruby: [set_cookie]\n");
    assertEquals(List.of(1), lines(k, diff, "insecure_cookie"));
  }

  @Test
  @DisplayName("a user pack removes a word with !word and empties a list with !*")
  void removedWordsAreNotUsed() throws IOException {
    Diff diff = newFile("auth.py", "def store(password):\n    return hashlib.md5(password.encode()).hexdigest()\n");
    assertEquals(List.of(2), lines(SecurityKnowledge.bundled(), diff, "weak_crypto"));
    assertEquals(List.of(), lines(withPack("pack: acme\npattern_lists:\n  weak_crypto.hash_call_receivers: [\"!hashlib\"]\n"),
        diff, "weak_crypto"));
    assertEquals(List.of(), lines(withPack("pack: acme\npattern_lists:\n  weak_crypto.weak_hash_calls: [\"!*\"]\n"),
        diff, "weak_crypto"));
    assertEquals(List.of(2), lines(withPack("pack: acme\npattern_lists:\n  weak_crypto.weak_hash_calls: [\"!*\", md5]\n"),
        diff, "weak_crypto"));
  }
}
