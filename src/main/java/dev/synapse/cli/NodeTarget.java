package dev.synapse.cli;

import dev.synapse.config.SynapseConfig;
import java.net.URI;
import picocli.CommandLine.Option;

/**
 * Options naming a running node and its credentials, shared by {@code remote} and
 * {@code backup}: {@code --url} (default {@code http://127.0.0.1:<http_port>} from the layered
 * configuration, https when TLS is configured) and {@code --token} (default
 * {@code SYNAPSE_SECRET}, then its alias {@code SECRET_KEY_BASE}).
 */
public final class NodeTarget {
  @Option(names = "--url", paramLabel = "URL", description = "node URL (default http://127.0.0.1:<http_port>)")
  URI url;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "the node's secret, used to sign requests (default: $SYNAPSE_SECRET); prefer the environment, arguments are visible in ps")
  String token;

  /** @return the URL to use, from {@code --url} or the configuration */
  URI url(SynapseConfig config) {
    if (url != null) return url;
    String scheme = config.tlsCert() != null ? "https" : "http";
    String host = config.httpHost() == null || config.httpHost().equals("0.0.0.0") || config.httpHost().equals("::")
        ? "127.0.0.1" : config.httpHost();
    return URI.create(scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + config.httpPort());
  }

  /** @return the token from {@code --token} or the configuration's secret, or null */
  String token(SynapseConfig config) {
    return token != null ? token : config.secret();
  }
}
