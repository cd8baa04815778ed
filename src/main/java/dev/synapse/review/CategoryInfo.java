package dev.synapse.review;

import java.util.Map;

/**
 * Human-facing description of each finding category (DESIGN.md section 1), used to describe
 * rules in SARIF and reports. Pure data; thread-safe.
 *
 * @param id category id, e.g. {@code sql_injection}
 * @param title short title, e.g. "SQL injection"
 * @param description one or two sentences on the weakness
 * @param security true for security categories (SARIF {@code security-severity} applies)
 * @param defaultCwe CWE id used when a finding carries none (e.g. {@code CWE-89}), or null
 */
public record CategoryInfo(String id, String title, String description, boolean security, String defaultCwe) {

  private static final Map<String, CategoryInfo> ALL = Map.ofEntries(
      sec("sql_injection", "SQL injection", "Untrusted input is concatenated into an SQL statement instead of being bound as a parameter (OWASP A03:2021).", "CWE-89"),
      sec("xss", "Cross-site scripting", "Untrusted input reaches HTML output or the DOM without contextual encoding (OWASP A03:2021).", "CWE-79"),
      sec("auth_bypass", "Authentication or authorization bypass", "An access-control check is removed, weakened or skipped (OWASP A01:2021).", "CWE-285"),
      sec("command_injection", "OS command injection", "Untrusted input reaches a shell or process invocation (OWASP A03:2021).", "CWE-78"),
      sec("path_traversal", "Path traversal", "Untrusted input builds a file-system path without normalisation and containment checks.", "CWE-22"),
      sec("hardcoded_secret", "Hard-coded secret", "A credential, key or token is written into source code.", "CWE-798"),
      sec("weak_crypto", "Weak cryptography", "A broken or risky algorithm, mode or random source is used (OWASP A02:2021).", "CWE-327"),
      sec("ldap_injection", "LDAP injection", "Untrusted input is concatenated into an LDAP filter or DN.", "CWE-90"),
      sec("xpath_injection", "XPath injection", "Untrusted input is concatenated into an XPath expression.", "CWE-643"),
      sec("code_injection", "Code injection", "Untrusted input is evaluated as code (eval, dynamic compilation, template injection).", "CWE-94"),
      sec("insecure_cookie", "Insecure cookie", "A session or sensitive cookie lacks the Secure, HttpOnly or SameSite attribute.", "CWE-614"),
      sec("trust_boundary", "Trust boundary violation", "Untrusted data is stored in a trusted context (session, security context) without validation.", "CWE-501"),
      perf("high_complexity", "High complexity", "A changed function has high cyclomatic or nesting complexity, which hides defects and slows review.", "CWE-1121"),
      perf("memory_hotspot", "Memory hotspot", "The change allocates in a loop or grows an unbounded collection, risking memory pressure.", "CWE-770"),
      perf("n_plus_one", "N+1 queries", "A query or remote call runs once per element of a loop instead of in one batch.", "CWE-1073"),
      perf("hot_path_modified", "Hot path modified", "The change touches a function declared hot in metadata.hot_functions; benchmark before merging.", null));

  private static Map.Entry<String, CategoryInfo> sec(String id, String title, String d, String cwe) {
    return Map.entry(id, new CategoryInfo(id, title, d, true, cwe));
  }

  private static Map.Entry<String, CategoryInfo> perf(String id, String title, String d, String cwe) {
    return Map.entry(id, new CategoryInfo(id, title, d, false, cwe));
  }

  /**
   * @param category a category id (unknown ids are described generically, never null)
   * @return the description of the category
   */
  public static CategoryInfo of(String category) {
    CategoryInfo info = ALL.get(category);
    if (info != null) return info;
    String id = category == null ? "unknown" : category;
    return new CategoryInfo(id, id.replace('_', ' '), "Finding of category " + id + ".", false, null);
  }
}
