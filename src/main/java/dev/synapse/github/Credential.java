package dev.synapse.github;

import io.vertx.core.Future;

/**
 * Supplies the {@code Authorization} header value of GitHub REST calls. Implementations cache
 * tokens and never log them. Thread-safe.
 */
public interface Credential {
  /** @return the header value, e.g. {@code Bearer <token>}; fails when no credential can be had */
  Future<String> authorization();

  /**
   * Called after GitHub answered {@code 401} to a call made with {@code used}: drops it from the
   * cache.
   *
   * @return true when a retry with a fresh credential makes sense (app installation tokens), false
   *     when the credential cannot change (a configured token)
   */
  boolean renew(String used);
}
