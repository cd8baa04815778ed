package dev.synapse.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ParsedDiffCacheTest {
  private static final String TEXT = "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-x\n+y\n";

  @Test
  @DisplayName("a lookup with the very text instance that was parsed returns the cached parse")
  void hit() {
    ParsedDiffCache cache = new ParsedDiffCache();
    Diff diff = DiffParser.parse(TEXT);
    cache.put("r1", TEXT, diff);
    assertSame(diff, cache.get("r1", TEXT));
  }

  @Test
  @DisplayName("an equal text that is another instance misses, so a hit is never the parse of another text")
  void identityOnly() {
    ParsedDiffCache cache = new ParsedDiffCache();
    cache.put("r1", TEXT, DiffParser.parse(TEXT));
    assertNull(cache.get("r1", new String(TEXT.toCharArray())));
    assertNull(cache.get("r2", TEXT));
  }

  @Test
  @DisplayName("beyond the entry bound the oldest entry is evicted first")
  void boundedByEntries() {
    ParsedDiffCache cache = new ParsedDiffCache(2, 1_000_000);
    Diff diff = DiffParser.parse(TEXT);
    cache.put("r1", TEXT, diff);
    cache.put("r2", TEXT, diff);
    cache.put("r3", TEXT, diff);
    assertEquals(2, cache.size());
    assertNull(cache.get("r1", TEXT));
    assertSame(diff, cache.get("r3", TEXT));
  }

  @Test
  @DisplayName("beyond the character bound old entries are evicted, and a diff over a quarter of it is not cached")
  void boundedByChars() {
    ParsedDiffCache cache = new ParsedDiffCache(100, TEXT.length() * 4L);
    Diff diff = DiffParser.parse(TEXT);
    for (int i = 0; i < 6; i++) cache.put("r" + i, TEXT, diff);
    assertEquals(4, cache.size());
    ParsedDiffCache small = new ParsedDiffCache(100, TEXT.length() * 2L);
    small.put("big", TEXT, diff);
    assertEquals(0, small.size());
  }

  @Test
  @DisplayName("remove forgets a review's parse")
  void remove() {
    ParsedDiffCache cache = new ParsedDiffCache();
    cache.put("r1", TEXT, DiffParser.parse(TEXT));
    cache.remove("r1");
    assertNull(cache.get("r1", TEXT));
    assertEquals(0, cache.size());
  }

  @Test
  @DisplayName("the specialists of a review get one shared analysis memo, only with the parsed text instance")
  void sharedMemoIsOnePerReview() {
    ParsedDiffCache cache = new ParsedDiffCache();
    cache.put("r1", TEXT, DiffParser.parse(TEXT));
    java.util.concurrent.ConcurrentMap<Object, Object> first = cache.sharedMemo("r1", TEXT);
    assertNotNull(first);
    assertSame(first, cache.sharedMemo("r1", TEXT));
    assertNull(cache.sharedMemo("r1", new String(TEXT.toCharArray())));
    assertNull(cache.sharedMemo("r2", TEXT));
  }

  @Test
  @DisplayName("shared memos are bounded by the diff size and by the diff characters of all entries holding one, and released with their entry")
  void sharedMemoIsBounded() {
    ParsedDiffCache cache = new ParsedDiffCache(100, 1_000_000, TEXT.length() * 2L, TEXT.length());
    Diff diff = DiffParser.parse(TEXT);
    for (int i = 0; i < 3; i++) cache.put("r" + i, TEXT, diff);
    assertNotNull(cache.sharedMemo("r0", TEXT));
    assertNotNull(cache.sharedMemo("r1", TEXT));
    assertNull(cache.sharedMemo("r2", TEXT));
    assertEquals(TEXT.length() * 2L, cache.memoChars());
    cache.remove("r0");
    assertEquals(TEXT.length(), cache.memoChars());
    assertNotNull(cache.sharedMemo("r2", TEXT));
    String longer = TEXT + "+z\n";
    cache.put("big", longer, DiffParser.parse(longer));
    assertNull(cache.sharedMemo("big", longer));
  }

  @Test
  @DisplayName("an evicted entry releases its shared memo's share of the bound")
  void evictionReleasesMemo() {
    ParsedDiffCache cache = new ParsedDiffCache(1, 1_000_000, TEXT.length(), TEXT.length());
    Diff diff = DiffParser.parse(TEXT);
    cache.put("r0", TEXT, diff);
    assertNotNull(cache.sharedMemo("r0", TEXT));
    cache.put("r1", TEXT, diff);
    assertEquals(0, cache.memoChars());
    assertNotNull(cache.sharedMemo("r1", TEXT));
  }
}
