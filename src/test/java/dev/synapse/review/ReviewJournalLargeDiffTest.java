package dev.synapse.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.synapse.signal.ReviewRequest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal writes a new review as UTF-8 bytes encoded on its writer thread (issue 16: a large
 * diff was encoded as one JSON String on the submitting event loop) and reads back both those
 * rows and rows written as text by earlier releases.
 */
class ReviewJournalLargeDiffTest {
  @TempDir
  Path dir;

  private static StoredReview review(String id, String diff) {
    ReviewRequest r = ReviewRequest.fromJson(new JsonObject().put("review_id", id).put("diff", diff), () -> 1);
    return StoredReview.accepted(r, Instant.parse("2026-12-08T04:00:00Z"), "node-1");
  }

  @Test
  @DisplayName("a review with a 2 MB diff of non-Latin-1 text is journaled and replayed unchanged")
  void largeNonLatinDiffRoundTrips() throws Exception {
    StringBuilder sb = new StringBuilder("diff --git a/i18n.txt b/i18n.txt\n--- a/i18n.txt\n+++ b/i18n.txt\n@@ -0,0 +1,40000 @@\n");
    for (int i = 0; i < 40_000; i++) sb.append("+ligne ").append(i).append(" : ü € 漢字 \"quoted\" \\ back\n");
    String diff = sb.toString();
    try (ReviewJournal journal = ReviewJournal.open(dir)) {
      assertEquals(true, journal.append(review("big", diff)).get(30, TimeUnit.SECONDS));
    }
    try (ReviewJournal journal = ReviewJournal.open(dir)) {
      List<StoredReview> rows = journal.load().get(30, TimeUnit.SECONDS);
      assertEquals(1, rows.size());
      assertEquals(diff, rows.get(0).request().diff());
    }
  }

  @Test
  @DisplayName("a row written as text by an earlier release still replays")
  void textRowStillReads() throws Exception {
    try (ReviewJournal journal = ReviewJournal.open(dir)) {
      journal.append(review("new", "x")).get(30, TimeUnit.SECONDS);
    }
    String doc = review("old", "+ü old text row\n").toJson().encode();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(ReviewJournal.FILE));
        PreparedStatement p = c.prepareStatement("INSERT INTO reviews (id, done, doc) VALUES (?, 0, ?)")) {
      p.setString(1, "old");
      p.setString(2, doc);
      p.executeUpdate();
    }
    try (ReviewJournal journal = ReviewJournal.open(dir)) {
      List<StoredReview> rows = journal.load().get(30, TimeUnit.SECONDS);
      assertEquals(List.of("new", "old"), rows.stream().map(StoredReview::reviewId).toList());
      assertEquals("+ü old text row\n", rows.get(1).request().diff());
    }
  }
}
