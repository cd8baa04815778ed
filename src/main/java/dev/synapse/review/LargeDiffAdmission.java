package dev.synapse.review;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A node-wide bound on the large diffs held by reviews that are accepted and not finished (issue
 * 16): each such review keeps its whole diff as a Java {@code String} until its summary, up to two
 * bytes per character, and four 50 MB diffs at once ran a 1 GB node out of heap. A diff of at
 * least {@code minChars} characters weighs {@code 2 × chars} bytes; a review is admitted when its
 * weight fits in what is left of {@code capacityBytes}, or when no large diff is held (so one diff
 * larger than the capacity still runs, alone). Admissions end with {@link #release} (the review's
 * summary) or, as a safety net for a summary this node never sees, {@code holdMs} after admission.
 * Smaller diffs are always admitted and not counted. Thread-safe (one lock, O(1) apart from
 * expiry).
 */
public final class LargeDiffAdmission {
  private record Held(long weight, long until) {}

  private final long capacity;
  private final long minChars;
  private final long holdMs;
  private final Map<String, Held> held = new HashMap<>();
  private long used;

  /**
   * @param capacityBytes weight held at once, bytes
   * @param minChars diffs shorter than this are not counted ({@code large_review_bytes})
   * @param holdMs longest time an admission is held without a release, ms (the review budget plus
   *     a margin)
   */
  public LargeDiffAdmission(long capacityBytes, long minChars, long holdMs) {
    this.capacity = Math.max(1, capacityBytes);
    this.minChars = minChars;
    this.holdMs = holdMs;
  }

  /** @return the capacity, bytes */
  public long capacity() {
    return capacity;
  }

  /** @return the weight held now, bytes */
  public synchronized long used() {
    expire(System.currentTimeMillis());
    return used;
  }

  /**
   * @param reviewId the review (an id admitted already is admitted again without counting twice)
   * @param chars the diff's length in characters
   * @return true when the review may be accepted now; false when the node holds as many large
   *     diffs as it can (answer 503 and let the client retry)
   */
  public synchronized boolean tryAdmit(String reviewId, long chars) {
    if (chars < minChars || held.containsKey(reviewId)) return true;
    long now = System.currentTimeMillis();
    expire(now);
    long weight = 2 * chars;
    if (used > 0 && used + weight > capacity) return false;
    held.put(reviewId, new Held(weight, now + holdMs));
    used += weight;
    return true;
  }

  /**
   * Sets the weight of an admission to what its diff really takes once decoded: {@code chars}
   * bytes for a diff of Latin-1 characters only (a compact {@code String}), {@code 2 × chars}
   * otherwise. A spooled body is admitted at two bytes per byte before decoding (its decoding's
   * peak), then re-weighed; no-op when {@code reviewId} holds no admission.
   */
  public synchronized void reweigh(String reviewId, long chars, boolean latin1) {
    Held h = held.get(reviewId);
    if (h == null) return;
    long weight = latin1 ? chars : 2 * chars;
    used += weight - h.weight();
    held.put(reviewId, new Held(weight, h.until()));
  }

  /** @return true when every character of {@code text} is Latin-1 (one byte each in a {@code String}) */
  public static boolean latin1(String text) {
    for (int i = 0, n = text.length(); i < n; i++) if (text.charAt(i) > 0xFF) return false;
    return true;
  }

  /** @return true when the review holds an admission now */
  public synchronized boolean holds(String reviewId) {
    return held.containsKey(reviewId);
  }

  /**
   * Moves an admission to another key (a body admitted before its review id was known); when
   * {@code to} holds one already, the one of {@code from} is given back instead.
   */
  public synchronized void rename(String from, String to) {
    Held h = held.remove(from);
    if (h == null) return;
    if (held.containsKey(to)) {
      used -= h.weight();
    } else {
      held.put(to, h);
    }
  }

  /** Ends a review's admission (no-op when it holds none). */
  public synchronized void release(String reviewId) {
    Held h = held.remove(reviewId);
    if (h != null) used -= h.weight();
  }

  private void expire(long now) {
    for (Iterator<Held> it = held.values().iterator(); it.hasNext(); ) {
      Held h = it.next();
      if (h.until() <= now) {
        used -= h.weight();
        it.remove();
      }
    }
  }
}
