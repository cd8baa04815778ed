package dev.synapse.eval;

/**
 * Counts of one group (a category, a language, or everything).
 *
 * @param truePositives expected entries matched by a finding
 * @param falsePositives scored findings that matched no expected entry
 * @param falseNegatives expected entries no finding matched
 */
public record Tally(int truePositives, int falsePositives, int falseNegatives) {
  /** The empty tally. */
  public static final Tally ZERO = new Tally(0, 0, 0);

  /** @return the sum of both tallies */
  public Tally plus(Tally other) {
    return new Tally(truePositives + other.truePositives, falsePositives + other.falsePositives,
        falseNegatives + other.falseNegatives);
  }

  /** @return true when the group has at least one expected entry, so recall is defined */
  public boolean hasPositives() {
    return truePositives + falseNegatives > 0;
  }

  /**
   * @return TP / (TP + FP); 1.0 when the group produced no scored finding (nothing was
   *     reported, so nothing was falsely reported)
   */
  public double precision() {
    int reported = truePositives + falsePositives;
    return reported == 0 ? 1.0 : (double) truePositives / reported;
  }

  /** @return TP / (TP + FN), or NaN when the group has no expected entry (see {@link #hasPositives()}) */
  public double recall() {
    int expected = truePositives + falseNegatives;
    return expected == 0 ? Double.NaN : (double) truePositives / expected;
  }
}
