package dev.synapse.analysis.performance;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.performance.FileView.Row;
import dev.synapse.diff.LineKind;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code n_plus_one}: a database query (ORM finder, repository method, SQL driver call,
 * association query through the loop variable, a finder name such as {@code findById} /
 * {@code findOneBy} on any receiver, a data-access method on a receiver declared with a
 * repository/DAO/database type, an awaited data-access call) or a remote call (HTTP client, a
 * receiver declared with a client type) inside the body
 * of a loop over a collection, on an added line — one round trip per element where one batched
 * query or request would do. CWE-1073 (non-SQL-invokable control element with excessive
 * number of data resource accesses) for queries, CWE-1050 (excessive platform resource
 * consumption within a loop) for remote calls.
 *
 * <p>Not reported: the query that produces the loop's collection (it runs once); association
 * queries whose association is preloaded in the same function ({@code prefetch_related},
 * {@code includes}, {@code preload}, {@code with}, {@code joinedload}, …); lookups in
 * in-memory maps built before the loop; loops over numeric literals or plain counters.
 *
 * <p>Severity: medium. Stateless and thread-safe.
 */
public final class NPlusOneCheck implements Check {
  /** Rule id for a database query in a loop. */
  public static final String RULE_QUERY = "SYN-PERF-N1-001";
  /** Rule id for a remote (HTTP) call in a loop. */
  public static final String RULE_REMOTE = "SYN-PERF-N1-002";
  static final String CATEGORY = "n_plus_one";
  private static final String[] PRELOADS = {"prefetch_related", "select_related", "includes",
      "preload", "eager_load", "joinedload", "selectinload", "subqueryload", "with(", "load(",
      "include:", "join fetch", "entitygraph", "fetchjoin", "contains_eager", "loadmissing",
      "->with", "::with"};

  @Override
  public String id() {
    return CATEGORY;
  }

  @Override
  public String category() {
    return CATEGORY;
  }

  @Override
  public List<Finding> run(AnalysisContext context) {
    List<Finding> out = new ArrayList<>();
    PerfFingerprint fingerprints = new PerfFingerprint();
    for (FileView v : FileViews.of(context)) {
      if (v.lang == SourceLanguage.UNKNOWN) continue;
      Set<Integer> reported = new HashSet<>();
      java.util.Map<String, DataAccess.Kind> declared = null;
      for (Loops.Loop loop : Loops.of(v)) {
        if (declared == null) declared = DataAccess.declaredReceivers(v);
        for (int row : loop.rows()) {
          Row r = v.rows.get(row);
          if (r.kind() != LineKind.ADDED || reported.contains(row)) continue;
          List<Call> rowCalls = v.calls(row, v.lang == SourceLanguage.RUBY);
          for (Call c : rowCalls) {
            if (!loop.inBody(row, c.tokenIndex())) continue;
            DataAccess.Kind kind = DataAccess.classify(v.lang, c, loop.vars(), c.awaited(r.toks()), declared);
            if (kind == null) continue;
            boolean association = loop.vars().contains(c.root()) || loop.vars().contains(stripSigil(c.root()));
            if (kind == DataAccess.Kind.QUERY && association && preloaded(v, loop, c.chain().get(1))) continue;
            if (alreadyInLoop(v, loop, c)) break;
            reported.add(row);
            out.add(finding(fingerprints, v, row, c, kind, association));
            break;
          }
        }
      }
    }
    return out;
  }

  /**
   * An edited line reports only what the change introduced: the loop was already there (its
   * header is a context row) and a removed row inside it made the same call (name and receiver
   * chain), so the old side already had this round trip per element. A call moved into the
   * loop from outside it is still new.
   */
  private static boolean alreadyInLoop(FileView v, Loops.Loop loop, Call c) {
    if (v.rows.get(loop.header()).kind() != LineKind.CONTEXT) return false;
    boolean bare = v.lang == SourceLanguage.RUBY;
    for (int q = loop.header() + 1; q <= loop.lastRow(); q++) {
      if (v.rows.get(q).kind() != LineKind.REMOVED) continue;
      for (Call old : v.calls(q, bare)) {
        if (old.name().equals(c.name()) && old.chain().equals(c.chain())) return true;
      }
    }
    return false;
  }

  private static String stripSigil(String s) {
    return s.startsWith("$") ? s.substring(1) : s;
  }

  /** True when the association is named in a preload/eager-load call of the enclosing scope. */
  private static boolean preloaded(FileView v, Loops.Loop loop, String association) {
    FileView.Function f = v.newFunctionAt(loop.header());
    int from = f == null ? 0 : f.startRow();
    int to = f == null ? v.rows.size() - 1 : f.endRow();
    String assoc = association.toLowerCase(Locale.ROOT);
    for (int i = from; i <= to; i++) {
      Row r = v.rows.get(i);
      if (!r.onNewSide()) continue;
      String raw = r.head().toLowerCase(Locale.ROOT);
      for (String p : PRELOADS) {
        if (raw.contains(p)) {
          for (int q = i; q <= Math.min(to, i + 3); q++) {
            if (v.rows.get(q).head().toLowerCase(Locale.ROOT).contains(assoc)) return true;
          }
        }
      }
    }
    return false;
  }

  private static Finding finding(PerfFingerprint fingerprints, FileView v, int row, Call c, DataAccess.Kind kind, boolean association) {
    Row r = v.rows.get(row);
    FileView.Function f = v.newFunctionAt(row);
    String fn = f == null ? "" : f.name();
    boolean remote = kind == DataAccess.Kind.REMOTE;
    String rule = remote ? RULE_REMOTE : RULE_QUERY;
    String what = remote ? "a remote call (" + c.name() + ")" : "a database query (" + c.name() + ")";
    String summary = "Loop body makes " + what + " once per element: N+1 round trips.";
    String recommendation = remote
        ? "Fetch all elements in one batched request before the loop (a bulk endpoint), or cache the results; at least bound the concurrency."
        : "Load the related rows in one query before the loop (IN (...) / batch finder / eager loading such as includes, prefetch_related, preload, JOIN FETCH) and look them up in memory.";
    return new Finding(CATEGORY, Severity.MEDIUM, v.path, r.newLine(), Side.NEW, null, rule,
        remote ? "CWE-1050" : "CWE-1073", summary, recommendation, association ? 0.7 : 0.8,
        fingerprints.of(rule, v.path, fn, r.raw()), null);
  }
}
