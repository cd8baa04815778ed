package dev.synapse.review;

import dev.synapse.diff.Diff;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Node-local hand-over of parsed diffs from the ingress to the specialists: the edge parses every
 * diff to validate it, and the specialists on the same node reuse that parse instead of parsing
 * the text again (once per specialist).
 *
 * <p>Keyed by review id. A lookup hits only when the caller's diff text is the very same
 * {@code String} instance that was parsed (local event-bus delivery passes the request by
 * reference; a request that went through JSON, e.g. from another cluster node or a store, misses
 * and is parsed again), so a hit can never be the parse of another text. Bounded: at most
 * {@code maxEntries} entries and {@code maxChars} characters of diff text; the oldest entries are
 * evicted first, and a diff larger than a quarter of {@code maxChars} is not cached. Entries are
 * removed when the review's run ends ({@link #remove}). Thread-safe (one lock; every method is
 * O(1) apart from eviction).
 *
 * <p>An entry may also carry the review's shared analysis memo ({@link #sharedMemo}): the
 * security and performance specialists of the node then build their analysis contexts on one
 * memo, so each file side is lexed and segmented once per review instead of once per specialist
 * (about 0.3 ms of CPU per typical deep review). The memo's contents grow with the diff (tens of
 * bytes per character), so it is given only to diffs of at most {@code maxMemoDiffChars}
 * characters and while the entries holding one total at most {@code maxMemoChars} characters of
 * diff text; it goes with its entry (removal or eviction).
 */
public final class ParsedDiffCache {
  /** Default bound on cached entries. */
  public static final int DEFAULT_MAX_ENTRIES = 2048;
  /** Default bound on cached diff text, in characters. */
  public static final long DEFAULT_MAX_CHARS = 16L * 1024 * 1024;
  /** Default: diff characters of all entries holding a shared memo together. */
  public static final long DEFAULT_MAX_MEMO_CHARS = 1024L * 1024;
  /** Default: largest diff (characters) given a shared memo. */
  public static final int DEFAULT_MAX_MEMO_DIFF_CHARS = 128 * 1024;

  private static final class Entry {
    final String text;
    final Diff diff;
    /** The shared analysis memo, created on first request; null until then or when refused. */
    ConcurrentMap<Object, Object> memo;

    Entry(String text, Diff diff) {
      this.text = text;
      this.diff = diff;
    }
  }

  private final int maxEntries;
  private final long maxChars;
  private final long maxMemoChars;
  private final int maxMemoDiffChars;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
  private long chars;
  private long memoChars;

  /** A cache with the default bounds. */
  public ParsedDiffCache() {
    this(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_CHARS);
  }

  /**
   * @param maxEntries most entries kept, ≥ 1
   * @param maxChars most diff characters kept, ≥ 1
   */
  public ParsedDiffCache(int maxEntries, long maxChars) {
    this(maxEntries, maxChars, DEFAULT_MAX_MEMO_CHARS, DEFAULT_MAX_MEMO_DIFF_CHARS);
  }

  /**
   * @param maxEntries most entries kept, ≥ 1
   * @param maxChars most diff characters kept, ≥ 1
   * @param maxMemoChars most diff characters of the entries holding a shared memo, ≥ 0
   * @param maxMemoDiffChars largest diff given a shared memo, in characters, ≥ 0
   */
  public ParsedDiffCache(int maxEntries, long maxChars, long maxMemoChars, int maxMemoDiffChars) {
    if (maxEntries < 1 || maxChars < 1) throw new IllegalArgumentException("bounds must be >= 1");
    if (maxMemoChars < 0 || maxMemoDiffChars < 0) throw new IllegalArgumentException("memo bounds must be >= 0");
    this.maxEntries = maxEntries;
    this.maxChars = maxChars;
    this.maxMemoChars = maxMemoChars;
    this.maxMemoDiffChars = maxMemoDiffChars;
  }

  /**
   * Remembers the parse of a review's diff (replacing an older entry for the same id).
   *
   * @param reviewId the review
   * @param text the exact diff text instance carried by the request
   * @param diff its parse
   */
  public synchronized void put(String reviewId, String text, Diff diff) {
    if (text == null || diff == null || text.length() > maxChars / 4) return;
    forget(entries.remove(reviewId));
    entries.put(reviewId, new Entry(text, diff));
    chars += text.length();
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while ((entries.size() > maxEntries || chars > maxChars) && it.hasNext()) {
      forget(it.next().getValue());
      it.remove();
    }
  }

  /** Releases the bounds an entry held (no-op for null). */
  private void forget(Entry e) {
    if (e == null) return;
    chars -= e.text.length();
    if (e.memo != null) memoChars -= e.text.length();
  }

  /**
   * @param reviewId the review
   * @param text the diff text the caller holds
   * @return the cached parse when {@code text} is the instance that was parsed, else null
   */
  public synchronized Diff get(String reviewId, String text) {
    Entry e = entries.get(reviewId);
    return e != null && e.text == text ? e.diff : null;
  }

  /**
   * The analysis memo the specialists of this node share for a review
   * ({@code AnalysisContext}'s per-review memo): its keys identify their values by the cached
   * {@link Diff}'s objects, so it is handed out only with that parse (same id, same text
   * instance, as {@link #get}).
   *
   * @param reviewId the review
   * @param text the diff text the caller holds
   * @return the entry's memo (created on the first call), or null when the entry is absent, the
   *     text is another instance, or the memo bounds refuse it (the caller then uses its own)
   */
  public synchronized ConcurrentMap<Object, Object> sharedMemo(String reviewId, String text) {
    Entry e = entries.get(reviewId);
    if (e == null || e.text != text) return null;
    if (e.memo == null) {
      if (text.length() > maxMemoDiffChars || memoChars + text.length() > maxMemoChars) return null;
      e.memo = new ConcurrentHashMap<>();
      memoChars += text.length();
    }
    return e.memo;
  }

  /** Forgets a review's parse and shared memo (no-op when absent). */
  public synchronized void remove(String reviewId) {
    forget(entries.remove(reviewId));
  }

  /** @return diff characters of the entries that hold a shared memo */
  public synchronized long memoChars() {
    return memoChars;
  }

  /** @return entries held */
  public synchronized int size() {
    return entries.size();
  }
}
