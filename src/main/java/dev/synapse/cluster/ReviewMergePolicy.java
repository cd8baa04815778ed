package dev.synapse.cluster;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import io.vertx.core.json.JsonObject;

/**
 * How the review map heals after a split brain: of the two versions of a review, the one further
 * along wins — a finished review (with its summary) over an unfinished one, then the one with
 * more specialist results, then a classified one over an accepted one; on a tie the version of
 * the cluster being merged into (the majority, which alone could write while split) stays.
 * So a member that was frozen or cut off can never bring back an older state over a review the
 * majority finished, whatever the clocks say (a last-update-time policy would take the minority's
 * version when it touched the entry last). Reviews only one side knows are kept.
 *
 * <p>Runs on Hazelcast partition threads during a merge; stateless (no fields to serialize).
 */
public final class ReviewMergePolicy implements SplitBrainMergePolicy<Object, MergingValue<Object>, Object> {
  private static final long serialVersionUID = 1L;

  /** Public no-argument constructor (Hazelcast instantiates it by class name). */
  public ReviewMergePolicy() {
  }

  @Override
  public Object merge(MergingValue<Object> merging, MergingValue<Object> existing) {
    if (merging == null) return existing == null ? null : existing.getRawValue();
    if (existing == null) return merging.getRawValue();
    return progress(text(merging.getValue())) > progress(text(existing.getValue()))
        ? merging.getRawValue() : existing.getRawValue();
  }

  /**
   * Reads the clear {@code state} field, which both a plain review document and a sealed
   * envelope carry (the envelope hides the rest, so two unfinished sealed versions tie and the
   * majority's stays).
   *
   * @param json a stored review document or envelope, or anything else
   * @return how far along it is: 1,000,000 when {@code complete} or {@code failed}; else
   *     1,000 × visible results + 1 when {@code running}; 0 for {@code accepted} or a value that
   *     is not a review
   */
  static long progress(String json) {
    if (json == null) return 0;
    try {
      JsonObject doc = new JsonObject(json);
      String state = doc.getString("state", "");
      if ("complete".equals(state) || "failed".equals(state) || doc.getValue("summary") != null) return 1_000_000;
      JsonObject results = doc.getValue("results") instanceof JsonObject r ? r : null;
      long n = results == null ? 0 : results.size();
      return n * 1_000 + ("running".equals(state) ? 1 : 0);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static String text(Object value) {
    if (value instanceof HazelcastJsonValue j) return j.getValue();
    return value instanceof String s ? s : null;
  }

  @Override
  public void writeData(ObjectDataOutput out) {
    // stateless
  }

  @Override
  public void readData(ObjectDataInput in) {
    // stateless
  }
}
