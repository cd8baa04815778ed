package dev.synapse.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.synapse.signal.SignalTypes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SummaryEventIdTest {
  @Test
  @DisplayName("a review's summary event has one id wherever and however often it is published")
  void stableId() {
    assertEquals(SummaryEmitter.eventId(SignalTypes.REVIEW_SUMMARY, "r-1"),
        SummaryEmitter.eventId(SignalTypes.REVIEW_SUMMARY, "r-1"));
  }

  @Test
  @DisplayName("different reviews, and the summary and escalation of one review, have different ids")
  void distinctIds() {
    assertNotEquals(SummaryEmitter.eventId(SignalTypes.REVIEW_SUMMARY, "r-1"),
        SummaryEmitter.eventId(SignalTypes.REVIEW_SUMMARY, "r-2"));
    assertNotEquals(SummaryEmitter.eventId(SignalTypes.REVIEW_SUMMARY, "r-1"),
        SummaryEmitter.eventId(SignalTypes.REVIEW_ESCALATE, "r-1"));
  }
}
