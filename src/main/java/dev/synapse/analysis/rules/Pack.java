package dev.synapse.analysis.rules;

import dev.synapse.analysis.lang.Language;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One validated rule pack (the rows of one YAML file, see docs/rule-packs.md). Names are as
 * written in the file except where a field says lower-cased. Every row keeps its file and line
 * for messages. Immutable.
 *
 * @param id pack id
 * @param file where it was read from (for messages)
 * @param description free text
 * @param references documentation URLs the rows were written from
 * @param receiverlessCallsConstruct whether, in this pack's languages, a call without receiver
 *     is a constructor call
 * @param languages the pack's default languages (empty: every language)
 * @param calleeQualifiers package prefixes dropped before path propagators are matched
 * @param receiverQualifiers package prefixes after which sinks see only the receiver's last segment
 * @param disable rule ids or categories this pack turns off
 * @param receiverClasses named receiver conditions
 * @param sources source rows
 * @param bareSources lower-cased names that are sources without . [ (
 * @param sourceAnnotations parameter annotations that bind request input
 * @param frameworkParams parameter names that are framework objects
 * @param safeTypes lower-cased declared types that cannot carry a payload
 * @param sinks sink rows
 * @param sanitisers sanitiser rows
 * @param cleanResults lower-cased names whose result carries no taint
 * @param guards guard rows
 * @param propagators propagator rows
 * @param moduleNames names (as written) of modules and framework objects, not variables
 * @param numericTypes lower-cased types whose cast cleans a value
 * @param responseNames identifiers (as written) that mark a function as writing an HTTP response
 * @param assignmentSinks assignment targets that are sinks
 * @param patternLists word lists of the pattern checks by name (bundled packs only)
 * @param responseReturns request handlers whose return value is an HTML response body
 * @param templateSinks pattern rules over template files
 * @param routeConstants request data fixed by the route a handler is registered on
 * @param linePatterns pattern rules over changed source lines (settings that turn a protection off)
 */
public record Pack(String id, String file, String description, List<String> references,
    boolean receiverlessCallsConstruct, Set<Language> languages, List<String> calleeQualifiers,
    List<String> receiverQualifiers, List<String> disable, Map<String, ReceiverClass> receiverClasses,
    List<Source> sources, List<String> bareSources, List<String> sourceAnnotations,
    List<String> frameworkParams, List<String> safeTypes, List<Sink> sinks,
    List<Sanitiser> sanitisers, List<String> cleanResults, List<Guard> guards,
    List<Propagator> propagators, List<String> moduleNames, List<String> numericTypes,
    List<String> responseNames, List<AssignmentSink> assignmentSinks,
    Map<String, List<String>> patternLists,
    List<ResponseReturn> responseReturns, List<TemplateSink> templateSinks,
    List<RouteConstant> routeConstants,
    List<LinePattern> linePatterns) {

  /**
   * Request data that is fixed by the route a handler is registered on: in a function with a
   * line just above its header (decorator) matching one of {@code markers} and none of {@code
   * markersNot}, an access path equal to or starting with one of {@code paths} is the route's
   * own text, not input (a Flask view whose rule has no {@code <variable>} part only receives
   * requests for that one path, so its {@code request.path} is constant).
   *
   * @param paths lower-cased access paths ({@code request.path})
   */
  public record RouteConstant(List<Glob> markers, List<Glob> markersNot, Set<Language> languages,
      List<String> paths, Where where) {}

  /**
   * A pattern rule over changed lines of source files: a setting, decorator or call that turns a
   * framework protection off ({@code @csrf_exempt}, {@code http.csrf().disable()}). A changed line
   * of a file of one of {@code languages} (and, when {@code files} is not empty, whose lower-cased
   * name matches one of them) is a finding when {@code pattern} is found on it, {@code not} is not,
   * no line within {@code near} lines of it matches {@code nearNot}, and the whole new file
   * matches {@code fileHas}. Comment lines are skipped.
   *
   * @param nearNot null for no condition
   * @param fileHas null for no condition
   * @param not null for no condition
   */
  public record LinePattern(Set<Language> languages, List<Glob> files, java.util.regex.Pattern pattern,
      java.util.regex.Pattern not, java.util.regex.Pattern nearNot, int near,
      java.util.regex.Pattern fileHas, String category, String label, double confidence, Where where) {}

  /**
   * Request handlers whose return value becomes the response body, answered as HTML: a function
   * with a line just above its header (decorator, annotation, attribute) that matches one of
   * {@code markers} and none of {@code markersNot} (globs over the trimmed, lower-cased line).
   *
   * @param text required text class of the returned value ({@code html}) or {@code any}
   * @param block the markers match the opener line of a {@code do ... end} block whose last
   *     expression is its value (Sinatra routes), not a function's decorator lines
   */
  public record ResponseReturn(List<Glob> markers, List<Glob> markersNot, Set<Language> languages,
      String category, String text, double confidence, boolean block, Where where) {}

  /**
   * A pattern rule over template files: files whose lower-cased name matches one of
   * {@code files}; on each changed line, every match of {@code pattern} whose group
   * {@code value} is not a constant is a sink.
   *
   * @param confidence when the value is a known request source
   * @param variableConfidence when the value is another non-constant expression
   * @param sourceOnly only known request sources are reported
   */
  public record TemplateSink(List<Glob> files, java.util.regex.Pattern pattern, String category,
      String label, double confidence, double variableConfidence, boolean sourceOnly, Where where) {}

  /**
   * An assignment target that is a sink: globs over the lower-cased target text; with
   * {@code htmlContext}, only when the enclosing function names an HTML content type.
   */
  public record AssignmentSink(List<Glob> target, String category, String label,
      Set<Language> languages, double confidence, Where where, boolean htmlContext) {}

  /** Where a row was written: file and 1-based line. */
  public record Where(String file, int line) {
    @Override
    public String toString() {
      return file + ":" + line;
    }
  }

  /** Argument selectors of {@link Sink#arg}: non-negative values are 0-based indexes. */
  public static final int ARG_ANY = -1;
  /** The last argument. */
  public static final int ARG_LAST = -2;
  /** Every argument after the first. */
  public static final int ARG_REST = -3;

  /**
   * A sink row: calls named one of {@code names} (lower-cased) that satisfy {@code when}.
   *
   * @param text required text class of the argument ({@code sql}, {@code html}, {@code shell},
   *     {@code ldap}) or null
   * @param shape {@code not_object}, {@code text_value} or null (see docs/rule-packs.md)
   * @param htmlContext the enclosing function must name an HTML content type in a string literal
   * @param mediaTypeArgs a string argument naming a non-HTML media type makes the call not a sink
   * @param keyword the argument passed by this keyword instead of {@code arg}, or null
   * @param objectValues globs over access paths that denote objects (serialised as JSON)
   * @param words the word conditions around the call ({@code call_has}, {@code call_lacks},
   *     {@code scope_lacks}), or null when the row writes none
   */
  public record Sink(List<String> names, Set<Language> languages, String category, int arg,
      String text, boolean requestOnly, boolean unsafeForm, boolean shellOption, double confidence,
      Condition when, Where where, String shape, boolean htmlContext, boolean mediaTypeArgs, String keyword,
      List<Glob> objectValues, SinkWords words) {}

  /** A sanitiser row: the categories (or {@code all}) a matching call's result is clean for. */
  public record Sanitiser(List<String> names, Set<Language> languages, List<String> categories,
      Condition when, Where where) {}

  /** Source row kinds. */
  public enum SourceKind { PREFIX, HEAD, MEMBER, SEGMENT, FIELD, EXACT }

  /**
   * A source row over lower-cased access paths.
   *
   * @param values prefixes, heads, segment names, whole paths ({@link SourceKind#EXACT}), or
   *     member/field names by kind
   * @param of the heads of a {@link SourceKind#MEMBER} row
   * @param field the request-field spec of a {@link SourceKind#FIELD} row, else null
   */
  public record Source(SourceKind kind, List<String> values, List<String> of, FieldSpec field,
      Set<Language> languages, double confidence, Where where) {}

  /**
   * A request-field row: {@code <receiver>.<name>} where the receiver (the path up to a segment,
   * at most {@code maxDepth} segments deep) is one of {@code receivers}, or its last segment is one
   * of {@code receiverSegments} or ends with one of {@code receiverSuffix} (but not one of
   * {@code receiverSuffixNot}); {@code headRules} narrow paths with a given head.
   */
  public record FieldSpec(Set<String> names, Set<String> receivers, Set<String> receiverSegments,
      List<String> receiverSuffix, Set<String> receiverSuffixNot, int maxDepth,
      Map<String, HeadRule> headRules) {}

  /** For paths with this head: only these languages (empty: any) and field names (empty: any). */
  public record HeadRule(Set<Language> languages, Set<String> names) {}

  /**
   * Guard row: {@code path} (canonicalise-then-check) or {@code allow} (allow-list / pattern),
   * with the categories a passing check cleans.
   */
  public record Guard(String kind, List<String> names, List<String> categories, Where where) {}

  /** Propagator row: {@code text} (combines arguments as text) or {@code path} (builds a path). */
  public record Propagator(String kind, List<String> names, Set<Language> languages,
      Condition when, Where where) {}
}
