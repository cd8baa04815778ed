package dev.synapse.config;

/**
 * How a node handles large diffs (issue 16; {@code large_review_bytes},
 * {@code large_review_threads}, {@code spool_bytes}), part of {@link SynapseConfig}.
 *
 * @param largeReviewBytes a diff of at least this many characters is a <i>large review</i>: its
 *     analysis runs in the large lane (a worker pool of its own, admitted by bytes through the
 *     node's analysis gate, files analysed in parallel), so it never takes a thread of the small
 *     reviews' lane; ≥ 1024
 * @param largeReviewThreads threads of the large lane; 0 = the number of cores
 * @param spoolBytes a {@code POST /api/reviews} body of at least this many bytes is written to a
 *     temporary file as it arrives (owner-only, deleted once read) instead of being held in memory
 *     while it is received; ≥ 1024
 */
public record LargeReviews(long largeReviewBytes, int largeReviewThreads, long spoolBytes) {
  /** The defaults of {@link ConfigKey}. */
  public static final LargeReviews DEFAULTS = new LargeReviews(1L << 20, 0, 1L << 20);

  /** @return the large lane's threads in force: {@link #largeReviewThreads()}, or the cores when it is 0 */
  public int threads() {
    return largeReviewThreads > 0 ? largeReviewThreads : Math.max(1, Runtime.getRuntime().availableProcessors());
  }
}
