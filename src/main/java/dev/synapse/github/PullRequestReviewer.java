package dev.synapse.github;

import dev.synapse.config.GitHubConfig;
import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import dev.synapse.review.ReviewService;
import dev.synapse.signal.Finding;
import dev.synapse.signal.ReviewSummary;
import dev.synapse.signal.Severity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reviews one pull-request head and answers in the pull request. Steps, each a GitHub REST call
 * through {@link GitHubApi}:
 * <ol>
 *   <li>{@code .synapse.yml} from the base branch ({@code repos/get-content}; 404 = defaults);</li>
 *   <li>check run {@code Synapse} {@code in_progress} on the head SHA ({@code checks/create});</li>
 *   <li>the diff: the pull request's ({@code pulls/get}, diff media type), and for
 *       {@code synchronize} also the push's ({@code repos/compare-commits-with-basehead} {@code before...after});
 *       a {@code before} that is gone (force push) falls back to the whole diff;</li>
 *   <li>the review through {@link ReviewService} (the normal path: stored, signalled, streamed and
 *       counted like any other, with {@code metadata.repo} and {@code metadata.pull_request}),
 *       waiting for its summary;</li>
 *   <li>the previous state from the summary comment ({@code issues/list-comments});</li>
 *   <li>the check run completed, annotations in batches of 50 ({@code checks/update});</li>
 *   <li>one review with inline comments for new fingerprints on diff lines ({@code pulls/create-review});</li>
 *   <li>the summary comment, edited in place ({@code issues/update-comment}) or created
 *       ({@code issues/create-comment}).</li>
 * </ol>
 * A failure after the check run was created completes it ({@code neutral} or {@code failure})
 * with the reason; a refused comment or review (a fork: {@code 403}) is logged and counted and
 * does not stop the check run. Callbacks run on the calling Vert.x context.
 */
public final class PullRequestReviewer {
  private static final Logger LOG = LoggerFactory.getLogger(PullRequestReviewer.class);
  /** Pages of issue comments searched for the summary comment (100 per page). */
  static final int MAX_COMMENT_PAGES = 10;

  private final Vertx vertx;
  private final GitHubApi api;
  private final Function<PullRequestEvent, Credential> credentials;
  private final ReviewService reviews;
  private final GitHubConfig settings;
  private final long maxDiffBytes;
  private final long reviewTimeoutMs;
  private final RepoConfigParser parser;

  /**
   * What happened, for metrics and tests.
   *
   * @param reviewId the Synapse review id, or null when no review ran
   * @param conclusion the check run's conclusion, or null when none was completed
   * @param problems what could not be published (e.g. {@code "pulls/create-review answered 403"})
   */
  public record Outcome(String reviewId, String conclusion, List<String> problems) {}

  /**
   * @param vertx worker threads for large diffs
   * @param api REST client
   * @param credentials the credential of an event (installation token or configured token)
   * @param reviews the ingress service
   * @param settings node settings (fail threshold)
   * @param maxDiffBytes largest diff reviewed, bytes
   * @param reviewTimeoutMs longest wait for a review summary, ms
   * @param parser {@code .synapse.yml} reader
   */
  public PullRequestReviewer(Vertx vertx, GitHubApi api, Function<PullRequestEvent, Credential> credentials,
      ReviewService reviews, GitHubConfig settings, long maxDiffBytes, long reviewTimeoutMs, RepoConfigParser parser) {
    this.vertx = vertx;
    this.api = api;
    this.credentials = credentials;
    this.reviews = reviews;
    this.settings = settings;
    this.maxDiffBytes = maxDiffBytes;
    this.reviewTimeoutMs = reviewTimeoutMs;
    this.parser = parser;
  }

  /** Runs the steps for one event. @return the outcome; fails only when nothing could be published */
  public Future<Outcome> review(PullRequestEvent event) {
    return new Job(event).run();
  }

  /** The state of one run. Single-threaded (one context). */
  private final class Job {
    final PullRequestEvent e;
    final Credential credential;
    final String repoPath;
    final String reviewId;
    final List<String> problems = new ArrayList<>();
    long checkRunId = -1;
    RepoConfig config = RepoConfig.DEFAULT;

    Job(PullRequestEvent e) {
      this.e = e;
      this.credential = credentials.apply(e);
      this.repoPath = "/repos/" + e.owner() + "/" + e.repo();
      this.reviewId = ReviewIds.of(e.owner(), e.repo(), e.number(), e.headSha());
    }

    Future<Outcome> run() {
      return readConfig().compose(cfgError -> {
        if (cfgError == null && e.draft() && Boolean.FALSE.equals(config.drafts())) {
          LOG.info("github repo={} pull={} is a draft and .synapse.yml says drafts: false; not reviewed", e.fullName(), e.number());
          return Future.succeededFuture(new Outcome(null, null, List.of("draft skipped by .synapse.yml")));
        }
        return createCheck().compose(v -> {
        if (cfgError != null) {
          return complete(CheckRunOutput.message("failure", "Invalid .synapse.yml", cfgError + "\n\nFix the file on the base branch `"
              + e.baseRef() + "`; nothing was reviewed.")).map(x -> new Outcome(null, "failure", problems));
        }
        return diffs().compose(this::reviewAndPublish);
      });
      }).recover(err -> {
        LOG.error("github repo={} pull={} head={} review failed: {}", e.fullName(), e.number(), e.headSha(), err.getMessage());
        if (checkRunId < 0) return Future.failedFuture(err);
        if (err instanceof TooLarge) {
          return complete(CheckRunOutput.message("neutral", "Diff too large", "Synapse did not review this pull request: "
              + err.getMessage() + "; the limit is " + maxDiffBytes + " bytes (SYNAPSE_MAX_DIFF_BYTES)."))
              .map(x -> new Outcome(reviewId, "neutral", problems));
        }
        return complete(CheckRunOutput.message("neutral", "Synapse could not finish",
            "The review could not finish: " + err.getMessage())).transform(x -> Future.failedFuture(err));
      });
    }

    /** @return null when the configuration was read (or absent), else the message naming the line */
    Future<String> readConfig() {
      String path = repoPath + "/contents/" + RepoConfigParser.FILE + "?ref=" + urlEncode(e.baseRef());
      return api.send(GitHubApi.Call.get("repos/get-content", path, credential)).compose(r -> {
        if (r.status() == 404) return Future.succeededFuture((String) null);
        if (!r.ok()) return Future.failedFuture(new GitHubException("repos/get-content", r.status(), r.message()));
        JsonObject file = r.json();
        String content = file.getString("content");
        if (content == null || !"base64".equals(file.getString("encoding", "base64"))) {
          return Future.succeededFuture(RepoConfigParser.FILE + " is not a file");
        }
        try {
          String text = new String(Base64.getMimeDecoder().decode(content), StandardCharsets.UTF_8);
          config = parser.parse(text);
          return Future.succeededFuture((String) null);
        } catch (RepoConfigParser.InvalidConfigException ex) {
          return Future.succeededFuture(ex.getMessage());
        } catch (IllegalArgumentException ex) {
          return Future.succeededFuture(RepoConfigParser.FILE + ": content is not valid base64");
        }
      });
    }

    Future<Void> createCheck() {
      JsonObject body = new JsonObject().put("name", CheckRunOutput.NAME).put("head_sha", e.headSha())
          .put("status", "in_progress").put("started_at", Instant.now().toString()).put("external_id", reviewId);
      return api.send(GitHubApi.Call.write("checks/create", HttpMethod.POST, repoPath + "/check-runs", body, credential, false))
          .map(r -> {
            if (r.status() == 201) {
              checkRunId = r.json().getLong("id", -1L);
            } else {
              problem("checks/create", r);
            }
            return null;
          });
    }

    /** @return {pull request diff, push diff or null} */
    Future<String[]> diffs() {
      Future<String> whole = diff("pulls/get", repoPath + "/pulls/" + e.number());
      if (!"synchronize".equals(e.action()) || e.before() == null) return whole.map(d -> new String[] {d, null});
      return whole.compose(d -> api.send(new GitHubApi.Call("repos/compare-commits-with-basehead", HttpMethod.GET,
              repoPath + "/compare/" + e.before() + "..." + e.headSha(), GitHubApi.DIFF, null, credential, true))
          .map(r -> {
            if (r.ok()) return new String[] {d, r.body().toString(StandardCharsets.UTF_8)};
            LOG.info("github repo={} pull={} compare {}...{} answered {}: reviewing the whole diff", e.fullName(),
                e.number(), e.before(), e.headSha(), r.status());
            return new String[] {d, null};
          }));
    }

    Future<String> diff(String operation, String path) {
      return api.send(new GitHubApi.Call(operation, HttpMethod.GET, path, GitHubApi.DIFF, null, credential, true))
          .compose(r -> {
            if (r.status() == 406 || r.status() == 422 || (r.ok() && r.body().length() > maxDiffBytes)) {
              return Future.failedFuture(new TooLarge(r.ok() ? r.body().length() + " bytes" : r.message()));
            }
            if (!r.ok()) return Future.failedFuture(new GitHubException(operation, r.status(), r.message()));
            return Future.succeededFuture(r.body().toString(StandardCharsets.UTF_8));
          }, err -> Future.failedFuture(err instanceof GitHubException g && g.status() == GitHubException.TOO_LARGE
              ? new TooLarge("over " + maxDiffBytes + " bytes") : err));
    }

    Future<Outcome> reviewAndPublish(String[] diffs) {
      String reviewed = diffs[1] != null ? diffs[1] : diffs[0];
      JsonObject metadata = new JsonObject().put("repo", e.fullName()).put("pull_request", e.number())
          .put("head_sha", e.headSha()).put("branch", e.headRef()).put("source", "github");
      if (e.author() != null) metadata.put("author", e.author());
      JsonObject request = new JsonObject().put("review_id", reviewId).put("diff", reviewed)
          .put("labels", new JsonArray(new ArrayList<>(e.labels()))).put("metadata", metadata);
      if (config.forcesDeepReview(e.labels())) request.put("risk_factor", 1.0);
      Future<ReviewService.Validated> validated = vertx.executeBlocking(() -> ReviewService.validateParsed(request), false);
      return validated
          .compose(v -> reviews.submit(v.request(), v.diff()).map(sub -> v))
          .compose(v -> reviews.awaitSummary(reviewId, reviewTimeoutMs))
          .compose(summary -> {
            if (summary == null) {
              return complete(CheckRunOutput.message("neutral", "Review not finished in time",
                  "Review `" + reviewId + "` did not finish within " + reviewTimeoutMs / 1000 + " s."))
                  .map(x -> new Outcome(reviewId, "neutral", problems));
            }
            return publish(summary, diffs);
          });
    }

    Future<Outcome> publish(ReviewSummary summary, String[] diffs) {
      List<Finding> findings = config.filter(summary.findings());
      return vertx.executeBlocking(() -> new DiffIndex[] {new DiffIndex(DiffParser.parse(diffs[0])),
              diffs[1] == null ? null : new DiffIndex(DiffParser.parse(diffs[1]))}, false)
          .compose(idx -> previousState().compose(prev -> {
            FindingDelta delta = FindingDelta.of(prev.state(), findings, idx[1]);
            Severity failOn = config.failOn() != null ? config.failOn() : Severity.parse(settings.failOn());
            CheckRunOutput output = CheckRunOutput.of(delta, failOn, reviewId);
            ReviewComments comments = ReviewComments.of(delta.open(), idx[0], prev.state().commented());
            return complete(output)
                .compose(v -> postReview(comments))
                .compose(posted -> {
                  Set<String> commented = new LinkedHashSet<>(prev.state().commented());
                  if (posted) commented.addAll(comments.fingerprints());
                  PullRequestState next = new PullRequestState(e.headSha(), delta.open(), commented, 0);
                  return upsertSummary(prev.commentId(), SummaryComment.render(e.headSha(), delta, output.conclusion(), next));
                })
                .map(v -> new Outcome(reviewId, output.conclusion(), problems));
          }));
    }

    record Previous(PullRequestState state, long commentId) {}

    Future<Previous> previousState() {
      return commentsPage(1);
    }

    Future<Previous> commentsPage(int page) {
      String path = repoPath + "/issues/" + e.number() + "/comments?per_page=100&page=" + page;
      return api.send(GitHubApi.Call.get("issues/list-comments", path, credential)).compose(r -> {
        if (!r.ok()) {
          problem("issues/list-comments", r);
          return Future.succeededFuture(new Previous(PullRequestState.EMPTY, -1));
        }
        JsonArray items = r.jsonArray();
        for (Object o : items) {
          if (o instanceof JsonObject c && c.getString("body", "").startsWith(PullRequestState.MARKER)) {
            return Future.succeededFuture(new Previous(PullRequestState.decode(c.getString("body")), c.getLong("id", -1L)));
          }
        }
        if (items.size() < 100 || page >= MAX_COMMENT_PAGES) {
          return Future.succeededFuture(new Previous(PullRequestState.EMPTY, -1));
        }
        return commentsPage(page + 1);
      });
    }

    /** Sends the output: one PATCH per batch of 50 annotations, the last one completing the run. */
    Future<Void> complete(CheckRunOutput output) {
      if (checkRunId < 0) return Future.succeededFuture();
      List<List<JsonObject>> batches = output.batches();
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < batches.size(); i++) {
        boolean last = i == batches.size() - 1;
        JsonObject body = new JsonObject().put("output", output.output(batches.get(i)));
        if (last) {
          body.put("status", "completed").put("conclusion", output.conclusion()).put("completed_at", Instant.now().toString());
        }
        GitHubApi.Call call = GitHubApi.Call.write("checks/update", HttpMethod.PATCH,
            repoPath + "/check-runs/" + checkRunId, body, credential, batches.get(i).isEmpty());
        chain = chain.compose(v -> api.send(call).map(r -> {
          if (!r.ok()) problem("checks/update", r);
          return null;
        }));
      }
      return chain;
    }

    /** @return true when the review was posted */
    Future<Boolean> postReview(ReviewComments comments) {
      if (comments.comments().isEmpty()) return Future.succeededFuture(false);
      JsonObject body = new JsonObject().put("commit_id", e.headSha()).put("event", "COMMENT")
          .put("body", comments.reviewBody()).put("comments", new JsonArray(new ArrayList<>(comments.comments())));
      return api.send(GitHubApi.Call.write("pulls/create-review", HttpMethod.POST,
              repoPath + "/pulls/" + e.number() + "/reviews", body, credential, false))
          .map(r -> {
            if (r.ok()) return true;
            problem("pulls/create-review", r);
            return false;
          });
    }

    Future<Void> upsertSummary(long commentId, String body) {
      JsonObject json = new JsonObject().put("body", body);
      GitHubApi.Call call = commentId > 0
          ? GitHubApi.Call.write("issues/update-comment", HttpMethod.PATCH, repoPath + "/issues/comments/" + commentId, json, credential, true)
          : GitHubApi.Call.write("issues/create-comment", HttpMethod.POST, repoPath + "/issues/" + e.number() + "/comments", json, credential, false);
      return api.send(call).map(r -> {
        if (!r.ok()) problem(call.operation(), r);
        return null;
      });
    }

    void problem(String operation, GitHubApi.Response r) {
      String p = operation + " answered " + r.status() + ": " + r.message();
      problems.add(p);
      LOG.warn("github repo={} pull={} head={} {}", e.fullName(), e.number(), e.headSha(), p);
    }
  }

  /** The diff is over the size limit (or GitHub refused to render it). */
  static final class TooLarge extends RuntimeException {
    TooLarge(String what) {
      super("the diff is too large to review (" + what + ")");
    }
  }

  private static String urlEncode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
