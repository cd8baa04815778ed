package dev.synapse.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Options factory for Vert.x's Micrometer metrics with a Prometheus backend (DESIGN.md section 3,
 * "Metrics"). Labels are chosen for bounded cardinality: HTTP method, status code and route
 * template ({@code /api/reviews/:id}, never the raw path), event-bus side and failure, pool type
 * and name; the method label only takes the values of {@link #KNOWN_METHODS} and
 * {@value #OTHER_METHOD}. Never enabled: {@link Label#HTTP_PATH}, {@link Label#REMOTE}, {@link Label#LOCAL}
 * (client addresses) and {@link Label#EB_ADDRESS} (reply addresses are random, one per request).
 */
public final class MetricsSetup {
  /** Labels Synapse enables on Vert.x meters. */
  public static final EnumSet<Label> LABELS = EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE,
      Label.HTTP_ROUTE, Label.EB_SIDE, Label.EB_FAILURE, Label.POOL_TYPE, Label.POOL_NAME);

  /** HTTP methods kept as {@code method} label values; any other becomes {@value #OTHER_METHOD}. */
  public static final String KNOWN_METHODS = "GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH|TRACE|CONNECT";
  /** The {@code method} label value of every method outside {@link #KNOWN_METHODS}. */
  public static final String OTHER_METHOD = "other";

  /**
   * Meters not exported: names with abbreviated units ({@code jvm_compilation_time_ms_total},
   * {@code process_cpu_time_ns_total}) and a gauge ending in {@code _count}
   * ({@code system_cpu_count}), which {@code promtool check metrics} reports as lint errors.
   * {@code process_cpu_usage} and {@code system_cpu_usage} remain.
   */
  static final Set<String> DENIED = Set.of("jvm.compilation.time", "process.cpu.time", "system.cpu.count");

  /**
   * Histogram buckets (le) of {@code vertx_http_server_response_time_seconds}: 5 ms to 30 s. The
   * other Vert.x distributions (request/response bytes, pool times) export count, sum and max
   * only: with Vert.x's {@code publishQuantiles} each series had 276 byte buckets (a scrape of
   * about 1 MB after twenty requests).
   */
  static final Duration[] HTTP_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30)};

  private MetricsSetup() {}

  /**
   * @return a new Prometheus registry with Synapse's meter filters installed before any meter
   *     exists: {@link #DENIED} names dropped, HELP text on every {@code synapse_*} meter
   *     ({@link SynapseMetrics#descriptions()}), {@link #HTTP_BUCKETS} on the HTTP server
   *     response time. Bind meters only after Vert.x has set its own filters up
   *     ({@link #bindProcessMetrics})
   */
  public static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config()
        .meterFilter(MeterFilter.deny(id -> DENIED.contains(id.getName())))
        .meterFilter(SynapseMetrics.descriptions())
        .meterFilter(new MeterFilter() {
          @Override
          public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
            if (!id.getName().equals("vertx.http.server.response.time")) return config;
            double[] slo = new double[HTTP_BUCKETS.length];
            for (int i = 0; i < slo.length; i++) slo[i] = HTTP_BUCKETS[i].toNanos();
            return DistributionStatisticConfig.builder().serviceLevelObjectives(slo).build().merge(config);
          }
        });
    return registry;
  }

  /**
   * @return the label rule that maps any HTTP method outside {@link #KNOWN_METHODS} (an invented
   *     {@code XA} …) to {@value #OTHER_METHOD}, so a client cannot create series at will
   */
  public static Match methodLabelRule() {
    return new Match().setLabel(Label.HTTP_METHOD.toString()).setType(MatchType.REGEX)
        .setValue("(?!(?:" + KNOWN_METHODS + ")$).*").setAlias(OTHER_METHOD);
  }

  /**
   * Binds the process meters Vert.x does not: open file descriptors
   * ({@code process_files_open_files}, {@code process_files_max_files}).
   */
  public static void bindProcessMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    new FileDescriptorMetrics().bindTo(registry);
  }

  /** @return the metrics factory every Synapse Vert.x is built with, over a new {@link #registry()} */
  public static io.vertx.micrometer.MicrometerMetricsFactory factory() {
    return new io.vertx.micrometer.MicrometerMetricsFactory(registry());
  }

  /**
   * @param registryName Micrometer registry name, unique per Vert.x instance in one JVM
   * @return enabled options: Prometheus (no percentile histograms; give Vert.x the registry of
   *     {@link #registry()} through {@link #factory()}), JVM and process metrics, the {@link #LABELS}
   */
  public static MicrometerMetricsOptions options(String registryName) {
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setRegistryName(registryName)
        .setJvmMetricsEnabled(true)
        .setLabels(EnumSet.copyOf(LABELS))
        .addLabelMatch(methodLabelRule())
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)
            .setPublishQuantiles(false));
  }
}
