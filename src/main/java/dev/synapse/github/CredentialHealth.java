package dev.synapse.github;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;

/**
 * The last thing GitHub said about Synapse's credentials, for the {@code github} readiness check
 * (failing: {@code degraded}). A final {@code 401}, a refused installation-token exchange or an
 * unreadable private key marks it failed; the next successful call marks it good again. Messages
 * name the operation and status, never a token. Thread-safe.
 */
public final class CredentialHealth {
  private volatile String failure;
  private volatile boolean used;

  /** Records a call that GitHub accepted. */
  public void succeeded() {
    used = true;
    failure = null;
  }

  /** Records a credential failure, e.g. {@code "apps/create-installation-access-token answered 401"}. */
  public void failed(String reason) {
    used = true;
    failure = reason;
  }

  /** @return true when the last credential outcome was a failure */
  public boolean failing() {
    return failure != null;
  }

  /** @return the readiness status: KO with the reason while failing */
  public Status status() {
    String f = failure;
    if (f != null) return Status.KO(new JsonObject().put("message", "GitHub credentials failing: " + f));
    return Status.OK(new JsonObject().put("message", used ? "GitHub accepted the last call" : "GitHub credentials not used yet"));
  }
}
