package dev.synapse.bus;

import dev.synapse.signal.Signal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Bounded in-memory history of signals, oldest evicted first. Thread-safe (all methods
 * synchronized; each call is O(size) at worst and never blocks on I/O).
 */
public final class SignalHistory {
  private final int capacity;
  private final ArrayDeque<Signal> signals;

  /** @param capacity maximum number of signals kept, ≥ 1 */
  public SignalHistory(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1");
    this.capacity = capacity;
    this.signals = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  /** Appends a signal, evicting the oldest when full. */
  public synchronized void add(Signal signal) {
    if (signals.size() == capacity) signals.pollFirst();
    signals.addLast(signal);
  }

  /**
   * @param pattern type pattern, or null for all
   * @param since only signals with {@code time} at or after this instant, or null for all
   * @param limit most signals returned (the newest matching ones), ≥ 1
   * @return matching signals, oldest first
   */
  public synchronized List<Signal> replay(TypePattern pattern, Instant since, int limit) {
    ArrayDeque<Signal> out = new ArrayDeque<>();
    Iterator<Signal> it = signals.descendingIterator();
    while (it.hasNext() && out.size() < limit) {
      Signal s = it.next();
      if (since != null && s.time().isBefore(since)) continue;
      if (pattern != null && !pattern.matches(s.type())) continue;
      out.addFirst(s);
    }
    return new ArrayList<>(out);
  }

  /** @return signals currently held */
  public synchronized int size() {
    return signals.size();
  }

  /** @return the time of the oldest signal held, or null when empty */
  public synchronized Instant oldestTime() {
    Signal s = signals.peekFirst();
    return s == null ? null : s.time();
  }

  /** @return the configured capacity */
  public int capacity() {
    return capacity;
  }
}
