package dev.synapse.bus;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecentIdsTest {

  @Test
  @DisplayName("an id is new once per source, and forgotten after the window")
  void window() {
    RecentIds ids = new RecentIds(2);
    assertTrue(ids.firstSighting("/s", "1"));
    assertFalse(ids.firstSighting("/s", "1"));
    assertTrue(ids.firstSighting("/other", "1"));
    assertTrue(ids.firstSighting("/s", "2"));
    assertTrue(ids.firstSighting("/s", "1"), "evicted after two newer ids");
  }
}
