package dev.synapse.http;

import dev.synapse.config.SynapseConfig;
import dev.synapse.ops.SynapseMetrics;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node-wide state of the HTTP edge, shared by all HTTP verticle instances of a node: the
 * per-source rate limiter (null when {@code rate_limit} is 0), the in-flight body budget, the
 * count of open connections and the replay memory of request signatures. Registers the gauge
 * {@code synapse_http_inflight_bytes}. Thread-safe.
 *
 * @param limiter per-source rate limiter, or null when off
 * @param budget request-body bytes being read at once
 * @param connections HTTP connections open on the node
 * @param replay signatures already accepted
 */
public record HttpEdge(SourceRateLimiter limiter, InflightBudget budget, AtomicInteger connections, ReplayGuard replay) {

  /**
   * @param vertx the node's Vert.x instance (clustered or not)
   * @param config limits: {@code rate_limit}, {@code max_inflight_bytes}
   * @param metrics where the in-flight gauge is registered
   * @return new edge state for one node
   */
  public static HttpEdge forNode(Vertx vertx, SynapseConfig config, SynapseMetrics metrics) {
    SourceRateLimiter limiter = config.rateLimit() > 0 ? new SourceRateLimiter(config.rateLimit()) : null;
    InflightBudget budget = new InflightBudget(config.httpLimits().inflightBudgetBytes(config.maxDiffBytes()));
    Gauge.builder("synapse.http.inflight", budget, InflightBudget::inUse).baseUnit("bytes")
        .description("request-body bytes being read now (bounded by max_inflight_bytes)")
        .register(metrics.registry());
    return new HttpEdge(limiter, budget, new AtomicInteger(), new ReplayGuard(vertx));
  }
}
