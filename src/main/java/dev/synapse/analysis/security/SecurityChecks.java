package dev.synapse.analysis.security;

import dev.synapse.analysis.Check;
import java.util.ArrayList;
import java.util.List;

/** The security specialist's checks, one per security category of the rule catalog. */
public final class SecurityChecks {
  private SecurityChecks() {}

  /** @return every security check over the bundled rule packs, in catalog order */
  public static List<Check> all() {
    return all(SecurityKnowledge.bundled());
  }

  /**
   * @param knowledge compiled rule packs (bundled plus user packs)
   * @return every security check not disabled by a pack, in catalog order; checks are stateless
   *     and shareable
   */
  public static List<Check> all(SecurityKnowledge knowledge) {
    List<Check> out = new ArrayList<>();
    PatternWords words = PatternWords.of(knowledge);
    for (Rule r : Rule.values()) if (knowledge.enabled(r)) out.add(forRule(r, knowledge, words));
    return List.copyOf(out);
  }

  private static Check forRule(Rule r, SecurityKnowledge knowledge, PatternWords words) {
    switch (r) {
      case AUTH_BYPASS: return new AuthBypassCheck(knowledge, words);
      case HARDCODED_SECRET: return new HardcodedSecretCheck(words);
      case WEAK_CRYPTO: return new WeakCryptoCheck(words);
      case INSECURE_COOKIE: return new InsecureCookieCheck(words);
      default: return new InjectionCheck(r, knowledge);
    }
  }
}
