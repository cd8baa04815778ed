package dev.synapse.analysis.security;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.lang.Functions;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.diff.ChangeType;
import dev.synapse.diff.FileDiff;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A data-flow check for one injection-style category (SQL, XSS, command, path traversal, LDAP,
 * XPath, code injection, trust boundary): reports added lines where untrusted input reaches the
 * category's sinks without a sanitiser, lines of template files where the packs' template
 * rules ({@link TemplateSinks}) find a non-constant value written without escaping (a template
 * value that is not a known source is reported one severity step down), and removed guard lines
 * whose removal opened such a flow ({@link RemovedGuards}, {@link RemovedProtection}; reported on
 * the new side where the unprotected code runs), flawed checks ({@link FlawedChecks}), and changed
 * lines that turn a framework protection off ({@link LinePatterns}, the packs' {@code line_patterns}).
 * Stateless and thread-safe; the analysis itself is shared
 * per review through {@link AnalysisContext#memo}.
 */
public final class InjectionCheck implements Check {
  private final Rule rule;
  private final SecurityKnowledge knowledge;

  /**
   * @param rule one of the data-flow rules
   * @param knowledge the compiled rule packs (shared by every check of a review)
   */
  public InjectionCheck(Rule rule, SecurityKnowledge knowledge) {
    this.rule = rule;
    this.knowledge = knowledge;
  }

  @Override
  public String id() {
    return rule.category();
  }

  @Override
  public String category() {
    return rule.category();
  }

  @Override
  public List<Finding> run(AnalysisContext context) {
    List<Finding> out = new ArrayList<>();
    for (FileDiff file : context.diff().files()) {
      if (file.binary() || file.changeType() == ChangeType.DELETED || file.hunks().isEmpty()) continue;
      List<TaintAnalyzer.Candidate> cands = new ArrayList<>();
      for (TaintAnalyzer.Candidate c : FlowResults.of(context, file, knowledge)) {
        if (c.rule() == rule) cands.add(c);
      }
      List<RemovedProtection.Hit> hits = new ArrayList<>(ChangeHits.of(context, file, knowledge, rule));
      removedGuards(context, file, hits);
      List<dev.synapse.analysis.rules.Pack.TemplateSink> templateRows = TemplateSinks.rows(context, file, knowledge);
      boolean templates = !templateRows.isEmpty();
      boolean patterns = knowledge.hasLinePatterns(rule) && LinePatterns.applies(file.path(), knowledge, rule);
      if (cands.isEmpty() && !templates && hits.isEmpty() && !patterns) continue;
      SourceView view = Functions.view(context, file, Side.NEW);
      if (patterns) linePatterns(view, out);
      Set<Integer> flowLines = new HashSet<>();
      for (TaintAnalyzer.Candidate c : cands) flowLines.add(c.line());
      Set<Integer> partial = new HashSet<>();
      if (templates) {
        TemplateSinks.Scan scan = TemplateSinks.scan(view, knowledge, rule, templateRows);
        cands.removeIf(c -> scan.constantLines().contains(c.line()));
        for (TaintAnalyzer.Candidate c : scan.found()) {
          if (flowLines.contains(c.line())) continue;
          cands.add(c);
          if ((c.origin() & Value.O_REQUEST) == 0) partial.add(c.line());
        }
      }
      cands.sort(Comparator.comparingInt(TaintAnalyzer.Candidate::line));
      FindingFactory ff = new FindingFactory();
      Set<Integer> reported = new HashSet<>();
      for (TaintAnalyzer.Candidate c : cands) {
        Finding f = ff.make(rule, view, c.line(), c.confidence(), summary(c), null, null);
        out.add(partial.contains(c.line()) ? stepDown(f) : f);
        reported.add(c.line());
      }
      // what the change took away or built wrongly (partial confidence: one severity step down)
      for (RemovedProtection.Hit h : hits) {
        if (!reported.add(h.line())) continue;
        out.add(stepDown(ff.make(rule, view, h.line(), h.confidence(), h.summary(), null, h.cwe())));
      }
    }
    return out;
  }

  /** Findings of the packs' line pattern rules: the changed line itself turns a protection off. */
  private void linePatterns(SourceView view, List<Finding> out) {
    FindingFactory ff = new FindingFactory();
    for (LinePatterns.Hit h : LinePatterns.scan(view, knowledge, rule)) {
      out.add(ff.make(rule, view, h.line(), h.confidence(), rule.title() + ": " + h.label() + ".", null, null));
    }
  }

  /**
   * A template sink fed by a variable the template cannot trace (partial confidence) is reported
   * one severity step below the rule's default.
   */
  private static Finding stepDown(Finding f) {
    Severity s = f.severity() == Severity.HIGH ? Severity.MEDIUM : f.severity() == Severity.MEDIUM ? Severity.LOW : f.severity();
    return new Finding(f.type(), s, f.file(), f.line(), f.side(), f.endLine(), f.ruleId(), f.cwe(),
        f.summary(), f.recommendation(), f.confidence(), f.fingerprint(), f.agent());
  }

  /**
   * New-side candidates at the sink: the change removed a guard (old side) in front of a sink of
   * this rule whose flow the old code did not have ({@link RemovedGuards}).
   */
  private void removedGuards(AnalysisContext context, FileDiff file, List<RemovedProtection.Hit> hits) {
    if (file.changeType() == ChangeType.ADDED) return;
    for (RemovedGuards.Removed r : RemovedGuards.of(context, file, knowledge)) {
      if (r.rule() != rule || near(hits, r.newLine())) continue; // the same removal, seen by both
      hits.add(new RemovedProtection.Hit(rule, r.newLine(), r.confidence(), rule.title()
          + ": the change removes the check at line " + r.oldLine() + " of the old version, which kept"
          + " untrusted input from " + describe(r.how()) + " here.", null));
    }
  }

  /** @return true when a candidate lies within 5 lines of the line */
  private static boolean near(List<RemovedProtection.Hit> hits, int line) {
    for (RemovedProtection.Hit h : hits) if (Math.abs(h.line() - line) <= 5) return true;
    return false;
  }

  private String summary(TaintAnalyzer.Candidate c) {
    // a value whose origin the diff does not show is not known to be untrusted: said in the
    // text and in the (partial) confidence (issue 12 item 5)
    String from = (c.origin() & 1) != 0 ? "request/CLI input"
        : (c.origin() & 2) != 0 ? "a parameter of the changed function (origin not shown in the diff, partial confidence)"
        : "a value defined outside the visible code (origin not shown in the diff, partial confidence)";
    return rule.title() + ": " + from + " flows into " + describe(c.how()) + " without sanitising.";
  }

  private String describe(String how) {
    String into = rule.sinkDescription();
    return into == null ? how : into + " (" + how + ")";
  }

}
