package dev.synapse.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.agent.coordinator.CoordinatorVerticle;
import dev.synapse.agent.security.SecurityAgentVerticle;
import dev.synapse.bus.SignalBus;
import dev.synapse.bus.TypePattern;
import dev.synapse.config.SynapseConfig;
import dev.synapse.ops.SynapseMetrics;
import dev.synapse.review.LocalReviewStore;
import dev.synapse.review.ReviewService;
import dev.synapse.review.SummaryWaiters;
import dev.synapse.signal.Addresses;
import dev.synapse.signal.ReviewRequest;
import dev.synapse.signal.ReviewSummary;
import dev.synapse.signal.Signal;
import dev.synapse.signal.SignalCodec;
import dev.synapse.signal.SignalTypes;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The coordinator's timeout path: a specialist that never answers still yields one summary. */
@ExtendWith(VertxExtension.class)
class CoordinatorTimeoutTest {
  private NodeContext node;
  private ReviewService reviews;
  private final List<Signal> summaries = new CopyOnWriteArrayList<>();

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().registerDefaultCodec(Signal.class, new SignalCodec());
    SynapseConfig config = SynapseConfig.defaults().withActions(300, 0);
    SignalBus bus = new SignalBus(vertx, 100);
    LocalReviewStore store = new LocalReviewStore(100);
    AgentRegistry agents = new AgentRegistry();
    SynapseMetrics metrics = SynapseMetrics.inMemory();
    node = new NodeContext("n1", config, bus, store, metrics, agents);
    SummaryWaiters waiters = new SummaryWaiters(vertx, bus, store);
    reviews = new ReviewService(vertx, "n1", store, bus, metrics, waiters);
    bus.subscribe(TypePattern.of(SignalTypes.REVIEW_SUMMARY), summaries::add);
    bus.start()
        .compose(v -> waiters.start())
        .compose(v -> vertx.deployVerticle(new CoordinatorVerticle(node)))
        .compose(v -> vertx.deployVerticle(() -> new SecurityAgentVerticle(node), new DeploymentOptions().setInstances(2)))
        // a performance specialist that receives requests and never answers
        .compose(v -> vertx.eventBus().<Signal>consumer(Addresses.agent(AgentNames.PERFORMANCE), m -> { }).completion())
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a specialist that never answers is escalated as 'No response from <agent>' and exactly one summary is emitted")
  void silentSpecialist(Vertx vertx, VertxTestContext ctx) {
    ReviewRequest request = ReviewService.validate(new JsonObject().put("review_id", "silent-1")
        .put("diff", "").put("labels", new JsonArray().add("performance")));
    reviews.submit(request)
        .compose(sub -> reviews.awaitSummary("silent-1", 10_000))
        .onComplete(ctx.succeeding(summary -> vertx.setTimer(500, t -> ctx.verify(() -> {
          assertEquals("deep_review", summary.decisionPath());
          assertEquals(ReviewSummary.COMPLETE, summary.status());
          assertEquals(List.of("security_specialist"), summary.specialistsResolved());
          assertEquals(List.of("performance_specialist"), summary.specialistsFailed());
          assertTrue(summary.escalations().contains("No response from performance_specialist"));
          assertEquals(1, summaries.size(), "exactly one summary");
          assertEquals(1, node.agents().state(AgentNames.SECURITY).history().size());
          ctx.completeNow();
        }))));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a specialist type with no live instance is retried, then escalated; the review still gets its summary")
  void missingSpecialist(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().<Signal>consumer(Addresses.agent("unused"), m -> { });
    ReviewRequest request = ReviewService.validate(new JsonObject().put("review_id", "hotfix-1")
        .put("diff", "").put("intent", "hotfix"));
    reviews.submit(request)
        .compose(sub -> reviews.awaitSummary("hotfix-1", 10_000))
        .onComplete(ctx.succeeding(summary -> ctx.verify(() -> {
          assertEquals("fast_path", summary.decisionPath());
          assertEquals(List.of("security_specialist"), summary.specialistsResolved());
          assertTrue(summary.escalations().isEmpty());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  @DisplayName("re-submitting a review id returns the stored review and runs nothing twice")
  void idempotent(Vertx vertx, VertxTestContext ctx) {
    ReviewRequest request = ReviewService.validate(new JsonObject().put("review_id", "dup-1").put("diff", ""));
    reviews.submit(request)
        .compose(first -> reviews.submit(request).map(second -> {
          ctx.verify(() -> {
            assertTrue(first.created());
            assertTrue(!second.created());
          });
          return second;
        }))
        .compose(sub -> reviews.awaitSummary("dup-1", 10_000))
        .onComplete(ctx.succeeding(s -> vertx.setTimer(300, t -> ctx.verify(() -> {
          assertEquals(1, summaries.stream().filter(x -> "dup-1".equals(x.reviewId())).count());
          ctx.completeNow();
        }))));
  }
}
