package dev.synapse.github;

import io.vertx.core.Future;

/** {@code SYNAPSE_GITHUB_TOKEN}: one token for every call; a 401 cannot be fixed by retrying. */
public final class StaticTokenCredential implements Credential {
  private final String header;

  /** @param token the token (never logged) */
  public StaticTokenCredential(String token) {
    this.header = "Bearer " + token;
  }

  @Override
  public Future<String> authorization() {
    return Future.succeededFuture(header);
  }

  @Override
  public boolean renew(String used) {
    return false;
  }

  @Override
  public String toString() {
    return "StaticTokenCredential[token=set]";
  }
}
