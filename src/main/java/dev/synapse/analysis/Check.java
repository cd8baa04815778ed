package dev.synapse.analysis;

import dev.synapse.signal.Finding;
import java.util.List;

/**
 * One analysis action: a check for one category over a parsed diff. Implementations are pure
 * Java (no Vert.x), stateless and thread-safe, and may block: agents run them on worker
 * threads, never on an event loop.
 */
public interface Check {

  /** @return the action name reported in {@code actions_run} and metrics, e.g. {@code sql_injection} */
  String id();

  /** @return the category id of the findings this check reports (DESIGN.md 1) */
  String category();

  /**
   * Runs the check.
   *
   * @param context the review's diff and metadata
   * @return findings on added lines (removed lines only where a category says so, with side
   *     OLD), each with file, exact line, severity, rule id, CWE, summary, recommendation,
   *     confidence and fingerprint; never null
   * @throws RuntimeException on an internal failure; the agent records it and retries
   */
  List<Finding> run(AnalysisContext context);
}
