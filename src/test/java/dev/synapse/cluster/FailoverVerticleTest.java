package dev.synapse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rendezvous choice of the survivor that claims an orphaned review first. */
class FailoverVerticleTest {
  private static final Set<String> LIVE = new LinkedHashSet<>(List.of("node-a", "node-b", "node-c"));

  @Test
  @DisplayName("every survivor computes the same preferred owner, whatever the order of its member list")
  void sameChoiceEverywhere() {
    Set<String> reversed = new LinkedHashSet<>(List.of("node-c", "node-b", "node-a"));
    for (int i = 0; i < 100; i++) {
      assertEquals(FailoverVerticle.preferredOwner("review-" + i, LIVE),
          FailoverVerticle.preferredOwner("review-" + i, reversed));
    }
  }

  @Test
  @DisplayName("orphaned reviews are spread over all survivors")
  void spreadsWork() {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 300; i++) counts.merge(FailoverVerticle.preferredOwner("review-" + i, LIVE), 1, Integer::sum);
    assertEquals(LIVE, counts.keySet());
    for (int n : counts.values()) assertTrue(n > 50, "each survivor gets a fair share: " + counts);
  }

  @Test
  @DisplayName("removing a member moves only the reviews it was preferred for")
  void stableWhenMembersChange() {
    Set<String> fewer = new LinkedHashSet<>(List.of("node-a", "node-b"));
    for (int i = 0; i < 100; i++) {
      String before = FailoverVerticle.preferredOwner("review-" + i, LIVE);
      if (!before.equals("node-c")) assertEquals(before, FailoverVerticle.preferredOwner("review-" + i, fewer));
    }
  }
}
