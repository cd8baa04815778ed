package dev.synapse.bus;

import dev.synapse.signal.Signal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Bounded in-memory history of signals, oldest evicted first. Thread-safe (all methods
 * synchronized; each call is O(size) at worst and never blocks on I/O).
 *
 * <p>Each signal is kept as its CloudEvent JSON encoding (one byte array, plus its type and time
 * for filtering) rather than as the live {@link JsonObject} tree: a full history of 10,000
 * signals is then about 10,000 objects for the garbage collector to copy and scan instead of
 * several hundred thousand map entries, which keeps young-generation pauses short under load.
 * {@link #add} pays one JSON encoding per signal (outside the lock); {@link #replay} decodes the
 * signals it returns, which are equal to, not the same objects as, those added.
 */
public final class SignalHistory {
  private record Entry(String id, String type, Instant time, byte[] json) {}

  /** Default byte bound: this share of the maximum heap. */
  public static final double DEFAULT_HEAP_FRACTION = 0.125;

  private final int capacity;
  private final long maxBytes;
  private final ArrayDeque<Entry> signals;
  private long bytes;

  /** @param capacity maximum number of signals kept, ≥ 1; bytes bounded by {@link #defaultMaxBytes()} */
  public SignalHistory(int capacity) {
    this(capacity, defaultMaxBytes());
  }

  /**
   * @param capacity maximum number of signals kept, ≥ 1
   * @param maxBytes maximum bytes of encoded signals kept, ≥ 1 (a {@code review.request} carries
   *     its diff: 5 MB diffs would otherwise keep 5 MB each for {@code capacity} signals)
   */
  public SignalHistory(int capacity, long maxBytes) {
    if (capacity < 1 || maxBytes < 1) throw new IllegalArgumentException("capacity and maxBytes must be >= 1");
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.signals = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  /** @return {@value #DEFAULT_HEAP_FRACTION} of the maximum heap, in bytes */
  public static long defaultMaxBytes() {
    return Math.max(1L << 20, (long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_FRACTION));
  }

  /**
   * Longest diff, in characters, that a {@code review.request} keeps in the history. A longer one
   * is recorded with {@code diff} empty and {@value #OMITTED_FIELD} giving its length: encoding a
   * multi-megabyte diff would hold the publishing thread (an event loop) and a large share of the
   * history's byte bound for one signal. The review itself keeps its diff until it is done.
   */
  public static final int MAX_DIFF_CHARS = 1 << 20;
  /** Field of a recorded {@code review.request} whose diff was left out: the diff's length in characters. */
  public static final String OMITTED_FIELD = "diff_omitted_chars";

  /** Appends a signal, evicting the oldest while over the count or byte bound. */
  public void add(Signal signal) {
    Signal kept = withoutLargeDiff(signal);
    Entry e = new Entry(kept.id(), kept.type(), kept.time(), kept.toJson().toBuffer().getBytes());
    synchronized (this) {
      signals.addLast(e);
      bytes += e.json().length;
      while (signals.size() > capacity || (bytes > maxBytes && signals.size() > 1)) {
        bytes -= signals.pollFirst().json().length;
      }
    }
  }

  /** @return the signal, or for a request whose diff is over {@link #MAX_DIFF_CHARS} a copy without it */
  static Signal withoutLargeDiff(Signal s) {
    if (!dev.synapse.signal.SignalTypes.REVIEW_REQUEST.equals(s.type())) return s;
    Object diff = s.data().getValue("diff");
    if (!(diff instanceof String d) || d.length() <= MAX_DIFF_CHARS) return s;
    io.vertx.core.json.JsonObject data = new io.vertx.core.json.JsonObject(new java.util.LinkedHashMap<>(s.data().getMap()));
    data.put("diff", "").put(OMITTED_FIELD, d.length());
    return new Signal(s.id(), s.type(), s.source(), s.subject(), s.time(), s.dataContentType(), data, s.extensions());
  }

  /** @return bytes of encoded signals held */
  public synchronized long bytes() {
    return bytes;
  }

  /**
   * @param pattern type pattern, or null for all
   * @param since only signals with {@code time} at or after this instant, or null for all
   * @param limit most signals returned (the newest matching ones), ≥ 1
   * @return matching signals, oldest first (decoded copies)
   */
  public List<Signal> replay(TypePattern pattern, Instant since, int limit) {
    ArrayDeque<Entry> out = new ArrayDeque<>();
    synchronized (this) {
      Iterator<Entry> it = signals.descendingIterator();
      while (it.hasNext() && out.size() < limit) {
        Entry s = it.next();
        if (since != null && s.time().isBefore(since)) continue;
        if (pattern != null && !pattern.matches(s.type())) continue;
        out.addFirst(s);
      }
    }
    List<Signal> result = new ArrayList<>(out.size());
    for (Entry e : out) result.add(Signal.fromJson(new JsonObject(Buffer.buffer(e.json()))));
    return result;
  }

  /**
   * One page of a replay, as the signals' CloudEvent JSON encodings.
   *
   * @param json the encodings, oldest first
   * @param nextAfter the id of the last signal of the page when more matching signals follow
   *     (pass it as {@code afterId} for the next page), or null on the last page
   */
  public record Page(List<byte[]> json, String nextAfter) {}

  /**
   * Like {@link #replay}, bounded in bytes as well: signals are taken oldest first from the newest
   * {@code limit} matches until adding the next would pass {@code maxBytes} (a page always holds
   * at least one signal when any matches).
   *
   * @param afterId only signals recorded after the one with this id (a previous page's
   *     {@link Page#nextAfter}); null, or an id no longer held, for no such bound
   * @param maxBytes most bytes of JSON in the page (at least one signal is returned)
   * @return the page; the encodings are shared with the history and must not be modified
   */
  public Page page(TypePattern pattern, Instant since, String afterId, int limit, long maxBytes) {
    ArrayDeque<Entry> out = new ArrayDeque<>();
    synchronized (this) {
      Iterator<Entry> it = signals.descendingIterator();
      while (it.hasNext() && out.size() < limit) {
        Entry s = it.next();
        if (afterId != null && s.id().equals(afterId)) break;
        if (since != null && s.time().isBefore(since)) continue;
        if (pattern != null && !pattern.matches(s.type())) continue;
        out.addFirst(s);
      }
    }
    List<byte[]> page = new ArrayList<>();
    long bytes = 0;
    String last = null;
    for (Entry e : out) {
      if (!page.isEmpty() && bytes + e.json().length > maxBytes) {
        return new Page(page, last);
      }
      page.add(e.json());
      bytes += e.json().length;
      last = e.id();
    }
    return new Page(page, null);
  }

  /** @return signals currently held */
  public synchronized int size() {
    return signals.size();
  }

  /** @return the time of the oldest signal held, or null when empty */
  public synchronized Instant oldestTime() {
    Entry s = signals.peekFirst();
    return s == null ? null : s.time();
  }

  /** @return the configured capacity */
  public int capacity() {
    return capacity;
  }
}
