package dev.synapse.analysis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of the documentation produced from the rule catalog: the severity tables of
 * docs/rules-security.md and docs/rules-performance.md and the rules list of the README. Each
 * part lives between {@code <!-- catalog:NAME -->} and {@code <!-- /catalog:NAME -->} markers;
 * {@link #regenerate} rewrites them. Stateless.
 */
public final class RulesMarkdown {
  private RulesMarkdown() {}

  /** @return the security rules table (category, rule id, CWE, severity, fast path) */
  public static String securityTable(RuleCatalog catalog) {
    StringBuilder b = new StringBuilder("| category | rule id | CWE | severity | fast path |\n|---|---|---|---|---|\n");
    for (RuleCatalog.Category c : catalog.securityCategories()) {
      RuleCatalog.RuleEntry r = c.rule();
      b.append("| `").append(c.category()).append("` | ").append(r.id()).append(" | ")
          .append(cwe(r.cwe(), c.alsoCwe())).append(" | ").append(r.severity()).append(" | ")
          .append(r.severity().equals("high") ? "yes" : "no").append(" |\n");
    }
    return b.toString();
  }

  /** @return the performance rules table (rule id, category, CWE, severity, confidence) */
  public static String performanceTable(RuleCatalog catalog) {
    StringBuilder b = new StringBuilder("| rule id | category | CWE | severity | confidence |\n|---|---|---|---|---|\n");
    for (RuleCatalog.Category c : catalog.categories()) {
      if (c.security()) continue;
      for (RuleCatalog.RuleEntry r : c.rules()) {
        b.append("| `").append(r.id()).append("` | `").append(c.category()).append('`')
            .append(r.scope() == null ? "" : " (" + r.scope() + ")").append(" | ")
            .append(r.cwe() == null ? "—" : r.cwe() + (r.alsoCwe().isEmpty() ? "" : " (" + String.join(", ", r.alsoCwe()) + ")"))
            .append(" | ").append(r.severityNote() != null ? r.severityNote() : "**" + r.severity() + "**")
            .append(" | ").append(r.confidenceNote() == null ? "" : r.confidenceNote()).append(" |\n");
      }
    }
    return b.toString();
  }

  /** @return the README's rules paragraph (security and performance categories with CWEs) */
  public static String readmeList(RuleCatalog catalog) {
    List<String> sec = new ArrayList<>();
    List<String> perf = new ArrayList<>();
    for (RuleCatalog.Category c : catalog.categories()) {
      List<String> cwes = new ArrayList<>();
      if (c.cwe() != null) cwes.add(c.cwe());
      for (String a : c.alsoCwe()) cwes.add(a.substring(4));
      String paren = cwes.isEmpty() ? "" : String.join("/", cwes);
      if (c.readmeNote() != null) paren = paren.isEmpty() ? c.readmeNote() : paren + "; " + c.readmeNote();
      String item = "`" + c.category() + "`" + (paren.isEmpty() ? "" : " (" + paren + ")");
      (c.security() ? sec : perf).add(item);
    }
    return wrap("Security (security specialist): " + String.join(", ", sec) + ". Performance "
        + "(performance specialist): " + String.join(", ", perf) + ". Languages: Java, Kotlin, "
        + "Python, JavaScript, TypeScript, Go, Ruby, PHP, Elixir, C#. Every category, rule id, "
        + "CWE, severity and text is defined once in `src/main/resources/rules/catalog.yml` "
        + "([docs/rule-packs.md](docs/rule-packs.md)).") + "\n";
  }

  private static String cwe(String cwe, List<String> also) {
    if (also.isEmpty()) return cwe;
    List<String> n = new ArrayList<>();
    for (String a : also) n.add(a.substring(4));
    return cwe + " (also " + String.join(", ", n) + ")";
  }

  private static String wrap(String text) {
    StringBuilder out = new StringBuilder();
    int col = 0;
    for (String w : text.split(" ")) {
      if (col > 0 && col + 1 + w.length() > 100) {
        out.append('\n');
        col = 0;
      } else if (col > 0) {
        out.append(' ');
        col++;
      }
      out.append(w);
      col += w.length();
    }
    return out.toString();
  }

  /**
   * @param doc a document with {@code <!-- catalog:NAME -->} ... {@code <!-- /catalog:NAME -->}
   *     blocks ({@code security-table}, {@code performance-table}, {@code readme-list})
   * @param catalog the catalog
   * @return the document with every block's content regenerated
   * @throws IllegalArgumentException for an unknown block name or a block without end marker
   */
  public static String regenerate(String doc, RuleCatalog catalog) {
    StringBuilder out = new StringBuilder();
    int pos = 0;
    while (true) {
      int start = doc.indexOf("<!-- catalog:", pos);
      if (start < 0) break;
      int nameEnd = doc.indexOf(" -->", start);
      String name = doc.substring(start + "<!-- catalog:".length(), nameEnd);
      String endMarker = "<!-- /catalog:" + name + " -->";
      int end = doc.indexOf(endMarker, nameEnd);
      if (end < 0) throw new IllegalArgumentException("no " + endMarker);
      String body = switch (name.toLowerCase(Locale.ROOT)) {
        case "security-table" -> securityTable(catalog);
        case "performance-table" -> performanceTable(catalog);
        case "readme-list" -> readmeList(catalog);
        default -> throw new IllegalArgumentException("unknown catalog block " + name);
      };
      out.append(doc, pos, nameEnd + 4).append('\n').append(body);
      pos = end;
      out.append(endMarker);
      pos = end + endMarker.length();
    }
    out.append(doc.substring(pos));
    return out.toString();
  }
}
