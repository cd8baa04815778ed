package dev.synapse.ops;

import dev.synapse.config.SynapseConfig;
import java.util.Set;

/**
 * Start-up check of how exposed the API is: an open API (no {@code SYNAPSE_SECRET}) bound to
 * every interface lets anyone who can reach the host submit reviews, read them and teach
 * suppressions. Stateless.
 */
public final class ExposureCheck {
  /** Host values that bind every interface. */
  static final Set<String> WILDCARD_HOSTS = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0", "");

  private ExposureCheck() {}

  /**
   * @param port the port actually bound
   * @return the WARN line to log when the API is open on every interface, or null when it is
   *     authenticated or bound to one address
   */
  public static String warning(SynapseConfig config, int port) {
    if (config.authEnabled()) return null;
    String host = config.httpHost() == null ? "" : config.httpHost().trim();
    if (!WILDCARD_HOSTS.contains(host)) return null;
    return "the API is open (no SYNAPSE_SECRET) and listens on every interface (" + (host.isEmpty() ? "0.0.0.0" : host)
        + ":" + port + "): anyone who can reach this host can submit and read reviews, replay signals and"
        + " teach suppressions; set SYNAPSE_SECRET, or SYNAPSE_HTTP_HOST=127.0.0.1";
  }
}
