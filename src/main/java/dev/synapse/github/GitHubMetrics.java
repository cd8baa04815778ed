package dev.synapse.github;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GitHub integration's meters (Prometheus names after Micrometer's suffixes):
 * <ul>
 *   <li>{@code synapse_github_events_total{event,action,outcome}}: webhook deliveries by outcome
 *       ({@code accepted}, {@code ignored}, {@code duplicate}, {@code rejected}, {@code pong},
 *       {@code completed}, {@code failed});</li>
 *   <li>{@code synapse_github_api_requests_total{operation,status}}: REST calls by operation
 *       (the OpenAPI operation id, e.g. {@code checks/create}) and HTTP status ({@code error} when
 *       no answer came);</li>
 *   <li>{@code synapse_github_api_request_duration_seconds{operation}}: their latency (histogram).</li>
 * </ul>
 * Labels are bounded sets (event and action names are cut to known values). Thread-safe.
 */
public final class GitHubMetrics {
  /** Histogram buckets (le) of the API latency: 10 ms to 60 s. */
  static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
      Duration.ofSeconds(60)};
  private static final List<String> EVENTS = List.of("ping", "pull_request", "installation");
  private static final List<String> ACTIONS = List.of("opened", "synchronize", "reopened",
      "ready_for_review", "closed", "edited", "labeled", "created", "deleted", "none");

  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  /** @param registry where the meters live (the node's registry) */
  public GitHubMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.counter("synapse.github.events", "event", "pull_request", "action", "opened", "outcome", "accepted");
  }

  /** Counts one webhook delivery (event and action outside the known sets count as {@code other}). */
  public void event(String event, String action, String outcome) {
    registry.counter("synapse.github.events", "event", EVENTS.contains(event) ? event : "other",
        "action", action == null ? "none" : ACTIONS.contains(action) ? action : "other",
        "outcome", outcome).increment();
  }

  /**
   * Records one REST call.
   *
   * @param operation OpenAPI operation id
   * @param status HTTP status, or -1 when no answer came (connection error, timeout)
   * @param nanos time from sending to the answer
   */
  public void apiRequest(String operation, int status, long nanos) {
    registry.counter("synapse.github.api.requests", "operation", operation,
        "status", status < 0 ? "error" : Integer.toString(status)).increment();
    timers.computeIfAbsent(operation, op -> Timer.builder("synapse.github.api.request.duration")
        .tag("operation", op).serviceLevelObjectives(BUCKETS).register(registry)).record(Duration.ofNanos(nanos));
  }
}
