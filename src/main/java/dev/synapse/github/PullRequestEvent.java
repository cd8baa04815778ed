package dev.synapse.github;

import dev.synapse.signal.ValidationException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parts of a {@code pull_request} webhook payload that a review needs, validated: a missing
 * or mistyped field fails with {@link ValidationException} ({@code invalid_payload}) naming it by
 * its JSON path.
 *
 * @param action e.g. {@code opened}, {@code synchronize}
 * @param owner repository owner login
 * @param repo repository name
 * @param number pull request number
 * @param headSha head commit SHA (40 hex digits)
 * @param headRef head branch
 * @param baseRef base branch ({@code .synapse.yml} is read from it)
 * @param before previous head SHA ({@code synchronize} only), or null
 * @param draft true for a draft pull request
 * @param labels label names
 * @param author login of the pull request's author, or null
 * @param installationId app installation id, or null (token mode)
 */
public record PullRequestEvent(String action, String owner, String repo, long number, String headSha,
    String headRef, String baseRef, String before, boolean draft, List<String> labels, String author,
    Long installationId) {

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  /** @return {@code owner/repo} */
  public String fullName() {
    return owner + "/" + repo;
  }

  /**
   * @param payload the webhook body
   * @throws ValidationException naming the first missing or mistyped field
   */
  public static PullRequestEvent parse(JsonObject payload) {
    String action = string(payload, "action", "action");
    JsonObject pr = object(payload, "pull_request", "pull_request");
    JsonObject repository = object(payload, "repository", "repository");
    String owner = string(object(repository, "owner", "repository.owner"), "login", "repository.owner.login");
    String name = string(repository, "name", "repository.name");
    if (!NAME.matcher(owner).matches()) throw invalid("repository.owner.login", "is not a GitHub login");
    if (!NAME.matcher(name).matches()) throw invalid("repository.name", "is not a repository name");
    Object n = payload.getValue("number", pr.getValue("number"));
    if (!(n instanceof Number num) || num.longValue() <= 0) throw invalid("number", "must be a positive integer");
    JsonObject head = object(pr, "head", "pull_request.head");
    String sha = string(head, "sha", "pull_request.head.sha");
    if (!SHA.matcher(sha).matches()) throw invalid("pull_request.head.sha", "must be 40 hex digits");
    JsonObject base = object(pr, "base", "pull_request.base");
    String before = payload.getValue("before") instanceof String b && SHA.matcher(b).matches() ? b : null;
    List<String> labels = new ArrayList<>();
    if (pr.getValue("labels") instanceof JsonArray arr) {
      for (Object o : arr) {
        if (o instanceof JsonObject l && l.getValue("name") instanceof String s) labels.add(s);
      }
    }
    String author = pr.getValue("user") instanceof JsonObject u && u.getValue("login") instanceof String s ? s : null;
    Long installation = null;
    if (payload.getValue("installation") instanceof JsonObject inst) {
      if (!(inst.getValue("id") instanceof Number id)) throw invalid("installation.id", "must be a number");
      installation = id.longValue();
    }
    return new PullRequestEvent(action, owner, name, num.longValue(), sha,
        head.getValue("ref") instanceof String r ? r : null, string(base, "ref", "pull_request.base.ref"),
        before, Boolean.TRUE.equals(pr.getValue("draft")), labels, author, installation);
  }

  private static JsonObject object(JsonObject parent, String key, String path) {
    Object v = parent.getValue(key);
    if (v == null) throw invalid(path, "is required");
    if (!(v instanceof JsonObject o)) throw invalid(path, "must be an object");
    return o;
  }

  private static String string(JsonObject parent, String key, String path) {
    Object v = parent.getValue(key);
    if (v == null) throw invalid(path, "is required");
    if (!(v instanceof String s) || s.isEmpty()) throw invalid(path, "must be a non-empty string");
    return s;
  }

  private static ValidationException invalid(String field, String what) {
    return new ValidationException("invalid_payload", field, field + " " + what);
  }
}
