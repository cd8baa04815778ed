package dev.synapse.analysis.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rule catalog ({@code rules/catalog.yml}): every category with its rules (id, title, CWE,
 * default severity, description, recommendation, references, fix hint), in catalog order. The one
 * definition behind the engine's rules, SARIF {@code rules[]}, the summary texts and the rules
 * documentation. Immutable and thread-safe.
 */
public final class RuleCatalog {
  /** Class-path resource of the bundled catalog. */
  public static final String RESOURCE = "/rules/catalog.yml";

  /** One rule of a category. Severity is {@code low}, {@code medium} or {@code high}. */
  public record RuleEntry(String id, String category, String title, String severity,
      String severityNote, String cwe, String recommendation, String fix, String scope,
      String confidenceNote, List<String> alsoCwe) {}

  /**
   * One finding category.
   *
   * @param category id, e.g. {@code sql_injection}
   * @param specialist {@code security} or {@code performance}
   * @param name short human name, e.g. "SQL injection"
   * @param description one or two sentences on the weakness
   * @param cwe primary CWE id or null
   * @param alsoCwe related CWE ids (documentation only)
   * @param sinkDescription what the data flows into, for data-flow summaries ("SQL text"), or null
   * @param references documentation URLs
   * @param rules the category's rules, at least one; the first is the category's default rule
   * @param readmeNote a few words shown after the category in the README list, or null
   */
  public record Category(String category, String specialist, String name, String description,
      String cwe, List<String> alsoCwe, String sinkDescription, List<String> references,
      List<RuleEntry> rules, String readmeNote) {
    /** @return true for a security category */
    public boolean security() {
      return "security".equals(specialist);
    }

    /** @return the first (default) rule */
    public RuleEntry rule() {
      return rules.get(0);
    }
  }

  private final List<Category> categories;
  private final Map<String, Category> byId;
  private final Map<String, RuleEntry> byRuleId;

  private RuleCatalog(List<Category> categories) {
    this.categories = List.copyOf(categories);
    Map<String, Category> c = new LinkedHashMap<>();
    Map<String, RuleEntry> r = new LinkedHashMap<>();
    for (Category x : categories) {
      c.put(x.category(), x);
      for (RuleEntry e : x.rules()) r.put(e.id(), e);
    }
    this.byId = Map.copyOf(c);
    this.byRuleId = Map.copyOf(r);
  }

  private static final class Bundled {
    static final RuleCatalog INSTANCE = load();

    private static RuleCatalog load() {
      try (InputStream in = RuleCatalog.class.getResourceAsStream(RESOURCE)) {
        if (in == null) throw new IllegalStateException("missing " + RESOURCE);
        return parse("rules/catalog.yml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** @return the catalog shipped in the jar (read and validated once) */
  public static RuleCatalog bundled() {
    return Bundled.INSTANCE;
  }

  /**
   * @param file name for messages
   * @param text catalog YAML
   * @return the catalog
   * @throws PackException with file:line when the text is not a valid catalog
   */
  public static RuleCatalog parse(String file, String text) {
    YamlTree tree = YamlTree.parse(file, text);
    SchemaCheck.catalog().validate(tree);
    List<Category> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<PackException.Problem> problems = new ArrayList<>();
    JsonNode cats = tree.root().get("categories");
    for (int i = 0; i < cats.size(); i++) {
      JsonNode c = cats.get(i);
      String cat = c.get("category").asText();
      if (!ids.add(cat)) {
        problems.add(new PackException.Problem(file, tree.lineOf("/categories/" + i + "/category"),
            "categories[" + i + "].category", "duplicate category " + cat));
      }
      List<RuleEntry> rules = new ArrayList<>();
      JsonNode rs = c.get("rules");
      for (int j = 0; j < rs.size(); j++) {
        JsonNode r = rs.get(j);
        String id = r.get("id").asText();
        if (!ids.add(id)) {
          problems.add(new PackException.Problem(file, tree.lineOf("/categories/" + i + "/rules/" + j + "/id"),
              "categories[" + i + "].rules[" + j + "].id", "duplicate rule id " + id));
        }
        rules.add(new RuleEntry(id, cat, r.get("title").asText(), r.get("severity").asText(),
            text(r, "severity_note"), r.has("cwe") ? r.get("cwe").asText() : text(c, "cwe"),
            r.get("recommendation").asText(), text(r, "fix"), text(r, "scope"),
            text(r, "confidence_note"), strings(r.get("also_cwe"))));
      }
      out.add(new Category(cat, c.get("specialist").asText(), c.get("name").asText(),
          c.get("description").asText(), text(c, "cwe"), strings(c.get("also_cwe")),
          text(c, "sink_description"), strings(c.get("references")), List.copyOf(rules),
          text(c, "readme_note")));
    }
    if (!problems.isEmpty()) throw new PackException(problems);
    return new RuleCatalog(out);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static List<String> strings(JsonNode n) {
    if (n == null || n.isNull()) return List.of();
    List<String> out = new ArrayList<>();
    for (JsonNode x : n) out.add(x.asText());
    return List.copyOf(out);
  }

  /** @return every category in catalog order */
  public List<Category> categories() {
    return categories;
  }

  /** @return the security categories in catalog order (the order of the engine's category bits) */
  public List<Category> securityCategories() {
    return categories.stream().filter(Category::security).toList();
  }

  /** @return the category with this id, if any */
  public Optional<Category> category(String id) {
    return Optional.ofNullable(id == null ? null : byId.get(id));
  }

  /** @return the rule with this id, if any */
  public Optional<RuleEntry> rule(String ruleId) {
    return Optional.ofNullable(ruleId == null ? null : byRuleId.get(ruleId));
  }
}
