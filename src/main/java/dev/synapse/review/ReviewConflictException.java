package dev.synapse.review;

/**
 * A submission reused the id of a stored review with a different diff (HTTP 409 {@code conflict}).
 * The review id is how CI deduplicates retries, so a different change under a known id is refused
 * rather than answered with the other change's review.
 */
public final class ReviewConflictException extends RuntimeException {
  private final String reviewId;

  /** @param reviewId the id already in use */
  public ReviewConflictException(String reviewId) {
    super("review_id '" + (reviewId.length() > 128 ? reviewId.substring(0, 128) + "…" : reviewId)
        + "' is already used by a review of a different diff; use a new review_id for a new change", null,
        false, false);
    this.reviewId = reviewId;
  }

  /** @return the id already in use */
  public String reviewId() {
    return reviewId;
  }
}
