package dev.synapse.analysis.security;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.lang.Functions;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.diff.ChangeType;
import dev.synapse.diff.FileDiff;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A data-flow check for one injection-style category (SQL, XSS, command, path traversal, LDAP,
 * XPath, code injection, trust boundary): reports added lines where untrusted input reaches the
 * category's sinks without a sanitiser, and removed guard lines (side old) whose removal opened
 * such a flow ({@link RemovedGuards}). Stateless and thread-safe; the analysis itself is shared
 * per review through {@link AnalysisContext#memo}.
 */
public final class InjectionCheck implements Check {
  private final Rule rule;

  /** @param rule one of the data-flow rules */
  public InjectionCheck(Rule rule) {
    this.rule = rule;
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
      for (TaintAnalyzer.Candidate c : FlowResults.of(context, file)) {
        if (c.rule() == rule) cands.add(c);
      }
      removedGuards(context, file, out);
      if (cands.isEmpty()) continue;
      cands.sort(Comparator.comparingInt(TaintAnalyzer.Candidate::line));
      SourceView view = Functions.view(context, file, Side.NEW);
      FindingFactory ff = new FindingFactory();
      for (TaintAnalyzer.Candidate c : cands) {
        out.add(ff.make(rule, view, c.line(), c.confidence(), summary(c), null, null));
      }
    }
    return out;
  }

  /** Old-side findings: the change removed a guard in front of a sink of this rule. */
  private void removedGuards(AnalysisContext context, FileDiff file, List<Finding> out) {
    if (file.changeType() == ChangeType.ADDED) return;
    List<RemovedGuards.Removed> removed = new ArrayList<>();
    for (RemovedGuards.Removed r : RemovedGuards.of(context, file)) {
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
    switch (rule) {
      case SQL_INJECTION: return "SQL text (" + how + ")";
      case XSS: return "HTML output (" + how + ")";
      case COMMAND_INJECTION: return "a shell command (" + how + ")";
      case PATH_TRAVERSAL: return "a file path (" + how + ")";
      case LDAP_INJECTION: return "an LDAP filter (" + how + ")";
      case XPATH_INJECTION: return "an XPath expression (" + how + ")";
      case CODE_INJECTION: return "code evaluation (" + how + ")";
      case TRUST_BOUNDARY: return "the session (" + how + ")";
      default: return how;
    }
  }
}
