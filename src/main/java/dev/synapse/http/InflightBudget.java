package dev.synapse.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The node-wide budget of request-body bytes being read at once ({@code max_inflight_bytes}):
 * a body is admitted only when its declared length (or, for a chunked body, the body limit) fits
 * in what is left, and its bytes are given back when its request ends. Lock-free; thread-safe.
 */
public final class InflightBudget {
  private final long capacity;
  private final AtomicLong inUse = new AtomicLong();

  /** @param capacity bytes, ≥ 1 */
  public InflightBudget(long capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1");
    this.capacity = capacity;
  }

  /** @return true when {@code bytes} were reserved; false (nothing reserved) when they do not fit */
  public boolean tryReserve(long bytes) {
    while (true) {
      long used = inUse.get();
      if (bytes > capacity - used) return false;
      if (inUse.compareAndSet(used, used + bytes)) return true;
    }
  }

  /** Gives back bytes of an earlier successful {@link #tryReserve}. */
  public void release(long bytes) {
    inUse.addAndGet(-bytes);
  }

  /** @return bytes reserved now */
  public long inUse() {
    return inUse.get();
  }

  /** @return the budget, in bytes */
  public long capacity() {
    return capacity;
  }
}
