package dev.synapse.analysis.security;

import dev.synapse.analysis.Check;
import dev.synapse.signal.Severity;
import java.util.ArrayList;
import java.util.List;

/** The security specialist's checks, one per category of DESIGN.md 1. */
public final class SecurityChecks {
  private SecurityChecks() {}

  /** @return every security check, in category order; checks are stateless and shareable */
  public static List<Check> all() {
    List<Check> out = new ArrayList<>();
    for (Rule r : Rule.values()) out.add(forRule(r));
    return List.copyOf(out);
  }

  /** @return the checks whose rule severity is high (the fast-path set) */
  public static List<Check> highSeverity() {
    List<Check> out = new ArrayList<>();
    for (Rule r : Rule.values()) if (r.severity() == Severity.HIGH) out.add(forRule(r));
    return List.copyOf(out);
  }

  private static Check forRule(Rule r) {
    switch (r) {
      case AUTH_BYPASS: return new AuthBypassCheck();
      case HARDCODED_SECRET: return new HardcodedSecretCheck();
      case WEAK_CRYPTO: return new WeakCryptoCheck();
      case INSECURE_COOKIE: return new InsecureCookieCheck();
      default: return new InjectionCheck(r);
    }
  }
}
