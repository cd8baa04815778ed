package dev.synapse.ops;

import dev.synapse.signal.Severity;
import dev.synapse.signal.SignalTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Synapse's own meters with the Prometheus names of DESIGN.md section 3. Micrometer appends the
 * Prometheus suffixes: a counter named {@code synapse.reviews} is exported as
 * {@code synapse_reviews_total}, a timer {@code synapse.review.duration} as
 * {@code synapse_review_duration_seconds} (histogram buckets enabled). Labels are low-cardinality
 * only (never review ids, paths or users). Known label combinations are registered at zero on
 * construction. Thread-safe.
 */
public final class SynapseMetrics {
  /** Agent names whose series are pre-registered. */
  public static final List<String> AGENTS = List.of("security_specialist", "performance_specialist");
  private static final List<String> PATHS = List.of("fast_path", "deep_review");
  private static final List<String> STATUSES = List.of("complete", "failed");
  /** Finding categories (DESIGN.md 1) whose {@code synapse_findings_total} series are pre-registered. */
  public static final List<String> CATEGORIES = List.of("sql_injection", "xss", "auth_bypass",
      "command_injection", "path_traversal", "hardcoded_secret", "weak_crypto", "ldap_injection",
      "xpath_injection", "code_injection", "insecure_cookie", "trust_boundary", "high_complexity",
      "memory_hotspot", "n_plus_one", "hot_path_modified");
  private static final List<String> ERROR_KINDS = List.of("error", "timeout");

  /**
   * Histogram buckets (le) of {@code synapse_action_duration_seconds}: 1 ms to 60 s, eight per
   * series (was sixteen): with one series per check this histogram was half of a scrape.
   */
  static final Duration[] ACTION_BUCKETS = buckets(1, 5, 25, 100, 500, 2500, 10000, 60000);
  /** Histogram buckets (le) of {@code synapse_review_duration_seconds}: 5 ms to 120 s. */
  static final Duration[] REVIEW_BUCKETS = buckets(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000);

  private static Duration[] buckets(double... ms) {
    Duration[] out = new Duration[ms.length];
    for (int i = 0; i < ms.length; i++) out[i] = Duration.ofNanos((long) (ms[i] * 1_000_000));
    return out;
  }

  /** HELP text of every Synapse meter, by Micrometer name (exported as the Prometheus HELP line). */
  static final Map<String, String> HELP = Map.ofEntries(
      Map.entry("synapse.reviews", "Reviews finished, by decision path, status and highest finding severity"),
      Map.entry("synapse.reviews.active", "Reviews accepted by this node and not finished yet"),
      Map.entry("synapse.review.duration", "Time from acceptance to summary of a review, in seconds"),
      Map.entry("synapse.action.duration", "Time one specialist check (action) took on one review, in seconds"),
      Map.entry("synapse.agent.errors", "Specialist actions that failed, by agent, action and kind (error or timeout)"),
      Map.entry("synapse.findings", "Findings reported in summaries, by category (type) and severity"),
      Map.entry("synapse.signals.published", "Signals published on the event bus, by signal type"),
      Map.entry("synapse.rate.limited", "Requests refused with 429 rate_limited"),
      Map.entry("synapse.cluster.members", "Members of the cluster this node sees, itself included (1 when embedded)"),
      Map.entry("synapse.cluster.expected.members", "Members the cluster is meant to have (cluster_expected_size; 0 when unset)"),
      Map.entry("synapse.health.status", "Outcome of this node's latest health evaluation: 1 for its status "
          + "(healthy, degraded or unhealthy), 0 for the others; evaluated every 10 s and on each /health request"));

  /**
   * @return a meter filter that sets the {@link #HELP} description on Synapse meters registered
   *     without one; install it on the registry before the meters are created
   */
  public static MeterFilter descriptions() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        String help = HELP.get(id.getName());
        if (help == null || id.getDescription() != null) return id;
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), help, id.getType());
      }
    };
  }

  private final MeterRegistry registry;
  private final AtomicInteger active = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicReference<HealthLevel> health =
      new java.util.concurrent.atomic.AtomicReference<>(HealthLevel.HEALTHY);
  /**
   * Meters by kind, then by label values (nested maps keyed by the label strings, so a hit
   * allocates nothing): registry look-ups build ids and tags on every call.
   */
  private final Map<String, Counter> published = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Timer>> actionTimers = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Counter>> findings = new ConcurrentHashMap<>();
  private final Map<List<String>, Meter> meters = new ConcurrentHashMap<>();
  private final Timer reviewDuration;

  /** @param registry the registry to record into (the Vert.x Prometheus registry in production) */
  public SynapseMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("synapse.reviews.active", active);
    for (HealthLevel level : HealthLevel.values()) {
      Gauge.builder("synapse.health.status", health, h -> h.get() == level ? 1 : 0).tag("status", level.wire())
          .strongReference(true).description(HELP.get("synapse.health.status")).register(registry);
    }
    for (String type : SignalTypes.ALL) signalPublished(type, 0);
    for (String path : PATHS)
      for (String status : STATUSES)
        for (Severity s : Severity.values()) reviewCounter(path, status, s.wire());
    reviewDuration = Timer.builder("synapse.review.duration").serviceLevelObjectives(REVIEW_BUCKETS)
        .register(registry);
    registry.counter("synapse.rate.limited");
    for (String agent : AGENTS) registry.counter("synapse.agent.errors", "agent", agent, "action", "dispatch", "kind", "timeout");
    for (String type : CATEGORIES)
      for (Severity s : List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH))
        registry.counter("synapse.findings", "type", type, "severity", s.wire());
  }

  /**
   * Pre-registers, at zero, the per-action series of an agent:
   * {@code synapse_action_duration_seconds{agent,action}} and
   * {@code synapse_agent_errors_total{agent,action,kind}} for kinds {@code error} and {@code timeout}.
   *
   * @param agent agent name
   * @param actions the agent's action (check) ids
   */
  public void registerActions(String agent, List<String> actions) {
    for (String action : actions) {
      actionTimer(agent, action);
      for (String kind : ERROR_KINDS) registry.counter("synapse.agent.errors", "agent", agent, "action", action, "kind", kind);
    }
  }

  /** @return metrics recording into a private in-memory registry (tests, CLI) */
  public static SynapseMetrics inMemory() {
    return new SynapseMetrics(new SimpleMeterRegistry());
  }

  /** @return the underlying registry */
  public MeterRegistry registry() {
    return registry;
  }

  /** Counts a published signal: {@code synapse_signals_published_total{type}}. */
  public void signalPublished(String type) {
    signalPublished(type, 1);
  }

  private void signalPublished(String type, int n) {
    Counter c = published.get(type);
    if (c == null) {
      String label = SignalTypes.ALL.contains(type) ? type : "other";
      c = published.computeIfAbsent(label, k -> registry.counter("synapse.signals.published", "type", label));
    }
    if (n > 0) c.increment(n);
  }

  /**
   * Records a finished review: {@code synapse_reviews_total{path,status,severity}} and
   * {@code synapse_review_duration_seconds}.
   *
   * @param durationMs acceptance to summary, in ms
   */
  public void reviewCompleted(String path, String status, String severity, long durationMs) {
    reviewCounter(path, status, severity).increment();
    reviewDuration.record(durationMs, TimeUnit.MILLISECONDS);
  }

  /** Counts a finding: {@code synapse_findings_total{type,severity}}. */
  public void finding(String type, String severity) {
    findings.computeIfAbsent(type, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(severity, k -> registry.counter("synapse.findings", "type", type, "severity", severity))
        .increment();
  }

  /** Records one action: {@code synapse_action_duration_seconds{agent,action}}, in ns. */
  public void actionDuration(String agent, String action, long nanos) {
    actionTimer(agent, action).record(nanos, TimeUnit.NANOSECONDS);
  }

  private Timer actionTimer(String agent, String action) {
    Map<String, Timer> byAction = actionTimers.get(agent);
    if (byAction == null) byAction = actionTimers.computeIfAbsent(agent, k -> new ConcurrentHashMap<>());
    Timer t = byAction.get(action);
    return t != null ? t : byAction.computeIfAbsent(action,
        k -> Timer.builder("synapse.action.duration").tags("agent", agent, "action", action)
            .serviceLevelObjectives(ACTION_BUCKETS).register(registry));
  }

  /** Counts an agent error: {@code synapse_agent_errors_total{agent,action,kind}}. */
  public void agentError(String agent, String action, String kind) {
    ((Counter) meters.computeIfAbsent(List.of("errors", agent, action, kind),
        k -> registry.counter("synapse.agent.errors", "agent", agent, "action", action, "kind", kind))).increment();
  }

  /**
   * Registers {@code synapse_cluster_members}, read at each scrape.
   *
   * @param members the current member count (must be cheap and thread-safe)
   */
  public void clusterMembers(java.util.function.IntSupplier members) {
    Gauge.builder("synapse.cluster.members", members, IntSupplierValue::of).strongReference(true)
        .description(HELP.get("synapse.cluster.members"))
        .register(registry);
  }

  /**
   * Registers {@code synapse_cluster_expected_members}.
   *
   * @param expected {@code cluster_expected_size} (0 when unset)
   */
  public void clusterExpectedMembers(int expected) {
    Gauge.builder("synapse.cluster.expected.members", () -> expected).strongReference(true)
        .description(HELP.get("synapse.cluster.expected.members")).register(registry);
  }

  /** Records the latest health evaluation: {@code synapse_health_status{status}}. */
  public void healthStatus(HealthLevel level) {
    health.set(level);
  }

  /** @return the level last given to {@link #healthStatus} (healthy before the first evaluation) */
  public HealthLevel healthStatus() {
    return health.get();
  }

  private static final class IntSupplierValue {
    static double of(java.util.function.IntSupplier s) {
      return s.getAsInt();
    }
  }

  /** Counts a rejected request: {@code synapse_rate_limited_total}. */
  public void rateLimited() {
    registry.counter("synapse.rate.limited").increment();
  }

  /** A review was accepted: {@code synapse_reviews_active} goes up. */
  public void reviewStarted() {
    active.incrementAndGet();
  }

  /** A review reached its summary: {@code synapse_reviews_active} goes down. */
  public void reviewEnded() {
    active.decrementAndGet();
  }

  private Counter reviewCounter(String path, String status, String severity) {
    return (Counter) meters.computeIfAbsent(List.of("reviews", path, status, severity),
        k -> registry.counter("synapse.reviews", "path", path, "status", status, "severity", severity));
  }
}
