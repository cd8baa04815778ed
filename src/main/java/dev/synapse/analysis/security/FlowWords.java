package dev.synapse.analysis.security;

import java.util.Set;

/**
 * Word lists of the data-flow extensions (shell scripts in argument arrays, containment and
 * {@code ..} checks, request-handler marks), read once per JVM from the bundled rule packs'
 * {@code pattern_lists} ({@code rules/patterns.yml}, names {@code taint.*}). Immutable.
 */
final class FlowWords {
  private FlowWords() {}

  /** Shell programs that run their script argument ({@code sh -c SCRIPT}), lower-cased. */
  static final Set<String> SHELL_PROGRAMS = PatternLists.set("taint.shell_programs");
  /** The flag after a shell program that makes the next argument a script. */
  static final Set<String> SHELL_SCRIPT_FLAGS = PatternLists.set("taint.shell_script_flags");
  /**
   * Calls that, used in a condition, check that a path stays under a root by comparing whole
   * components ({@code os.path.commonpath([root, p]) == root}).
   */
  static final Set<String> CONTAINMENT_GUARDS = PatternLists.set("taint.containment_guards");
  /**
   * Calls whose result is a path relative to a root ({@code filepath.Rel(root, p)}): checking that
   * result for a leading {@code ..} checks the paths it was computed from.
   */
  static final Set<String> RELATIVE_PATH = PatternLists.set("taint.relative_path");
  /**
   * Calls that test a name for a {@code ..} literal ({@code strings.Contains(name, "..")});
   * replace-style calls are not among them (a one-pass removal of {@code ../} is a known bypass).
   */
  static final Set<String> DOTDOT_TESTS = PatternLists.set("taint.dotdot_tests");
  /**
   * Decorator, annotation or attribute names (lower-cased, last segment) that mark a function as a
   * request handler; its parameters are request input.
   */
  static final Set<String> HANDLER_MARKS = PatternLists.set("taint.handler_marks");
  /** Parameter types that make a function a request handler (lower-cased, blanks removed). */
  static final Set<String> HANDLER_PARAM_TYPES = PatternLists.set("taint.handler_param_types");
}
