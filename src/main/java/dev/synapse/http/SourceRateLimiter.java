package dev.synapse.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-source token buckets (Bucket4j): each source may make {@code perMinute} requests per
 * minute, refilled greedily, with a burst of {@code perMinute}. The source map is an LRU bounded
 * to {@code maxSources} entries, so many distinct sources cannot exhaust memory (an evicted
 * source starts again with a full bucket). Thread-safe.
 */
public final class SourceRateLimiter {
  /** Default bound of the per-source map. */
  public static final int DEFAULT_MAX_SOURCES = 10_000;

  private final int perMinute;
  private final TimeMeter clock;
  private final Map<String, Bucket> buckets;

  /**
   * @param perMinute requests per minute per source, ≥ 1
   * @param maxSources most sources tracked at once, ≥ 1
   * @param clock time source (tests pass a fake)
   */
  public SourceRateLimiter(int perMinute, int maxSources, TimeMeter clock) {
    if (perMinute < 1 || maxSources < 1) throw new IllegalArgumentException("perMinute and maxSources must be >= 1");
    this.perMinute = perMinute;
    this.clock = clock;
    this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > maxSources;
      }
    };
  }

  /** @param perMinute requests per minute per source, ≥ 1 */
  public SourceRateLimiter(int perMinute) {
    this(perMinute, DEFAULT_MAX_SOURCES, TimeMeter.SYSTEM_MILLISECONDS);
  }

  /**
   * Takes one token for the source.
   *
   * @param source e.g. the client's IP address
   * @return 0 when allowed; otherwise the nanoseconds until a token is available (&gt; 0)
   */
  public long tryAcquire(String source) {
    Bucket bucket;
    synchronized (buckets) {
      bucket = buckets.computeIfAbsent(source, k -> newBucket());
    }
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
  }

  /** @return sources currently tracked */
  public int trackedSources() {
    synchronized (buckets) {
      return buckets.size();
    }
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(l -> l.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
        .withCustomTimePrecision(clock)
        .build();
  }
}
