package dev.synapse.analysis.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.analysis.Check;
import dev.synapse.analysis.Checks;
import dev.synapse.signal.Severity;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RuleTableTest {

  @Test
  @DisplayName("the security registry has one check per security category of the design")
  void registry() {
    Set<String> cats = Checks.security().stream().map(Check::category).collect(Collectors.toSet());
    assertEquals(Set.of("sql_injection", "xss", "auth_bypass", "command_injection", "path_traversal",
        "hardcoded_secret", "weak_crypto", "ldap_injection", "xpath_injection", "code_injection",
        "insecure_cookie", "trust_boundary", "open_redirect", "insecure_deserialization", "xxe",
        "ssrf", "nosql_injection", "csrf"), cats);
  }

  @Test
  @DisplayName("the fast path runs every security check at every severity and no performance check")
  void fastPath() {
    Set<String> fast = Checks.fastPath().stream().map(Check::category).collect(Collectors.toSet());
    for (Rule r : Rule.values()) assertTrue(fast.contains(r.category()), r.category());
    Set<String> perf = Checks.performance().stream().map(Check::category).collect(Collectors.toSet());
    for (String p : perf) assertTrue(!fast.contains(p), p);
  }

  @Test
  @DisplayName("rule ids are unique and every rule names a CWE")
  void ruleIds() {
    assertEquals(Rule.values().length,
        java.util.Arrays.stream(Rule.values()).map(Rule::ruleId).distinct().count());
    for (Rule r : Rule.values()) assertTrue(r.cwe().startsWith("CWE-"), r.name());
  }
}
