package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.TimeMeter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SourceRateLimiter")
class SourceRateLimiterTest {
  /** A clock the test moves by hand. */
  static final class FakeClock implements TimeMeter {
    final AtomicLong nanos = new AtomicLong();

    @Override
    public long currentTimeNanos() {
      return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  }

  @Test
  @DisplayName("a source may make exactly its per-minute budget of requests in a burst")
  void burstUpToBudget() {
    SourceRateLimiter limiter = new SourceRateLimiter(3, 10, new FakeClock());
    for (int i = 0; i < 3; i++) assertEquals(0, limiter.tryAcquire("10.0.0.1"));
    assertTrue(limiter.tryAcquire("10.0.0.1") > 0);
  }

  @Test
  @DisplayName("a rejected source is told to wait about one refill interval")
  void waitIsOneRefill() {
    SourceRateLimiter limiter = new SourceRateLimiter(60, 10, new FakeClock());
    for (int i = 0; i < 60; i++) limiter.tryAcquire("a");
    long wait = limiter.tryAcquire("a");
    assertTrue(wait > 0 && wait <= TimeUnit.SECONDS.toNanos(1), "wait " + wait);
  }

  @Test
  @DisplayName("tokens come back as time passes")
  void refills() {
    FakeClock clock = new FakeClock();
    SourceRateLimiter limiter = new SourceRateLimiter(2, 10, clock);
    limiter.tryAcquire("a");
    limiter.tryAcquire("a");
    clock.nanos.addAndGet(TimeUnit.SECONDS.toNanos(30));
    assertEquals(0, limiter.tryAcquire("a"));
  }

  @Test
  @DisplayName("sources have separate buckets")
  void separateSources() {
    SourceRateLimiter limiter = new SourceRateLimiter(1, 10, new FakeClock());
    assertEquals(0, limiter.tryAcquire("a"));
    assertEquals(0, limiter.tryAcquire("b"));
  }

  @Test
  @DisplayName("the per-source map never holds more than its bound")
  void boundedMap() {
    SourceRateLimiter limiter = new SourceRateLimiter(1, 100, new FakeClock());
    for (int i = 0; i < 10_000; i++) limiter.tryAcquire("10.0." + (i / 256) + "." + (i % 256));
    assertEquals(100, limiter.trackedSources());
  }
}
