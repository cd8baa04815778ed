package dev.synapse.analysis.lang;

import java.util.List;

/**
 * A function or method as far as the diff shows it. Token indices refer to {@code
 * view.segments().get(segment).tokens()}.
 *
 * @param name the function's name, {@code <lambda>} for anonymous ones
 * @param segment index of the segment (hunk) holding it
 * @param headerStart first token of the declaration (annotations/decorators/modifiers included
 *     where visible)
 * @param bodyStart first token of the body (after the opening brace, colon or {@code do})
 * @param end one past the last token of the body
 * @param startLine line of the declaration
 * @param endLine last line of the body as far as visible
 * @param params the declared parameters in order
 * @param complete true when both the declaration and the end of the body are visible
 * @param depth 0 for a top-level function, 1 for a function nested in another, and so on
 */
public record FunctionSpan(String name, int segment, int headerStart, int bodyStart, int end,
    int startLine, int endLine, List<Param> params, boolean complete, int depth) {

  /**
   * A declared parameter.
   *
   * @param name the bound name (PHP names keep their {@code $})
   * @param type the declared type text, "" when untyped
   * @param annotations annotation/attribute/decorator names on the parameter, e.g. {@code
   *     RequestParam}, {@code FromQuery}, {@code Body}
   */
  public record Param(String name, String type, List<String> annotations) {}

  /** @return true when {@code line} lies within the function's visible lines */
  public boolean containsLine(int line) {
    return line >= startLine && line <= endLine;
  }
}
