package dev.synapse.analysis.security;

import dev.synapse.signal.Severity;

/**
 * The security rules: one per category, with its id, CWE, severity (the documented table in
 * docs/rules-security.md) and the bit used for data-flow masks. Immutable.
 */
public enum Rule {
  SQL_INJECTION("sql_injection", "SYN-SEC-SQLI-001", "CWE-89", Severity.HIGH,
      "Untrusted input reaches SQL text",
      "Use bound parameters / prepared statements (placeholders such as ?, $1, :name) or the "
          + "query builder's parameter API; allow-list identifiers such as sort columns."),
  XSS("xss", "SYN-SEC-XSS-001", "CWE-79", Severity.MEDIUM,
      "Untrusted input is written into HTML without encoding",
      "Let the template engine escape the value, or encode it for the HTML context "
          + "(e.g. htmlspecialchars, HtmlUtils.htmlEscape, html.escape); use textContent "
          + "instead of innerHTML; never mark untrusted text as safe/raw."),
  AUTH_BYPASS("auth_bypass", "SYN-SEC-AUTH-001", "CWE-285", Severity.HIGH,
      "An authentication or authorization control is removed or weakened",
      "Keep the guard (annotation, middleware, before_action, plug, policy check) or move it to "
          + "a place that still covers every route; verify tokens' signatures."),
  COMMAND_INJECTION("command_injection", "SYN-SEC-CMDI-001", "CWE-78", Severity.HIGH,
      "Untrusted input reaches a shell command",
      "Call the program with an argument array and no shell (ProcessBuilder list, execFile, "
          + "subprocess.run([...]), exec.Command(prog, args...)); never build a shell string "
          + "from input."),
  PATH_TRAVERSAL("path_traversal", "SYN-SEC-PATH-001", "CWE-22", Severity.HIGH,
      "Untrusted input selects a file-system path",
      "Reduce the name to its base name or canonicalise the joined path and check that it "
          + "still starts with the intended root directory before opening it."),
  HARDCODED_SECRET("hardcoded_secret", "SYN-SEC-SECRET-001", "CWE-798", Severity.HIGH,
      "A credential is hard-coded in source",
      "Load the secret from the environment or a secret manager at run time and rotate the "
          + "exposed value."),
  WEAK_CRYPTO("weak_crypto", "SYN-SEC-CRYPTO-001", "CWE-327", Severity.MEDIUM,
      "Weak or broken cryptography",
      "Use SHA-256 or better for integrity, bcrypt/scrypt/Argon2 for passwords, AES-GCM or "
          + "ChaCha20-Poly1305 for encryption, a CSPRNG (SecureRandom, secrets, crypto.randomBytes, "
          + "crypto/rand) for security values, and keep TLS certificate verification on."),
  LDAP_INJECTION("ldap_injection", "SYN-SEC-LDAP-001", "CWE-90", Severity.HIGH,
      "Untrusted input reaches an LDAP filter",
      "Escape filter values (e.g. ESAPI encodeForLDAP, ldap.filter.escape_filter_chars, "
          + "ldap_escape) or use the directory API's parameterised filters."),
  XPATH_INJECTION("xpath_injection", "SYN-SEC-XPATH-001", "CWE-643", Severity.MEDIUM,
      "Untrusted input reaches an XPath expression",
      "Use XPath variables (XPathVariableResolver / $var bindings) or strictly validate the "
          + "value before building the expression."),
  CODE_INJECTION("code_injection", "SYN-SEC-CODE-001", "CWE-94", Severity.HIGH,
      "Untrusted input is evaluated as code",
      "Never evaluate input; map allowed inputs to functions explicitly or parse data with a "
          + "data-only parser (JSON, ast.literal_eval)."),
  INSECURE_COOKIE("insecure_cookie", "SYN-SEC-COOKIE-001", "CWE-614", Severity.LOW,
      "A cookie is set without the Secure or HttpOnly attribute",
      "Set Secure and HttpOnly (and SameSite) on cookies, always for session and "
          + "authentication cookies."),
  TRUST_BOUNDARY("trust_boundary", "SYN-SEC-TRUST-001", "CWE-501", Severity.LOW,
      "Untrusted input is stored in the session (a trusted store)",
      "Validate the value against an allow-list before storing it in the session, or keep "
          + "untrusted data out of trusted stores.");

  private final String category;
  private final String ruleId;
  private final String cwe;
  private final Severity severity;
  private final String title;
  private final String recommendation;

  Rule(String category, String ruleId, String cwe, Severity severity, String title,
      String recommendation) {
    this.category = category;
    this.ruleId = ruleId;
    this.cwe = cwe;
    this.severity = severity;
    this.title = title;
    this.recommendation = recommendation;
  }

  /** @return the category id (DESIGN.md 1) */
  public String category() {
    return category;
  }

  /** @return the stable rule id */
  public String ruleId() {
    return ruleId;
  }

  /** @return the primary CWE id */
  public String cwe() {
    return cwe;
  }

  /** @return the severity from the rules table */
  public Severity severity() {
    return severity;
  }

  /** @return a one-line title used to start summaries */
  public String title() {
    return title;
  }

  /** @return the default recommendation */
  public String recommendation() {
    return recommendation;
  }

  /** @return the data-flow mask bit of this rule */
  public int bit() {
    return 1 << ordinal();
  }

  /** Mask of every data-flow category (all rules). */
  public static final int ALL = (1 << 12) - 1;
}
