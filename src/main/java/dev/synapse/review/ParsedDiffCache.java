package dev.synapse.review;

import dev.synapse.diff.Diff;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

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
 */
public final class ParsedDiffCache {
  /** Default bound on cached entries. */
  public static final int DEFAULT_MAX_ENTRIES = 2048;
  /** Default bound on cached diff text, in characters. */
  public static final long DEFAULT_MAX_CHARS = 16L * 1024 * 1024;

  private record Entry(String text, Diff diff) {}

  private final int maxEntries;
  private final long maxChars;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
  private long chars;

  /** A cache with {@link #DEFAULT_MAX_ENTRIES} and {@link #DEFAULT_MAX_CHARS}. */
  public ParsedDiffCache() {
    this(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_CHARS);
  }

  /**
   * @param maxEntries most entries kept, ≥ 1
   * @param maxChars most diff characters kept, ≥ 1
   */
  public ParsedDiffCache(int maxEntries, long maxChars) {
    if (maxEntries < 1 || maxChars < 1) throw new IllegalArgumentException("bounds must be >= 1");
    this.maxEntries = maxEntries;
    this.maxChars = maxChars;
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
    Entry old = entries.remove(reviewId);
    if (old != null) chars -= old.text().length();
    entries.put(reviewId, new Entry(text, diff));
    chars += text.length();
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while ((entries.size() > maxEntries || chars > maxChars) && it.hasNext()) {
      chars -= it.next().getValue().text().length();
      it.remove();
    }
  }

  /**
   * @param reviewId the review
   * @param text the diff text the caller holds
   * @return the cached parse when {@code text} is the instance that was parsed, else null
   */
  public synchronized Diff get(String reviewId, String text) {
    Entry e = entries.get(reviewId);
    return e != null && e.text() == text ? e.diff() : null;
  }

  /** Forgets a review's parse (no-op when absent). */
  public synchronized void remove(String reviewId) {
    Entry old = entries.remove(reviewId);
    if (old != null) chars -= old.text().length();
  }

  /** @return entries held */
  public synchronized int size() {
    return entries.size();
  }
}
