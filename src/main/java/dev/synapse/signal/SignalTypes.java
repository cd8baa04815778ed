package dev.synapse.signal;

import java.util.List;

/**
 * CloudEvents {@code type} values used by Synapse (DESIGN.md section 1). Defined once here;
 * never spell these strings anywhere else.
 */
public final class SignalTypes {
  /** A review was accepted at the edge and asks to be analysed. */
  public static final String REVIEW_REQUEST = "review.request";
  /** One specialist's result for one review. */
  public static final String REVIEW_RESULT = "review.result";
  /** The coordinator's merged result; exactly one per accepted review. */
  public static final String REVIEW_SUMMARY = "review.summary";
  /** Escalations raised while reviewing (non-empty {@code escalations}). */
  public static final String REVIEW_ESCALATE = "review.escalate";
  /** Agent state history events. */
  public static final String REVIEW_HISTORY = "review.history";

  /** Every known type, in flow order. */
  public static final List<String> ALL =
      List.of(REVIEW_REQUEST, REVIEW_RESULT, REVIEW_SUMMARY, REVIEW_ESCALATE, REVIEW_HISTORY);

  private SignalTypes() {}
}
