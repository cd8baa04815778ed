package dev.synapse.review;

import dev.synapse.signal.ReviewRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a review's diff: SHA-256 (lower-case hex) of the diff text with line endings
 * normalised to {@code \n} and trailing blank space at the end removed, so that a CI retry that
 * re-sends the same change under the same id matches, while another change does not. Kept in
 * the request's {@code metadata.diff_sha256} (set at ingress, overriding any value the client
 * sent), which survives when a finished review drops its diff. Stateless; thread-safe.
 */
public final class DiffDigest {
  /** The metadata key holding the digest. */
  public static final String METADATA_KEY = "diff_sha256";

  private DiffDigest() {}

  /** @return the hex SHA-256 of the normalised diff text */
  public static String of(String diff) {
    String normalised = diff.replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(normalised.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** @return a copy of the request whose metadata carries the digest of its diff */
  public static ReviewRequest stamp(ReviewRequest request) {
    io.vertx.core.json.JsonObject metadata = request.metadata().copy().put(METADATA_KEY, of(request.diff()));
    return new ReviewRequest(request.reviewId(), request.diff(), request.filesChanged(), request.labels(),
        request.intent(), request.riskFactor(), metadata);
  }

  /**
   * @return the digest recorded for a stored request: its metadata value, else the digest of its
   *     diff when it still has one, else null (unknown: a finished review stored before digests)
   */
  public static String recorded(ReviewRequest request) {
    if (request.metadata().getValue(METADATA_KEY) instanceof String s) return s;
    return request.diff().isEmpty() ? null : of(request.diff());
  }
}
