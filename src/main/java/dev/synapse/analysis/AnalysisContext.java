package dev.synapse.analysis;

import dev.synapse.diff.Diff;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * What a check sees of one review: the parsed diff and the request metadata that checks use.
 * Holds a per-review memo so that several checks share expensive per-file work (lexing,
 * parsing); the contexts of the specialists of one review may share one memo (see the
 * five-argument constructor). Thread-safe.
 */
public final class AnalysisContext {
  private final Diff diff;
  private final List<String> hotFunctions;
  private final String repo;
  private final TestCodePolicy testCode;
  private final ConcurrentMap<Object, Object> memo;

  /**
   * @param diff the parsed diff
   * @param hotFunctions {@code metadata.hot_functions}, possibly empty
   * @param repo {@code metadata.repo}, or null
   */
  public AnalysisContext(Diff diff, List<String> hotFunctions, String repo) {
    this(diff, hotFunctions, repo, new TestCodePolicy(TestCodePolicy.DEFAULT_MAX));
  }

  /**
   * @param diff the parsed diff
   * @param hotFunctions {@code metadata.hot_functions}, possibly empty
   * @param repo {@code metadata.repo}, or null
   * @param testCode how findings in test code are reported ({@code test_code_max_severity})
   */
  public AnalysisContext(Diff diff, List<String> hotFunctions, String repo, TestCodePolicy testCode) {
    this(diff, hotFunctions, repo, testCode, null);
  }

  /**
   * A context whose memo is shared with other contexts of the same review, e.g. the security and
   * the performance specialist of one node: each memoised view (lexing, functions, file views) is
   * then computed once for all of them. Every memoised value is a function of the diff's objects
   * alone (not of the hot functions, repository or test-code policy), so sharing changes no
   * finding; computations racing on one key only repeat work.
   *
   * @param diff the parsed diff; the memo must only ever have been used with this very instance
   * @param hotFunctions {@code metadata.hot_functions}, possibly empty
   * @param repo {@code metadata.repo}, or null
   * @param testCode how findings in test code are reported ({@code test_code_max_severity})
   * @param sharedMemo the review's shared memo, or null for a memo of this context's own
   */
  public AnalysisContext(Diff diff, List<String> hotFunctions, String repo, TestCodePolicy testCode,
      ConcurrentMap<Object, Object> sharedMemo) {
    this.memo = sharedMemo != null ? sharedMemo : new ConcurrentHashMap<>();
    this.diff = diff;
    this.hotFunctions = hotFunctions == null ? List.of() : List.copyOf(hotFunctions);
    this.repo = repo;
    this.testCode = testCode == null ? new TestCodePolicy(TestCodePolicy.DEFAULT_MAX) : testCode;
  }

  /** @return how findings in test code are reported */
  public TestCodePolicy testCode() {
    return testCode;
  }

  /** @return the parsed diff */
  public Diff diff() {
    return diff;
  }

  /** @return hot function names from {@code metadata.hot_functions} */
  public List<String> hotFunctions() {
    return hotFunctions;
  }

  /** @return {@code metadata.repo}, or null */
  public String repo() {
    return repo;
  }

  /**
   * Computes a value once per review and key, shared by all checks.
   *
   * @param key identity of the computation (e.g. a record of file path and kind)
   * @param compute the computation, run at most once per key
   */
  @SuppressWarnings("unchecked")
  public <K, V> V memo(K key, Function<K, V> compute) {
    Object v = memo.get(key);
    if (v == null) {
      v = compute.apply(key);
      Object prev = memo.putIfAbsent(key, v);
      if (prev != null) v = prev;
    }
    return (V) v;
  }
}
