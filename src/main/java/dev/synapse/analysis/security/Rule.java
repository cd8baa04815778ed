package dev.synapse.analysis.security;

import dev.synapse.analysis.rules.RuleCatalog;
import dev.synapse.signal.Severity;
import java.util.List;
import java.util.Locale;

/**
 * The security rules as the engine names them: one constant per security category of the rule
 * catalog ({@code rules/catalog.yml}), which holds every text and number (rule id, CWE, severity,
 * title, recommendation). The constants are the catalog's security categories in catalog order:
 * a constant's position, and so its data-flow bit ({@link #bit()}), is its category's position in
 * the catalog; class initialisation fails when the two lists differ. Immutable.
 */
public enum Rule {
  SQL_INJECTION, XSS, AUTH_BYPASS, COMMAND_INJECTION, PATH_TRAVERSAL, HARDCODED_SECRET, WEAK_CRYPTO,
  LDAP_INJECTION, XPATH_INJECTION, CODE_INJECTION, INSECURE_COOKIE, TRUST_BOUNDARY, OPEN_REDIRECT,
  INSECURE_DESERIALIZATION, XXE, SSRF, NOSQL_INJECTION, CSRF;

  /** {@link #name()} in lower case, computed once: asked per rule, file and candidate. */
  private final String category = name().toLowerCase(Locale.ROOT);

  /** Mask of every security category (all rules): the taint of a fresh source. */
  public static final int ALL;

  /** The catalog entries by ordinal. */
  private static final RuleCatalog.Category[] ENTRIES;

  static {
    List<RuleCatalog.Category> cats = RuleCatalog.bundled().securityCategories();
    Rule[] rules = values();
    if (cats.size() != rules.length) {
      throw new IllegalStateException("rules/catalog.yml has " + cats.size()
          + " security categories, the engine knows " + rules.length);
    }
    int all = 0;
    for (int i = 0; i < rules.length; i++) {
      if (!cats.get(i).category().equals(rules[i].category())) {
        throw new IllegalStateException("rules/catalog.yml: security category " + (i + 1) + " is "
            + cats.get(i).category() + ", expected " + rules[i].category());
      }
      all |= 1 << i;
    }
    ALL = all;
    ENTRIES = cats.toArray(new RuleCatalog.Category[0]);
  }

  private RuleCatalog.Category entry() {
    return ENTRIES[ordinal()];
  }

  /** @return the category id (DESIGN.md 1), e.g. {@code sql_injection} */
  public String category() {
    return category;
  }

  /** @return the stable rule id from the catalog */
  public String ruleId() {
    return entry().rule().id();
  }

  /** @return the primary CWE id from the catalog */
  public String cwe() {
    return entry().rule().cwe();
  }

  /** @return the default severity from the catalog */
  public Severity severity() {
    return Severity.valueOf(entry().rule().severity().toUpperCase(Locale.ROOT));
  }

  /** @return a one-line title used to start summaries */
  public String title() {
    return entry().rule().title();
  }

  /** @return the default recommendation */
  public String recommendation() {
    return entry().rule().recommendation();
  }

  /** @return what tainted data flows into for this category ("SQL text"), or null */
  public String sinkDescription() {
    return entry().sinkDescription();
  }

  /** @return the data-flow mask bit of this rule: 1 shifted by its catalog position */
  public int bit() {
    return 1 << ordinal();
  }

  /**
   * @param category a category id
   * @return the rule of that security category, or null
   */
  public static Rule of(String category) {
    for (Rule r : values()) if (r.category().equals(category)) return r;
    return null;
  }
}
