package dev.synapse.analysis.security;

import dev.synapse.analysis.lang.Language;
import dev.synapse.analysis.rules.Condition;
import dev.synapse.analysis.rules.Glob;
import dev.synapse.analysis.rules.Pack;
import dev.synapse.analysis.rules.PackException;
import dev.synapse.analysis.rules.ReceiverClass;
import dev.synapse.analysis.rules.RulePacks;
import dev.synapse.analysis.rules.SinkWords;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything the security engine knows about APIs, compiled once from the rule packs
 * ({@link RulePacks}) into hash lookups by language and lower-cased name: untrusted sources,
 * sinks (which argument, which receiver), sanitisers and guards per category, propagators, safe
 * types, framework parameters and source annotations. The engine holds no API names; it asks this
 * object. Immutable and thread-safe; build once at start-up and share.
 */
public final class SecurityKnowledge {

  /**
   * One way a call is a sink.
   *
   * @param rule the category
   * @param arg argument index, or {@link #ANY}, {@link #LAST}, {@link #REST}
   * @param needText 0, a {@link Value} text class the argument must hold ({@code T_SQL},
   *     {@code T_HTML}, {@code T_SHELL}, {@code T_LDAP}), {@link #FORM} or {@link #REQUEST_ONLY}
   * @param conf confidence factor 0..1
   * @param shellOption only when an options argument sets {@code shell: true}
   * @param notObject only when the chosen argument is not an object or array literal
   * @param textValue also: an argument that is one call counts only when it holds markup
   * @param htmlContext only when the enclosing function names an HTML content type
   * @param mediaTypeArgs not when a string argument names a non-HTML media type
   * @param keyword the argument passed by this keyword instead of {@code arg}, or null
   * @param objectValues globs over access paths that denote objects (serialised as JSON)
   * @param words word conditions around the call, or null
   */
  record Sink(Rule rule, int arg, int needText, double conf, boolean shellOption, boolean notObject,
      boolean textValue, boolean htmlContext, boolean mediaTypeArgs, String keyword,
      List<Glob> objectValues, SinkWords words) {
    /** Any argument. */
    static final int ANY = Pack.ARG_ANY;
    /** The last argument. */
    static final int LAST = Pack.ARG_LAST;
    /** Every argument after the first. */
    static final int REST = Pack.ARG_REST;
    /** needText marker: only in the language's dangerous calling form (engine-decided). */
    static final int FORM = -1;
    /** needText marker: only data straight from a request source (not parameters) counts. */
    static final int REQUEST_ONLY = -2;
  }

  /** A compiled condition: globs with receiver classes resolved. */
  private record When(List<Glob> receiver, List<Glob> receiverNot, List<Glob> callee,
      List<Glob> calleeNot, Boolean constructor, Integer argc, Integer argcNot,
      Map<String, ReceiverClass> classes) {
    boolean holds(String calleeText, String recv, boolean ctor, int argcount) {
      if (constructor != null && constructor != ctor) return false;
      if (argc != null && argc != argcount) return false;
      if (argcNot != null && argcNot == argcount) return false;
      if (receiver != null && !any(receiver, recv)) return false;
      if (receiverNot != null && any(receiverNot, recv)) return false;
      if (callee != null && !any(callee, calleeText)) return false;
      return calleeNot == null || !any(calleeNot, calleeText);
    }

    private boolean any(List<Glob> globs, String s) {
      for (Glob g : globs) {
        if (g.kind() == Glob.Kind.CLASS ? classes.get(g.text()).matches(s) : g.matches(s)) return true;
      }
      return false;
    }
  }

  private record CompiledSink(Sink sink, When when) {}

  private record CompiledSanitiser(Set<Language> languages, int mask, When when) {}

  private record CompiledPath(Set<Language> languages, When when) {}

  private record CompiledSource(Pack.Source row, Set<String> values) {}

  /** An assignment target that is a sink. */
  record AssignmentSink(Rule rule, String label, double conf, List<Glob> target, boolean htmlContext) {}

  private static final Sink[] NO_SINKS = new Sink[0];

  private final RulePacks packs;
  private final Map<Language, Map<String, CompiledSink[]>> sinks = new EnumMap<>(Language.class);
  private final Map<String, CompiledSanitiser[]> sanitisers = new HashMap<>();
  private final Map<String, CompiledPath[]> pathBuilders = new HashMap<>();
  private final Map<Language, CompiledSource[]> sources = new EnumMap<>(Language.class);
  private final Set<String> bareSources = new HashSet<>();
  private final Set<String> bareSpellings = new HashSet<>();
  private final Map<String, List<String>> patternLists = new HashMap<>();
  private final Set<String> moduleNames = new HashSet<>();
  private final Set<String> numericTypes = new HashSet<>();
  private final Set<String> responseNames = new HashSet<>();
  private final Set<String> textTransforms = new HashSet<>();
  private final Map<Language, AssignmentSink[]> assignmentSinks = new EnumMap<>(Language.class);
  private final Map<Language, List<Pack.ResponseReturn>> responseReturns = new EnumMap<>(Language.class);
  private final Map<Language, List<Pack.RouteConstant>> routeConstants = new EnumMap<>(Language.class);
  private final List<Pack.TemplateSink> templateSinks = new ArrayList<>();
  private final List<Pack.LinePattern> linePatterns = new ArrayList<>();
  /** The categories of {@link #linePatterns}, for the per-rule test of every file. */
  private final Set<String> linePatternCategories = new HashSet<>();
  /** Per line pattern row (by identity), the literals of {@link RequiredLiterals#of}. */
  private final Map<Pack.LinePattern, List<String>> linePatternLiterals = new java.util.IdentityHashMap<>();
  private final Set<String> sourceSegments = new HashSet<>();
  private final Set<String> sourceAnnotations = new HashSet<>();
  private final Set<String> frameworkParams = new HashSet<>();
  private final Set<String> safeTypes = new HashSet<>();
  private final Set<String> cleanResults = new HashSet<>();
  private final Map<String, Integer> pathGuards = new HashMap<>();
  private final Map<String, Integer> parseGuards = new HashMap<>();
  private final Set<String> allowGuards = new HashSet<>();
  private final Set<String> formatters = new HashSet<>();
  private final Set<Language> receiverlessConstruct = new HashSet<>();
  private final List<String> calleeQualifiers = new ArrayList<>();
  private final List<String> receiverQualifiers = new ArrayList<>();
  private final int allowGuardMask;

  private static final class Bundled {
    static final SecurityKnowledge INSTANCE = new SecurityKnowledge(RulePacks.bundled());
  }

  /** @return the knowledge of the bundled packs (compiled once) */
  public static SecurityKnowledge bundled() {
    return Bundled.INSTANCE;
  }

  /**
   * @param packs loaded packs
   * @throws PackException when a row names an unknown receiver class
   */
  public SecurityKnowledge(RulePacks packs) {
    this.packs = packs;
    Map<String, ReceiverClass> classes = new HashMap<>();
    for (Pack p : packs.packs()) classes.putAll(p.receiverClasses());
    List<PackException.Problem> problems = new ArrayList<>();
    int allow = 0;
    Map<Language, Map<String, List<CompiledSink>>> sk = new EnumMap<>(Language.class);
    Map<String, List<CompiledSanitiser>> sa = new HashMap<>();
    Map<String, List<CompiledPath>> pb = new HashMap<>();
    Map<Language, List<CompiledSource>> so = new EnumMap<>(Language.class);
    Map<Language, List<AssignmentSink>> as = new EnumMap<>(Language.class);
    Map<Language, List<Pack.ResponseReturn>> rr = new EnumMap<>(Language.class);
    Map<Language, List<Pack.RouteConstant>> rc = new EnumMap<>(Language.class);
    for (Pack p : packs.packs()) {
      for (Pack.RouteConstant r : p.routeConstants()) {
        for (Language l : langs(r.languages())) rc.computeIfAbsent(l, x -> new ArrayList<>()).add(r);
      }
      if (p.receiverlessCallsConstruct()) receiverlessConstruct.addAll(langs(p.languages()));
      calleeQualifiers.addAll(p.calleeQualifiers());
      receiverQualifiers.addAll(p.receiverQualifiers());
      for (String b : p.bareSources()) {
        bareSpellings.add(b);
        bareSources.add(b.toLowerCase(Locale.ROOT));
      }
      moduleNames.addAll(p.moduleNames());
      p.patternLists().forEach((n, l) -> mergePatternList(patternLists.computeIfAbsent(n, x -> new ArrayList<>()), l));
      numericTypes.addAll(p.numericTypes());
      responseNames.addAll(p.responseNames());
      for (Pack.ResponseReturn r : p.responseReturns()) {
        for (Language l : langs(r.languages())) rr.computeIfAbsent(l, x -> new ArrayList<>()).add(r);
      }
      templateSinks.addAll(p.templateSinks());
      linePatterns.addAll(p.linePatterns());
      for (Pack.LinePattern r : p.linePatterns()) {
        linePatternCategories.add(r.category());
        linePatternLiterals.put(r, RequiredLiterals.of(r.pattern()));
      }
      for (Pack.AssignmentSink a : p.assignmentSinks()) {
        AssignmentSink c = new AssignmentSink(Rule.of(a.category()), a.label(), a.confidence(), a.target(),
            a.htmlContext());
        for (Language l : langs(a.languages())) as.computeIfAbsent(l, x -> new ArrayList<>()).add(c);
      }
      sourceAnnotations.addAll(p.sourceAnnotations());
      frameworkParams.addAll(p.frameworkParams());
      safeTypes.addAll(p.safeTypes());
      cleanResults.addAll(p.cleanResults());
      for (Pack.Guard g : p.guards()) {
        int gm = 0;
        for (String c : g.categories()) gm |= Rule.of(c).bit();
        if (g.kind().equals("allow")) {
          allowGuards.addAll(g.names());
          allow |= gm;
        } else {
          Map<String, Integer> byName = g.kind().equals("path") ? pathGuards : parseGuards;
          for (String n : g.names()) byName.merge(n, gm, (x, y) -> x | y);
        }
      }
      for (Pack.Source s : p.sources()) {
        CompiledSource c = new CompiledSource(s, Set.copyOf(s.values()));
        for (Language l : langs(s.languages())) so.computeIfAbsent(l, k -> new ArrayList<>()).add(c);
        addSegments(s);
      }
      for (Pack.Sink s : p.sinks()) {
        Rule rule = Rule.of(s.category());
        int need = s.requestOnly() ? Sink.REQUEST_ONLY : s.unsafeForm() ? Sink.FORM : textClass(s.text());
        CompiledSink c = new CompiledSink(new Sink(rule, s.arg(), need, s.confidence(), s.shellOption(),
            s.shape() != null, "text_value".equals(s.shape()), s.htmlContext(), s.mediaTypeArgs(), s.keyword(),
            s.objectValues(), s.words()),
            when(s.when(), classes, s.where(), problems));
        for (Language l : langs(s.languages())) {
          Map<String, List<CompiledSink>> m = sk.computeIfAbsent(l, k -> new HashMap<>());
          for (String n : s.names()) m.computeIfAbsent(n, k -> new ArrayList<>()).add(c);
        }
      }
      for (Pack.Sanitiser s : p.sanitisers()) {
        int mask = 0;
        for (String c : s.categories()) mask |= c.equals("all") ? Rule.ALL : Rule.of(c).bit();
        CompiledSanitiser c = new CompiledSanitiser(s.languages(), mask, when(s.when(), classes, s.where(), problems));
        for (String n : s.names()) sa.computeIfAbsent(n, k -> new ArrayList<>()).add(c);
      }
      for (Pack.Propagator r : p.propagators()) {
        if (r.kind().equals("text")) {
          formatters.addAll(r.names());
          continue;
        }
        if (r.kind().equals("same_text")) {
          textTransforms.addAll(r.names());
          continue;
        }
        CompiledPath c = new CompiledPath(r.languages(), when(r.when(), classes, r.where(), problems));
        for (String n : r.names()) pb.computeIfAbsent(n, k -> new ArrayList<>()).add(c);
      }
    }
    if (!problems.isEmpty()) throw new PackException(problems);
    this.allowGuardMask = allow;
    sk.forEach((l, m) -> {
      Map<String, CompiledSink[]> x = new HashMap<>();
      m.forEach((n, list) -> x.put(n, list.toArray(new CompiledSink[0])));
      sinks.put(l, x);
    });
    sa.forEach((n, list) -> sanitisers.put(n, list.toArray(new CompiledSanitiser[0])));
    pb.forEach((n, list) -> pathBuilders.put(n, list.toArray(new CompiledPath[0])));
    for (Language l : Language.values()) {
      sources.put(l, so.getOrDefault(l, List.of()).toArray(new CompiledSource[0]));
      assignmentSinks.put(l, as.getOrDefault(l, List.of()).toArray(new AssignmentSink[0]));
      responseReturns.put(l, List.copyOf(rr.getOrDefault(l, List.of())));
      routeConstants.put(l, List.copyOf(rc.getOrDefault(l, List.of())));
    }
  }

  /** @return the rows naming request data fixed by a handler's route, for this language */
  List<Pack.RouteConstant> routeConstants(Language lang) {
    return routeConstants.getOrDefault(lang, List.of());
  }

  /** @return the rows that make a handler's return value an HTML response body, for this language */
  List<Pack.ResponseReturn> responseReturns(Language lang) {
    return responseReturns.getOrDefault(lang, List.of());
  }

  /** @return every template pattern rule, in load order */
  List<Pack.TemplateSink> templateSinks() {
    return java.util.Collections.unmodifiableList(templateSinks);
  }

  /** @return true when some line pattern rule is of this rule's category */
  boolean hasLinePatterns(Rule rule) {
    return linePatternCategories.contains(rule.category());
  }

  /**
   * @param row one of {@link #linePatterns()}
   * @return texts one of which every match of the row's pattern contains; empty for no filter
   */
  List<String> linePatternLiterals(Pack.LinePattern row) {
    return linePatternLiterals.getOrDefault(row, List.of());
  }

  /** @return every line pattern rule, in load order */
  List<Pack.LinePattern> linePatterns() {
    return java.util.Collections.unmodifiableList(linePatterns);
  }

  private static Set<Language> langs(Set<Language> s) {
    return s.isEmpty() ? Set.of(Language.values()) : s;
  }

  private static int textClass(String text) {
    if (text == null) return 0;
    switch (text) {
      case "sql": return Value.T_SQL;
      case "html": return Value.T_HTML;
      case "shell": return Value.T_SHELL;
      default: return Value.T_LDAP;
    }
  }

  private static When when(Condition c, Map<String, ReceiverClass> classes, Pack.Where where,
      List<PackException.Problem> problems) {
    for (Glob g : c.globs()) {
      if (g.kind() == Glob.Kind.CLASS && !classes.containsKey(g.text())) {
        problems.add(new PackException.Problem(where.file(), where.line(), "receiver",
            "unknown receiver class '@" + g.text() + "' (define it under receiver_classes)"));
      }
    }
    return new When(c.receiver(), c.receiverNot(), c.callee(), c.calleeNot(), c.constructor(),
        c.argc(), c.argcNot(), classes);
  }

  /** Adds the lower-cased path segments of which every path the row accepts contains one. */
  private void addSegments(Pack.Source s) {
    switch (s.kind()) {
      case PREFIX:
        for (String p : s.values()) sourceSegments.add(firstSegment(p));
        break;
      case HEAD:
      case SEGMENT:
      case EXACT:
        sourceSegments.addAll(s.values());
        break;
      case MEMBER:
        sourceSegments.addAll(s.of());
        break;
      default:
        for (String r : s.field().receivers()) {
          for (String seg : r.split("\\.")) sourceSegments.add(firstSegment(seg));
        }
        sourceSegments.addAll(s.field().receiverSegments());
    }
  }

  private static String firstSegment(String prefix) {
    int dot = prefix.indexOf('.');
    String x = dot < 0 ? prefix : prefix.substring(0, dot);
    int cut = x.length();
    if (x.indexOf('(') >= 0) cut = x.indexOf('(');
    if (x.indexOf('[') >= 0) cut = Math.min(cut, x.indexOf('['));
    return x.substring(0, cut);
  }

  // ------------------------------------------------------------------ queries

  /** @return the packs this knowledge was compiled from */
  public RulePacks packs() {
    return packs;
  }

  /**
   * @param path the lower-cased dotted access path with {@code ()} after calls, e.g.
   *     {@code request.getparameter()}, {@code req.query.id}, {@code $_get[doc]}
   * @param lang the language
   * @return the confidence that the value is untrusted input: the highest of the matching source
   *     rows, 0 when none matches
   */
  double source(String path, Language lang) {
    if (path.indexOf('.') < 0 && path.indexOf('[') < 0 && path.indexOf('(') < 0
        && !bareSources.contains(path)) {
      return 0;
    }
    String p = path;
    if (p.startsWith("this.") || p.startsWith("self.")) p = p.substring(5);
    String[] seg = p.split("\\.");
    for (int i = 0; i < seg.length; i++) seg[i] = strip(seg[i]);
    String head = seg[0];
    double best = 0;
    for (CompiledSource c : sources.get(lang)) {
      Pack.Source s = c.row();
      if (s.confidence() <= best || s.kind() == Pack.SourceKind.EXACT) continue;
      if (matches(c, p, seg, head, lang)) best = s.confidence();
    }
    return best;
  }

  /**
   * @param name a lower-cased bare name used as a whole value (not followed by {@code .}, {@code [}
   *     or {@code (}), e.g. {@code request} passed as an argument
   * @param lang the language
   * @return the confidence of the {@code exact} source rows naming it, 0 when none does (the
   *     same name as the head of a longer path is matched by {@link #source} only)
   */
  double exactSource(String name, Language lang) {
    double best = 0;
    for (CompiledSource c : sources.get(lang)) {
      if (c.row().kind() == Pack.SourceKind.EXACT && c.row().confidence() > best && c.values().contains(name)) {
        best = c.row().confidence();
      }
    }
    return best;
  }

  private static boolean matches(CompiledSource c, String p, String[] seg, String head, Language lang) {
    Pack.Source s = c.row();
    switch (s.kind()) {
      case PREFIX:
        for (String x : s.values()) if (p.startsWith(x)) return true;
        return false;
      case HEAD:
        return c.values().contains(head);
      case EXACT:
        return c.values().contains(p);
      case MEMBER:
        return seg.length >= 2 && s.of().contains(head) && c.values().contains(seg[1]);
      case SEGMENT:
        for (String x : seg) if (c.values().contains(x)) return true;
        return false;
      default:
        return field(s.field(), seg, head, lang);
    }
  }

  private static boolean field(Pack.FieldSpec f, String[] seg, String head, Language lang) {
    Pack.HeadRule hr = f.headRules().get(head);
    for (int i = 0; i < seg.length - 1 && i < f.maxDepth(); i++) {
      String last = seg[i];
      String field = seg[i + 1];
      if (!f.names().contains(field)) continue;
      if (!receiver(f, seg, i, last)) continue;
      if (hr != null && (!hr.languages().isEmpty() && !hr.languages().contains(lang)
          || !hr.names().isEmpty() && !hr.names().contains(field))) {
        continue;
      }
      return true;
    }
    return false;
  }

  private static boolean receiver(Pack.FieldSpec f, String[] seg, int i, String last) {
    if (f.receiverSegments().contains(last)) return true;
    if (!f.receiverSuffixNot().contains(last)) {
      for (String s : f.receiverSuffix()) if (last.endsWith(s)) return true;
    }
    return f.receivers().contains(i == 0 ? seg[0] : String.join(".", java.util.Arrays.asList(seg).subList(0, i + 1)));
  }

  /**
   * @param lowerSegment one lower-cased segment of an access path (a name between dots)
   * @return false when no path containing this segment can be a {@link #source} unless another
   *     of its segments can (a sound pre-test: true for anything unusual)
   */
  boolean maySourceSegment(String lowerSegment) {
    return lowerSegment.isEmpty() || lowerSegment.charAt(0) == '$' || lowerSegment.indexOf('.') >= 0
        || lowerSegment.indexOf('[') >= 0 || lowerSegment.indexOf('(') >= 0
        || lowerSegment.endsWith("request") || sourceSegments.contains(lowerSegment);
  }

  private static String strip(String s) {
    int b = s.indexOf('[');
    String x = b >= 0 ? s.substring(0, b) : s;
    return x.endsWith("()") ? x.substring(0, x.length() - 2) : x;
  }

  /** @return true when this name, as written, is a source on its own ({@code params}, {@code $_GET}) */
  boolean bareSpelling(String name) {
    return bareSpellings.contains(name);
  }

  /**
   * @param name a pattern-list name, e.g. {@code weak_crypto.weak_symbols}
   * @return the list's words in pack order (as written), or null when no pack defines it
   */
  public List<String> patternList(String name) {
    List<String> l = patternLists.get(name);
    return l == null ? null : List.copyOf(l);
  }

  /**
   * Applies one pack's words to a pattern list, in order: a word adds itself; {@code !word}
   * removes every earlier copy of the word; {@code !*} empties the list (docs/rule-packs.md).
   */
  private static void mergePatternList(List<String> list, List<String> words) {
    for (String w : words) {
      if (!w.startsWith("!")) {
        list.add(w);
      } else if (w.equals("!*")) {
        list.clear();
      } else {
        String gone = w.substring(1);
        list.removeIf(gone::equals);
      }
    }
  }

  /** @return the names of every pattern list some pack defines (language variants included) */
  public Set<String> patternListNames() {
    return Set.copyOf(patternLists.keySet());
  }

  /** @return true when this name (as written) denotes a module or framework object, not a variable */
  boolean moduleName(String name) {
    return moduleNames.contains(name);
  }

  /** @return true when a cast to this lower-cased type cleans a value */
  boolean numericType(String lowerType) {
    return numericTypes.contains(lowerType);
  }

  /** @return true when this identifier (as written) marks a function as writing an HTTP response */
  boolean responseName(String identifier) {
    return responseNames.contains(identifier);
  }

  /** @return true when the call's result is (a transformation of) the receiver's text */
  boolean textTransform(String lowerName) {
    return textTransforms.contains(lowerName);
  }

  /**
   * @param lowerTarget the lower-cased assignment target, e.g. {@code el.innerhtml}
   * @param lang the language
   * @return the sinks this target is, in pack order, at most one per category and label
   */
  List<AssignmentSink> assignmentSinks(String lowerTarget, Language lang) {
    List<AssignmentSink> out = null;
    for (AssignmentSink a : assignmentSinks.get(lang)) {
      boolean hit = false;
      for (Glob g : a.target()) hit |= g.matches(lowerTarget);
      if (!hit) continue;
      if (out == null) out = new ArrayList<>(2);
      boolean dup = false;
      for (AssignmentSink o : out) dup |= o.rule() == a.rule() && o.label().equals(a.label());
      if (!dup) out.add(a);
    }
    return out == null ? List.of() : out;
  }

  /** @return true when a parameter with this annotation (as written) binds request input */
  boolean sourceAnnotation(String annotation) {
    return sourceAnnotations.contains(annotation);
  }

  /** @return true when a parameter of this name (as written) is a framework object, not data */
  boolean frameworkParam(String name) {
    return frameworkParams.contains(name);
  }

  /** @return true when values of this declared type cannot carry an injection payload */
  boolean safeType(String type) {
    if (type == null || type.isEmpty()) return false;
    String t = type.toLowerCase(Locale.ROOT).replace("?", "").replace("final", "");
    return safeTypes.contains(t);
  }

  /**
   * @param name lower-cased called name (last segment)
   * @param callee lower-cased dotted callee
   * @param lang the language
   * @return the category bits the call's result is clean of (0 when none)
   */
  int sanitiser(String name, String callee, Language lang) {
    CompiledSanitiser[] rows = sanitisers.get(name);
    if (rows == null) return 0;
    int m = 0;
    for (CompiledSanitiser s : rows) {
      if (!s.languages().isEmpty() && !s.languages().contains(lang)) continue;
      if (s.when().holds(callee, "", callee.startsWith("new "), -1)) m |= s.mask();
    }
    return m;
  }

  /** @return true when the call's result is a boolean or number (carries no taint) */
  boolean cleanResult(String lowerName) {
    return cleanResults.contains(lowerName);
  }

  /** @return true when the call, used in a condition, checks a path against a root */
  boolean pathGuard(String lowerName) {
    return pathGuards.containsKey(lowerName);
  }

  /** @return the category bits a {@code path} guard of this name cleans (0 when it is none) */
  int pathGuardMask(String lowerName) {
    return pathGuards.getOrDefault(lowerName, 0);
  }

  /**
   * @return the category bits a {@code parse} guard of this name cleans: a parser (URL, host)
   *     whose result is tested in a condition, so its first argument counts as checked; 0 when none
   */
  int parseGuardMask(String lowerName) {
    return parseGuards.getOrDefault(lowerName, 0);
  }

  /** @return true when the call, used in a condition, checks a value against an allow-list */
  boolean allowGuard(String lowerName) {
    return allowGuards.contains(lowerName);
  }

  /** @return the category bits an allow-list or pattern check cleans */
  int allowGuardMask() {
    return allowGuardMask;
  }

  /** @return true when the call combines all its arguments as text (format, join) */
  boolean formatter(String lowerName) {
    return formatters.contains(lowerName);
  }

  /**
   * @param name lower-cased called name
   * @param fullCallee lower-cased dotted callee ({@code new T} for constructors)
   * @param lang the language
   * @return true when the result is a file-system path built from the arguments / receiver
   */
  boolean pathBuilder(String name, String fullCallee, Language lang) {
    CompiledPath[] rows = pathBuilders.get(name);
    if (rows == null) return false;
    String callee = unqualify(fullCallee);
    for (CompiledPath r : rows) {
      if (!r.languages().isEmpty() && !r.languages().contains(lang)) continue;
      if (r.when().holds(callee, "", callee.startsWith("new "), -1)) return true;
    }
    return false;
  }

  /** {@code java.nio.file.paths.get} is {@code paths.get}; {@code new java.io.file} is {@code new file}. */
  private String unqualify(String callee) {
    for (String q : calleeQualifiers) {
      if (callee.startsWith(q)) {
        String[] seg = callee.split("\\.");
        if (callee.startsWith("new ")) return "new " + seg[seg.length - 1];
        return seg.length >= 2 ? seg[seg.length - 2] + "." + seg[seg.length - 1] : callee;
      }
    }
    return callee;
  }

  /**
   * @param lrecv lower-cased receiver path
   * @return the receiver as sinks match it: its last segment when it is package-qualified
   *     ({@code java.nio.file.files} is {@code files})
   */
  String shortReceiver(String lrecv) {
    for (String q : receiverQualifiers) {
      if (lrecv.startsWith(q)) return lrecv.substring(lrecv.lastIndexOf('.') + 1);
    }
    return lrecv;
  }

  /**
   * @param name lower-cased called name
   * @param callee lower-cased dotted callee path (with {@code ()} after inner calls); for
   *     constructors {@code new <Type>}
   * @param recv lower-cased receiver path as sinks match it ({@link #shortReceiver}), "" when none
   * @param argc number of arguments
   * @param lang the language
   * @return the ways this call is a sink, in pack order, possibly empty
   */
  List<Sink> sinks(String name, String callee, String recv, int argc, Language lang) {
    Map<String, CompiledSink[]> byName = sinks.get(lang);
    CompiledSink[] rows = byName == null ? null : byName.get(name);
    if (rows == null) return List.of();
    boolean ctor = callee.startsWith("new ") || recv.isEmpty() && receiverlessConstruct.contains(lang);
    List<Sink> out = new ArrayList<>(2);
    for (CompiledSink c : rows) {
      if (c.when().holds(callee, recv, ctor, argc)) out.add(c.sink());
    }
    return out;
  }

  /**
   * @param rule a rule
   * @return true unless a pack disabled the rule (by id or category)
   */
  public boolean enabled(Rule rule) {
    return !packs.isDisabled(rule.category());
  }
}
