package dev.synapse.ops;

import io.vertx.micrometer.Label;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.EnumSet;

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

  private MetricsSetup() {}

  /**
   * @return the label rule that maps any HTTP method outside {@link #KNOWN_METHODS} (an invented
   *     {@code XA} …) to {@value #OTHER_METHOD}, so a client cannot create series at will
   */
  public static Match methodLabelRule() {
    return new Match().setLabel(Label.HTTP_METHOD.toString()).setType(MatchType.REGEX)
        .setValue("(?!(?:" + KNOWN_METHODS + ")$).*").setAlias(OTHER_METHOD);
  }

  /**
   * @param registryName Micrometer registry name, unique per Vert.x instance in one JVM
   * @return enabled options: Prometheus registry, JVM metrics, the {@link #LABELS}
   */
  public static MicrometerMetricsOptions options(String registryName) {
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setRegistryName(registryName)
        .setJvmMetricsEnabled(true)
        .setLabels(EnumSet.copyOf(LABELS))
        .addLabelMatch(methodLabelRule())
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)
            .setPublishQuantiles(true));
  }
}
