package dev.synapse.analysis.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synapse.analysis.lang.Language;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one rule-pack YAML file: syntax, then the JSON Schema ({@code rules/pack.schema.json}),
 * then the checks a schema cannot express (categories known to the catalog). Every error names
 * {@code file:line: field}. Stateless apart from the shared schema; thread-safe.
 */
public final class PackParser {
  private final SchemaCheck schema = SchemaCheck.pack();
  private final RuleCatalog catalog;
  private final boolean bundled;

  /** @param catalog the categories sink and sanitiser rows may name (user packs) */
  public PackParser(RuleCatalog catalog) {
    this(catalog, false);
  }

  /**
   * @param catalog the categories sink and sanitiser rows may name
   * @param bundled true for the packs shipped in the jar (only they may define new
   *     {@code pattern_lists} and change the {@code taint.*} lists)
   */
  public PackParser(RuleCatalog catalog, boolean bundled) {
    this.catalog = catalog;
    this.bundled = bundled;
  }

  /**
   * @param file name used in messages and rows
   * @param text the YAML text
   * @return the pack
   * @throws PackException when the file is not a valid pack
   */
  public Pack parse(String file, String text) {
    YamlTree tree = YamlTree.parse(file, text);
    if (!tree.root().isObject()) throw new PackException(file, 1, "(document)", "a pack is a mapping with a 'pack' field");
    schema.validate(tree);
    return new Reader(tree, catalog, bundled).pack();
  }

  /** One parse: the tree and the problems found so far. */
  private static final class Reader {
    private final YamlTree tree;
    private final RuleCatalog catalog;
    private final List<PackException.Problem> problems = new ArrayList<>();
    private Set<Language> packLangs = Set.of();
    private final boolean bundled;

    Reader(YamlTree tree, RuleCatalog catalog, boolean bundled) {
      this.tree = tree;
      this.catalog = catalog;
      this.bundled = bundled;
    }

    Pack pack() {
      JsonNode r = tree.root();
      packLangs = langs(r.get("languages"), Set.of());
      JsonNode settings = r.path("settings");
      Map<String, ReceiverClass> classes = new LinkedHashMap<>();
      r.path("receiver_classes").fields().forEachRemaining(e -> classes.put(e.getKey(),
          new ReceiverClass(e.getKey(), Set.copyOf(lower(e.getValue().get("names"))), lower(e.getValue().get("suffixes")))));
      for (int i = 0; i < r.path("disable").size(); i++) {
        String d = r.get("disable").get(i).asText();
        if (catalog.category(d).isEmpty() && catalog.rule(d).isEmpty()) {
          problem("/disable/" + i, "unknown rule id or category '" + d + "'");
        }
      }
      Pack p = new Pack(r.get("pack").asText(), tree.file(), text(r, "description"),
          RuleCatalog.strings(r.get("references")),
          settings.path("receiverless_calls_construct").asBoolean(false), packLangs,
          RuleCatalog.strings(settings.get("callee_qualifiers")),
          RuleCatalog.strings(settings.get("receiver_qualifiers")),
          RuleCatalog.strings(r.get("disable")), Map.copyOf(classes), sources(r.path("sources")),
          RuleCatalog.strings(r.get("bare_sources")), RuleCatalog.strings(r.get("source_annotations")),
          RuleCatalog.strings(r.get("framework_params")), lower(r.get("safe_types")),
          sinks(r.path("sinks")), sanitisers(r.path("sanitisers")), lower(r.get("clean_results")),
          guards(r.path("guards")), propagators(r.path("propagators")),
          RuleCatalog.strings(r.get("module_names")), lower(r.get("numeric_types")),
          RuleCatalog.strings(r.get("response_names")), assignmentSinks(r.path("assignment_sinks")),
          patternLists(r.path("pattern_lists")),
          responseReturns(r.path("response_returns")), templateSinks(r.path("template_sinks")),
          routeConstants(r.path("route_constants")),
          linePatterns(r.path("line_patterns")));
      if (!problems.isEmpty()) throw new PackException(problems);
      return p;
    }

    private List<Pack.Sink> sinks(JsonNode rows) {
      List<Pack.Sink> out = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        JsonNode n = rows.get(i);
        String at = "/sinks/" + i;
        String cat = n.get("category").asText();
        if (catalog.category(cat).filter(RuleCatalog.Category::security).isEmpty()) {
          problem(at + "/category", "unknown security category '" + cat + "' (see rules/catalog.yml)");
        }
        int markers = (n.has("text") ? 1 : 0) + (n.path("request_only").asBoolean(false) ? 1 : 0)
            + (n.path("unsafe_form").asBoolean(false) ? 1 : 0);
        if (markers > 1) problem(at, "use at most one of text, request_only, unsafe_form");
        JsonNode a = n.get("arg");
        int arg = a == null ? 0 : a.isIntegralNumber() ? a.asInt() : switch (a.asText()) {
          case "any" -> Pack.ARG_ANY;
          case "last" -> Pack.ARG_LAST;
          default -> Pack.ARG_REST;
        };
        out.add(new Pack.Sink(lower(n.get("names")), langs(n.get("languages"), packLangs), cat, arg,
            text(n, "text"), n.path("request_only").asBoolean(false), n.path("unsafe_form").asBoolean(false),
            n.path("shell_option").asBoolean(false), n.path("confidence").asDouble(1.0), when(n), where(at),
            text(n, "shape"), n.path("html_context").asBoolean(false),
            n.path("media_type_args").asBoolean(false), text(n, "keyword"),
            Glob.all(lower(n.get("object_values"))), words(n)));
      }
      return List.copyOf(out);
    }

    private Map<String, List<String>> patternLists(JsonNode n) {
      if (n.isMissingNode() || n.isEmpty()) return Map.of();
      Map<String, List<String>> out = new LinkedHashMap<>();
      n.fields().forEachRemaining(e -> out.put(e.getKey(), RuleCatalog.strings(e.getValue())));
      if (!bundled) {
        Set<String> known = bundledPatternLists(false);
        Set<String> perLanguage = bundledPatternLists(true);
        for (String name : out.keySet()) {
          String base = PatternListNames.base(name);
          if (!base.equals(name) && known.contains(base) && !perLanguage.contains(base)) {
            problem("/pattern_lists/" + name, "the list '" + base + "' has no language variants (its words apply in "
                + "every language): write it without the language suffix");
          } else if (!PatternListNames.userChangeable(base)) {
            problem("/pattern_lists/" + name, "the taint engine's lists (taint.*) are read once per JVM; "
                + "user packs may change the lists of the pattern checks (" + PatternListNames.USER_PREFIXES + ")");
          } else if (!known.contains(base)) {
            problem("/pattern_lists/" + name, "unknown pattern list '" + base + "' (see rules/patterns.yml and rules/patterns/)");
          }
        }
      }
      return Map.copyOf(out);
    }

    /**
     * @param variants only the lists the bundled packs write with a language suffix (the lists
     *     read per language)
     * @return the base names (without a language suffix) of the bundled packs' pattern lists
     */
    private static Set<String> bundledPatternLists(boolean variants) {
      Set<String> out = new java.util.HashSet<>();
      for (Pack p : RulePacks.bundled().packs()) {
        for (String name : p.patternLists().keySet()) {
          String base = PatternListNames.base(name);
          if (!variants || !base.equals(name)) out.add(base);
        }
      }
      return out;
    }

    private List<Pack.AssignmentSink> assignmentSinks(JsonNode rows) {
      List<Pack.AssignmentSink> out = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        JsonNode n = rows.get(i);
        String cat = n.get("category").asText();
        if (catalog.category(cat).filter(RuleCatalog.Category::security).isEmpty()) {
          problem("/assignment_sinks/" + i + "/category", "unknown security category '" + cat + "'");
        }
        out.add(new Pack.AssignmentSink(Glob.all(RuleCatalog.strings(n.get("target"))), cat,
            n.get("label").asText(), langs(n.get("languages"), packLangs),
            n.path("confidence").asDouble(1.0), where("/assignment_sinks/" + i),
            n.path("html_context").asBoolean(false)));
      }
      return List.copyOf(out);
    }

    private List<Pack.ResponseReturn> responseReturns(JsonNode rows) {
      List<Pack.ResponseReturn> out = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        JsonNode n = rows.get(i);
        String cat = category(n, "/response_returns/" + i);
        out.add(new Pack.ResponseReturn(Glob.all(lower(n.get("markers"))), Glob.all(lower(n.get("markers_not"))),
            langs(n.get("languages"), packLangs), cat, n.has("text") ? text(n, "text") : "html",
            n.path("confidence").asDouble(0.9), n.path("block").asBoolean(false),
            where("/response_returns/" + i)));
      }
      return List.copyOf(out);
    }

    private List<Pack.RouteConstant> routeConstants(JsonNode rows) {
      List<Pack.RouteConstant> out = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        JsonNode n = rows.get(i);
        out.add(new Pack.RouteConstant(Glob.all(lower(n.get("markers"))), Glob.all(lower(n.get("markers_not"))),
            langs(n.get("languages"), packLangs), lower(n.get("paths")), where("/route_constants/" + i)));
      }
      return List.copyOf(out);
    }

    private List<Pack.TemplateSink> templateSinks(JsonNode rows) {
      List<Pack.TemplateSink> out = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        JsonNode n = rows.get(i);
        String at = "/template_sinks/" + i;
        String cat = category(n, at);
        java.util.regex.Pattern pattern = null;
        try {
          pattern = java.util.regex.Pattern.compile(n.get("pattern").asText());
          if (!pattern.pattern().contains("(?<value>")) problem(at + "/pattern", "the pattern needs a group (?<value>...)");
        } catch (java.util.regex.PatternSyntaxException e) {
          problem(at + "/pattern", "not a regular expression: " + e.getDescription());
        }
        out.add(new Pack.TemplateSink(Glob.all(lower(n.get("files"))), pattern, cat, n.get("label").asText(),
            n.path("confidence").asDouble(0.9), n.path("variable_confidence").asDouble(0.6),
            n.path("source_only").asBoolean(false), where(at)));
      }
      return List.copyOf(out);
    }

    private List<Pack.LinePattern> linePatterns(JsonNode rows) {
      List<Pack.LinePattern> out = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        JsonNode n = rows.get(i);
        String at = "/line_patterns/" + i;
        out.add(new Pack.LinePattern(langs(n.get("languages"), packLangs), Glob.all(lower(n.get("files"))),
            regex(n, "pattern", at), regex(n, "not", at), regex(n, "near_not", at), n.path("near").asInt(3),
            regex(n, "file_has", at), n.get("category").asText(), n.get("label").asText(),
            n.path("confidence").asDouble(0.8), where(at)));
        category(n, at);
      }
      return List.copyOf(out);
    }

    /** The row's field compiled as a Java regular expression, or null when absent. */
    private java.util.regex.Pattern regex(JsonNode n, String field, String at) {
      if (!n.hasNonNull(field)) return null;
      try {
        return java.util.regex.Pattern.compile(n.get(field).asText());
      } catch (java.util.regex.PatternSyntaxException e) {
        problem(at + "/" + field, "not a regular expression: " + e.getDescription());
        return null;
      }
    }

    /** The row's {@code category} (default {@code xss}), checked against the catalog. */
    private String category(JsonNode n, String at) {
      String cat = n.has("category") ? n.get("category").asText() : "xss";
      if (catalog.category(cat).filter(RuleCatalog.Category::security).isEmpty()) {
        problem(at + "/category", "unknown security category '" + cat + "' (see rules/catalog.yml)");
      }
      return cat;
    }

    private List<Pack.Sanitiser> sanitisers(JsonNode rows) {
      List<Pack.Sanitiser> out = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        JsonNode n = rows.get(i);
        List<String> cats = RuleCatalog.strings(n.get("categories"));
        for (int j = 0; j < cats.size(); j++) {
          String c = cats.get(j);
          if (!c.equals("all") && catalog.category(c).filter(RuleCatalog.Category::security).isEmpty()) {
            problem("/sanitisers/" + i + "/categories/" + j, "unknown security category '" + c + "'");
          }
        }
        out.add(new Pack.Sanitiser(lower(n.get("names")), langs(n.get("languages"), packLangs), cats,
            when(n), where("/sanitisers/" + i)));
      }
      return List.copyOf(out);
    }

    private List<Pack.Source> sources(JsonNode rows) {
      List<Pack.Source> out = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        JsonNode n = rows.get(i);
        Set<Language> l = langs(n.get("languages"), packLangs);
        double c = n.get("confidence").asDouble();
        Pack.Where w = where("/sources/" + i);
        if (n.has("prefix")) {
          out.add(new Pack.Source(Pack.SourceKind.PREFIX, lower(n.get("prefix")), List.of(), null, l, c, w));
        } else if (n.has("head")) {
          out.add(new Pack.Source(Pack.SourceKind.HEAD, lower(n.get("head")), List.of(), null, l, c, w));
        } else if (n.has("member")) {
          out.add(new Pack.Source(Pack.SourceKind.MEMBER, lower(n.get("member").get("names")),
              lower(n.get("member").get("of")), null, l, c, w));
        } else if (n.has("exact")) {
          out.add(new Pack.Source(Pack.SourceKind.EXACT, lower(n.get("exact")), List.of(), null, l, c, w));
        } else if (n.has("segment")) {
          out.add(new Pack.Source(Pack.SourceKind.SEGMENT, lower(n.get("segment")), List.of(), null, l, c, w));
        } else {
          JsonNode f = n.get("field");
          Map<String, Pack.HeadRule> heads = new HashMap<>();
          for (JsonNode h : f.path("head_rules")) {
            heads.put(h.get("head").asText().toLowerCase(Locale.ROOT),
                new Pack.HeadRule(langs(h.get("languages"), Set.of()), Set.copyOf(lower(h.get("names")))));
          }
          Pack.FieldSpec spec = new Pack.FieldSpec(Set.copyOf(lower(f.get("names"))),
              Set.copyOf(lower(f.get("receivers"))), Set.copyOf(lower(f.get("receiver_segments"))),
              lower(f.get("receiver_suffix")), Set.copyOf(lower(f.get("receiver_suffix_not"))),
              f.path("max_depth").asInt(3), Map.copyOf(heads));
          out.add(new Pack.Source(Pack.SourceKind.FIELD, List.of(), List.of(), spec, l, c, w));
        }
      }
      return List.copyOf(out);
    }

    private List<Pack.Guard> guards(JsonNode rows) {
      List<Pack.Guard> out = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        JsonNode n = rows.get(i);
        List<String> cats = n.has("categories") ? RuleCatalog.strings(n.get("categories")) : List.of("path_traversal");
        for (int j = 0; j < cats.size(); j++) {
          if (catalog.category(cats.get(j)).filter(RuleCatalog.Category::security).isEmpty()) {
            problem("/guards/" + i + "/categories/" + j, "unknown security category '" + cats.get(j) + "'");
          }
        }
        out.add(new Pack.Guard(n.get("kind").asText(), lower(n.get("names")), cats, where("/guards/" + i)));
      }
      return List.copyOf(out);
    }

    private List<Pack.Propagator> propagators(JsonNode rows) {
      List<Pack.Propagator> out = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        JsonNode n = rows.get(i);
        out.add(new Pack.Propagator(n.get("kind").asText(), lower(n.get("names")),
            langs(n.get("languages"), packLangs), when(n), where("/propagators/" + i)));
      }
      return List.copyOf(out);
    }

    private Condition when(JsonNode n) {
      return new Condition(globs(n.get("receiver")), globs(n.get("receiver_not")),
          globs(n.get("callee")), globs(n.get("callee_not")),
          n.has("constructor") ? n.get("constructor").asBoolean() : null,
          n.has("argc") ? n.get("argc").asInt() : null, n.has("argc_not") ? n.get("argc_not").asInt() : null);
    }

    private static SinkWords words(JsonNode n) {
      if (!n.has("call_has") && !n.has("call_lacks") && !n.has("scope_has") && !n.has("scope_lacks")) {
        return null;
      }
      return new SinkWords(globs(n.get("call_has")), globs(n.get("call_lacks")), globs(n.get("scope_has")),
          globs(n.get("scope_lacks")));
    }

    private static List<Glob> globs(JsonNode n) {
      return n == null ? null : Glob.all(RuleCatalog.strings(n));
    }

    private Set<Language> langs(JsonNode n, Set<Language> dflt) {
      if (n == null) return dflt;
      Set<Language> s = EnumSet.noneOf(Language.class);
      for (JsonNode x : n) s.add(Language.valueOf(x.asText().toUpperCase(Locale.ROOT)));
      return Set.copyOf(s);
    }

    private static List<String> lower(JsonNode n) {
      return RuleCatalog.strings(n).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    private static String text(JsonNode n, String f) {
      JsonNode v = n.get(f);
      return v == null || v.isNull() ? null : v.asText();
    }

    private Pack.Where where(String pointer) {
      return new Pack.Where(tree.file(), tree.lineOf(pointer));
    }

    private void problem(String pointer, String message) {
      problems.add(new PackException.Problem(tree.file(), tree.lineOf(pointer),
          YamlTree.pointerToField(pointer), message));
    }
  }
}
