package dev.synapse.review;

import dev.synapse.analysis.rules.RuleCatalog;

/**
 * Human-facing description of each finding category, used to describe rules in SARIF and
 * reports: a view of the rule catalog ({@code rules/catalog.yml}, {@link RuleCatalog}). Pure data;
 * thread-safe.
 *
 * @param id category id, e.g. {@code sql_injection}
 * @param title short title, e.g. "SQL injection"
 * @param description one or two sentences on the weakness
 * @param security true for security categories (SARIF {@code security-severity} applies)
 * @param defaultCwe CWE id used when a finding carries none (e.g. {@code CWE-89}), or null
 */
public record CategoryInfo(String id, String title, String description, boolean security, String defaultCwe) {

  /**
   * @param category a category id (unknown ids are described generically, never null)
   * @return the description of the category
   */
  public static CategoryInfo of(String category) {
    RuleCatalog.Category c = RuleCatalog.bundled().category(category).orElse(null);
    if (c != null) return new CategoryInfo(c.category(), c.name(), c.description(), c.security(), c.cwe());
    String id = category == null ? "unknown" : category;
    return new CategoryInfo(id, id.replace('_', ' '), "Finding of category " + id + ".", false, null);
  }
}
