package dev.synapse.analysis.security;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.lang.Functions;
import dev.synapse.diff.FileDiff;
import dev.synapse.signal.Side;
import java.util.List;

/** Runs the taint analysis once per file and review, shared by every data-flow check. */
final class FlowResults {
  private FlowResults() {}

  private record Key(FileDiff file, SecurityKnowledge knowledge) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.file == file && k.knowledge == knowledge;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(file) * 7 + System.identityHashCode(knowledge);
    }
  }

  static List<TaintAnalyzer.Candidate> of(AnalysisContext ctx, FileDiff file, SecurityKnowledge knowledge) {
    return ctx.memo(new Key(file, knowledge), k -> TaintAnalyzer.analyze(
        Functions.view(ctx, file, Side.NEW), Functions.of(ctx, file, Side.NEW), knowledge));
  }
}
