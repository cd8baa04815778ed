package dev.synapse.github;

import dev.synapse.signal.ReviewRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The review id of a pull request's head commit: {@code github:OWNER/REPO#NUMBER:HEADSHA}, so a
 * redelivery or re-run reviews a commit once. When the id would pass 128 characters (or leave the
 * review-id alphabet), the repository part is the first 16 hex digits of the SHA-256 of
 * {@code OWNER/REPO}.
 */
public final class ReviewIds {
  private ReviewIds() {}

  /** @return the review id */
  public static String of(String owner, String repo, long number, String headSha) {
    String id = "github:" + owner + "/" + repo + "#" + number + ":" + headSha;
    if (ReviewRequest.REVIEW_ID.matcher(id).matches()) return id;
    return "github:" + hash(owner + "/" + repo) + "#" + number + ":" + headSha;
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
