package dev.synapse.http;

import dev.synapse.agent.AgentRegistry;
import dev.synapse.agent.FeedbackLearner;
import dev.synapse.agent.LearnedPatterns;
import dev.synapse.config.SynapseConfig;
import dev.synapse.signal.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Learned suppressions, admin-authenticated like {@link AdminRoutes}:
 * {@code GET /api/suppressions} answers {@code {count, suppressions: [{id, scope, repo,
 * fingerprint, category, verdict, note, at, by, agents}]}} (every learned verdict of this node,
 * newest first; {@code scope} is {@code repository} or {@code review}); {@code DELETE
 * /api/suppressions/{id}} forgets the pattern on every agent of every node (published on
 * {@link Addresses#FEEDBACK}) and answers {@code 200 {revoked: pattern}}, or 404 for an unknown id.
 */
public final class SuppressionRoutes {
  /** Path of the list route. */
  public static final String PATH = "/api/suppressions";

  private final Vertx vertx;
  private final SynapseConfig config;
  private final AgentRegistry agents;

  private SuppressionRoutes(Vertx vertx, SynapseConfig config, AgentRegistry agents) {
    this.vertx = vertx;
    this.config = config;
    this.agents = agents;
  }

  /** Adds the routes to {@code router}. */
  public static void mount(Router router, Vertx vertx, SynapseConfig config, AgentRegistry agents) {
    SuppressionRoutes routes = new SuppressionRoutes(vertx, config, agents);
    router.get(PATH).handler(QueryParams.only()).handler(routes::list);
    router.delete(PATH + "/:id").handler(QueryParams.only()).handler(routes::revoke);
  }

  private Map<String, JsonObject> patterns() {
    Map<String, JsonObject> byId = new LinkedHashMap<>();
    agents.states().forEach((agent, state) -> {
      for (LearnedPatterns.Pattern p : state.learned().list()) {
        byId.computeIfAbsent(p.id(), k -> p.toJson().put("agents", new JsonArray()))
            .getJsonArray("agents").add(agent);
      }
    });
    return byId;
  }

  private void list(RoutingContext rc) {
    if (!AdminRoutes.authorized(rc, config)) return;
    JsonArray out = new JsonArray();
    patterns().values().stream().sorted(Comparator.comparing((JsonObject j) -> j.getString("at")).reversed())
        .forEach(out::add);
    rc.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("count", out.size()).put("suppressions", out).encode());
  }

  private void revoke(RoutingContext rc) {
    if (!AdminRoutes.authorized(rc, config)) return;
    String id = rc.pathParam("id");
    JsonObject pattern = patterns().get(id);
    if (pattern == null) {
      ApiError.notFound(rc, "no learned suppression with id '" + ReviewRoutes.truncate(id) + "'");
      return;
    }
    JsonObject message = FeedbackLearner.revocation(id, FeedbackRoutes.principal(rc));
    FeedbackLearner.apply(agents, message);
    vertx.eventBus().publish(Addresses.FEEDBACK, message);
    rc.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("revoked", pattern).encode());
  }
}
