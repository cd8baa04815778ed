package dev.synapse.analysis;

import dev.synapse.diff.Diff;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a check sees of one review: the parsed diff and the request metadata that checks use.
 * Holds a per-review memo so that several checks share expensive per-file work (lexing,
 * parsing). Thread-safe.
 */
public final class AnalysisContext {
  private final Diff diff;
  private final List<String> hotFunctions;
  private final String repo;
  private final TestCodePolicy testCode;
  private final Map<Object, Object> memo = new ConcurrentHashMap<>();

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
