package dev.synapse.agent;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.Suppressions;
import dev.synapse.analysis.TestCodePolicy;
import dev.synapse.analysis.security.AuthBypassCheck;
import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffChunks;
import dev.synapse.diff.DiffParser;
import dev.synapse.ops.SynapseMetrics;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Side;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

/**
 * Runs a specialist's checks on one large review file by file, with files in parallel, and gives
 * the same result as {@link ActionRunner} on the whole diff (same findings, same order).
 *
 * <p>How: the diff text is cut into chunks of whole files ({@link DiffChunks}, about
 * {@code chunkChars} each). Each chunk is a task on the large-review pool: it parses its text,
 * builds an {@link AnalysisContext} of its own and runs every <i>file-local</i> check on it,
 * keeping only the findings that survive inline suppression; the chunk's parse and per-file work
 * are garbage once the task ends, so memory depends on the chunks in flight (at most one per
 * pool thread), not on the whole diff. A file-local check reports on each file from that file
 * alone, so its findings over the whole diff are the concatenation, in file order, of its
 * findings per chunk. The one check that looks across files ({@link #CROSS_FILE}:
 * {@code auth_bypass} does not report a removed guard that is added again anywhere in the diff)
 * runs per chunk too; the guard keys every chunk adds are collected, and a chunk whose result
 * could change with the keys of the others (it reported an old-side finding and lacks some of
 * those keys) runs {@code auth_bypass} again with the keys of the whole diff
 * ({@link AuthBypassCheck#WHOLE_DIFF_ADDED_KEYS}). A diff that names one path in two chunks
 * (git never writes one) is analysed in one piece.
 * {@code LargeReviewIdentityTest} checks the identity with the sequential run on the corpora.
 *
 * <p>Failures keep {@link ActionRunner}'s meaning per check: a check that throws on a chunk is
 * retried there up to {@code maxRetries} times, and if it still fails the check reports an error
 * and none of its findings; a check whose time summed over the chunks passes the per-action
 * timeout is reported as timed out (it is not started on further chunks).
 *
 * <p>Threading: {@link #run} is called on a Vert.x context and completes there; the chunks run on
 * the given worker pool; nothing blocks an event loop.
 */
public final class LargeReviewRunner {
  /** Checks whose result for one file depends on other files of the diff. */
  public static final Set<String> CROSS_FILE = Set.of("auth_bypass");

  private final String agent;
  private final AgentState state;
  private final SynapseMetrics metrics;
  private final long timeoutNanos;
  private final int maxRetries;
  private final WorkerExecutor pool;
  private final int chunkChars;

  /**
   * @param agent agent name (metrics label, finding agent)
   * @param state where failures are recorded
   * @param metrics action durations and errors
   * @param timeoutMs per-action timeout, summed over a check's chunks, ms
   * @param maxRetries retries of a check that throws on a chunk
   * @param pool the large-review worker pool
   * @param chunkChars target chunk size in characters ({@link DiffChunks#DEFAULT_TARGET_CHARS})
   */
  public LargeReviewRunner(String agent, AgentState state, SynapseMetrics metrics, long timeoutMs, int maxRetries,
      WorkerExecutor pool, int chunkChars) {
    this.agent = agent;
    this.state = state;
    this.metrics = metrics;
    this.timeoutNanos = timeoutMs * 1_000_000L;
    this.maxRetries = maxRetries;
    this.pool = pool;
    this.chunkChars = chunkChars;
  }

  /** What one check produced over the whole review. */
  record CheckOutcome(String action, List<Finding> kept, int suppressed, String error, boolean timedOut) {}

  /**
   * The state of one review's run, shared by its chunk tasks (thread-safe).
   */
  static final class Run {
    final String reviewId;
    final String text;
    final int[] bounds;
    final List<Check> checks;
    final List<String> hotFunctions;
    final String repo;
    final TestCodePolicy testCode;
    /** Per chunk and check: the kept findings (null until done or when the check failed there). */
    final AtomicReferenceArray<List<Finding>> kept;
    final int[] suppressed;
    /** Per check: the first error, or null. */
    final AtomicReferenceArray<String> errors;
    final AtomicLongArray nanos;
    final boolean[] timedOut;
    /** Chunk of each file path seen (new and old paths). */
    final java.util.concurrent.ConcurrentHashMap<String, Integer> pathChunk = new java.util.concurrent.ConcurrentHashMap<>();
    /** True when one path appears in two chunks: then every check runs on the whole diff. */
    volatile boolean pathInTwoChunks;
    /** Guard keys added anywhere in the diff ({@link AuthBypassCheck#addedGuardKeys}). */
    final Set<String> guardKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Per chunk: the guard keys it adds itself. */
    final AtomicReferenceArray<Set<String>> localKeys;
    /** Per chunk: true when auth_bypass reported an old-side finding there (one a guard added elsewhere may cancel). */
    final boolean[] oldSideAuth;

    Run(String reviewId, String text, int chunkChars, List<Check> checks, List<String> hotFunctions, String repo,
        TestCodePolicy testCode) {
      this.reviewId = reviewId;
      this.text = text;
      this.bounds = DiffChunks.bounds(text, chunkChars);
      this.checks = checks;
      this.hotFunctions = hotFunctions;
      this.repo = repo;
      this.testCode = testCode;
      int chunks = bounds.length - 1;
      this.kept = new AtomicReferenceArray<>(chunks * checks.size());
      this.suppressed = new int[chunks * checks.size()];
      this.errors = new AtomicReferenceArray<>(checks.size());
      this.nanos = new AtomicLongArray(checks.size());
      this.timedOut = new boolean[checks.size()];
      this.localKeys = new AtomicReferenceArray<>(chunks);
      this.oldSideAuth = new boolean[chunks];
    }

    int chunks() {
      return bounds.length - 1;
    }
  }

  /**
   * @param reviewId for the scar tissue
   * @param checks the actions, in the order the sequential run uses
   * @param text the whole diff
   * @param hotFunctions {@code metadata.hot_functions}
   * @param repo {@code metadata.repo}, or null
   * @param testCode the test-code policy
   * @param learnedSuppression true for a finding a learned false positive suppresses
   * @return the report; fails only when the diff does not parse
   */
  public Future<ActionReport> run(String reviewId, List<Check> checks, String text, List<String> hotFunctions,
      String repo, TestCodePolicy testCode, Predicate<Finding> learnedSuppression) {
    if (checks.isEmpty()) return Future.succeededFuture(new ActionReport(List.of(), List.of(), List.of(), 0, 0));
    Run run = new Run(reviewId, text, chunkChars, checks, hotFunctions, repo, testCode);
    List<Future<Void>> tasks = new ArrayList<>();
    for (int c = 0; c < run.chunks(); c++) {
      int chunk = c;
      tasks.add(pool.executeBlocking(() -> {
        runChunk(run, chunk);
        return null;
      }, false));
    }
    return Future.all(tasks)
        .compose(v -> {
          if (run.pathInTwoChunks) {
            return pool.executeBlocking(() -> {
              runWhole(run);
              return null;
            }, false);
          }
          List<Future<Void>> reruns = new ArrayList<>();
          for (int c : chunksToRerun(run)) {
            reruns.add(pool.executeBlocking(() -> {
              rerunCrossFile(run, c);
              return null;
            }, false));
          }
          return Future.all(reruns);
        })
        .map(v -> report(outcomes(run), learnedSuppression));
  }

  /** Worker thread: parses one chunk and runs every file-local check on it. */
  void runChunk(Run run, int chunk) {
    Diff diff = DiffChunks.parse(run.text, run.bounds, chunk);
    for (dev.synapse.diff.FileDiff f : diff.files()) {
      for (String p : new String[] {f.newPath(), f.oldPath()}) {
        if (p == null) continue;
        Integer prev = run.pathChunk.putIfAbsent(p, chunk);
        if (prev != null && prev != chunk) run.pathInTwoChunks = true;
      }
    }
    if (run.pathInTwoChunks) return;
    AnalysisContext ctx = new AnalysisContext(diff, run.hotFunctions, run.repo, run.testCode);
    for (int k = 0; k < run.checks.size(); k++) {
      Check check = run.checks.get(k);
      List<Finding> raw = runCheck(run, k, chunk, ctx);
      if (CROSS_FILE.contains(check.id())) {
        Set<String> keys = check instanceof AuthBypassCheck a ? a.addedGuardKeys(ctx) : Set.of();
        run.localKeys.set(chunk, keys);
        run.guardKeys.addAll(keys);
        boolean old = false;
        if (raw != null) for (Finding f : raw) old |= f.side() == Side.OLD;
        synchronized (run) {
          run.oldSideAuth[chunk] = old;
        }
      }
    }
  }

  /**
   * @return the chunks whose auth_bypass result may change with the guards added in other
   *     chunks: it reported an old-side finding (a removed guard, which a guard added elsewhere
   *     cancels) and other chunks add keys it does not add itself. The others are already exact.
   */
  static List<Integer> chunksToRerun(Run run) {
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < run.chunks(); c++) {
      Set<String> local = run.localKeys.get(c);
      boolean old;
      synchronized (run) {
        old = run.oldSideAuth[c];
      }
      if (old && local != null && !local.containsAll(run.guardKeys)) out.add(c);
    }
    return out;
  }

  /** Worker thread: auth_bypass again on one chunk, with the guard keys of the whole diff. */
  void rerunCrossFile(Run run, int chunk) {
    AnalysisContext ctx = new AnalysisContext(DiffChunks.parse(run.text, run.bounds, chunk), run.hotFunctions,
        run.repo, run.testCode);
    Set<String> all = Set.copyOf(run.guardKeys);
    ctx.memo(AuthBypassCheck.WHOLE_DIFF_ADDED_KEYS, k -> all);
    for (int k = 0; k < run.checks.size(); k++) {
      if (CROSS_FILE.contains(run.checks.get(k).id())) runCheck(run, k, chunk, ctx);
    }
  }

  /** Worker thread, for tests: what {@link #run} does after the chunks, on the calling thread. */
  void finish(Run run) {
    if (run.pathInTwoChunks) {
      runWhole(run);
      return;
    }
    for (int c : chunksToRerun(run)) rerunCrossFile(run, c);
  }

  /**
   * Worker thread: every check on a context of the whole diff, used when one path appeared in
   * two chunks (checks key per-file state such as fingerprint occurrences and inline
   * suppressions by path, so such a diff, which git never writes, is analysed in one piece).
   */
  void runWhole(Run run) {
    AnalysisContext whole = new AnalysisContext(DiffParser.parse(run.text), run.hotFunctions, run.repo, run.testCode);
    int n = run.checks.size();
    for (int k = 0; k < n; k++) {
      for (int c = 0; c < run.chunks(); c++) run.kept.set(c * n + k, null);
      synchronized (run) {
        for (int c = 0; c < run.chunks(); c++) run.suppressed[c * n + k] = 0;
        run.errors.set(k, null);
        run.timedOut[k] = false;
      }
      run.nanos.set(k, 0);
      // the whole diff is chunk 0 of the results; the other chunks stay empty
      runCheck(run, k, 0, whole);
    }
  }

  /** @return the check's raw findings on this context, or null when it failed (or had failed before) */
  private List<Finding> runCheck(Run run, int k, int chunk, AnalysisContext ctx) {
    Check check = run.checks.get(k);
    for (int attempt = 0; ; attempt++) {
      synchronized (run) {
        if (run.errors.get(k) != null) return null;
      }
      long start = System.nanoTime();
      try {
        List<Finding> raw = check.run(ctx);
        Suppressions.Filtered f = Suppressions.apply(raw, ctx);
        long spent = run.nanos.addAndGet(k, System.nanoTime() - start);
        run.kept.set(chunk * run.checks.size() + k, f.kept());
        synchronized (run) {
          run.suppressed[chunk * run.checks.size() + k] = f.suppressed();
          if (spent > timeoutNanos && run.errors.get(k) == null) {
            run.errors.set(k, check.id() + " timed out after " + timeoutNanos / 1_000_000 + " ms");
            run.timedOut[k] = true;
            metrics.agentError(agent, check.id(), "timeout");
            state.recordFailure(run.reviewId, check.id(), "timeout", run.errors.get(k));
          }
        }
        return raw;
      } catch (RuntimeException | StackOverflowError e) {
        run.nanos.addAndGet(k, System.nanoTime() - start);
        String message = check.id() + " failed: " + safeMessage(e);
        metrics.agentError(agent, check.id(), "error");
        state.recordFailure(run.reviewId, check.id(), "error", message);
        if (attempt >= maxRetries) {
          synchronized (run) {
            if (run.errors.get(k) == null) {
              run.errors.set(k, attempt == 0 ? message : message + " (after " + (attempt + 1) + " attempts)");
            }
          }
          return null;
        }
      }
    }
  }

  /** @return per check, in order: its findings over the chunks in order, or its error */
  List<CheckOutcome> outcomes(Run run) {
    List<CheckOutcome> out = new ArrayList<>();
    int n = run.checks.size();
    for (int k = 0; k < n; k++) {
      String id = run.checks.get(k).id();
      metrics.actionDuration(agent, id, run.nanos.get(k));
      String error;
      boolean timedOut;
      synchronized (run) {
        error = run.errors.get(k);
        timedOut = run.timedOut[k];
      }
      if (error != null) {
        out.add(new CheckOutcome(id, List.of(), 0, error, timedOut));
        continue;
      }
      List<Finding> kept = new ArrayList<>();
      int suppressed = 0;
      for (int c = 0; c < run.chunks(); c++) {
        List<Finding> part = run.kept.get(c * n + k);
        if (part != null) kept.addAll(part);
        synchronized (run) {
          suppressed += run.suppressed[c * n + k];
        }
      }
      out.add(new CheckOutcome(id, kept, suppressed, null, false));
    }
    return out;
  }

  private ActionReport report(List<CheckOutcome> outcomes, Predicate<Finding> learnedSuppression) {
    List<Finding> findings = new ArrayList<>();
    List<String> actionsRun = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int suppressed = 0;
    int timedOut = 0;
    for (CheckOutcome o : outcomes) {
      if (o.error() != null) {
        errors.add(o.error());
        if (o.timedOut()) timedOut++;
        continue;
      }
      actionsRun.add(o.action());
      suppressed += o.suppressed();
      for (Finding finding : o.kept()) {
        if (learnedSuppression.test(finding)) {
          suppressed++;
        } else {
          findings.add(finding.withAgent(agent));
        }
      }
    }
    return new ActionReport(findings, actionsRun, errors, suppressed, timedOut);
  }

  private static String safeMessage(Throwable t) {
    String m = t.getMessage();
    String text = t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    return text.length() > 200 ? text.substring(0, 200) : text;
  }
}
