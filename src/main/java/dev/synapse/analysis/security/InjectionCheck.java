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
 * (side old) whose removal opened such a flow ({@link RemovedGuards}). Stateless and thread-safe; the analysis itself is shared
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
      removedGuards(context, file, out);
      List<dev.synapse.analysis.rules.Pack.TemplateSink> templateRows = TemplateSinks.rows(context, file, knowledge);
      boolean templates = !templateRows.isEmpty();
      if (cands.isEmpty() && !templates) continue;
      SourceView view = Functions.view(context, file, Side.NEW);
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
      if (cands.isEmpty()) continue;
      cands.sort(Comparator.comparingInt(TaintAnalyzer.Candidate::line));
      FindingFactory ff = new FindingFactory();
      for (TaintAnalyzer.Candidate c : cands) {
        Finding f = ff.make(rule, view, c.line(), c.confidence(), summary(c), null, null);
        out.add(partial.contains(c.line()) ? stepDown(f) : f);
      }
    }
    return out;
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

  /** Old-side findings: the change removed a guard in front of a sink of this rule. */
  private void removedGuards(AnalysisContext context, FileDiff file, List<Finding> out) {
    if (file.changeType() == ChangeType.ADDED) return;
    List<RemovedGuards.Removed> removed = new ArrayList<>();
    for (RemovedGuards.Removed r : RemovedGuards.of(context, file, knowledge)) {
      if (r.rule() == rule) removed.add(r);
    }
    if (removed.isEmpty()) return;
    SourceView ov = Functions.view(context, file, Side.OLD);
    FindingFactory ff = new FindingFactory();
    for (RemovedGuards.Removed r : removed) {
      out.add(ff.make(rule, ov, r.oldLine(), r.confidence(), rule.title()
          + ": the change removes this check, which kept untrusted input from "
          + describe(r.how()) + " further down.", null, null));
    }
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
