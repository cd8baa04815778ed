package dev.synapse.config;

import dev.synapse.signal.Severity;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Layers configuration explicitly: defaults, then {@code conf/synapse.json} (when present), then
 * environment variables (primary name first, then aliases), then a {@code --conf FILE} (highest).
 * Validates every value and fails with a {@link ConfigException} naming the key.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * @param defaultsFile usually {@code conf/synapse.json}; skipped when absent
   * @param env the environment (usually {@code System.getenv()})
   * @param overrideFile the {@code --conf} file, or null
   * @return the validated configuration
   * @throws ConfigException when a file cannot be read or a value is invalid
   */
  public static SynapseConfig load(Path defaultsFile, Map<String, String> env, Path overrideFile) {
    Map<ConfigKey, String> values = new HashMap<>();
    if (defaultsFile != null && Files.isRegularFile(defaultsFile)) {
      readFile(defaultsFile, values);
    }
    for (ConfigKey key : ConfigKey.values()) {
      String v = env.get(key.env());
      if (v == null) {
        for (String alias : key.aliases()) {
          v = env.get(alias);
          if (v != null) break;
        }
      }
      if (v != null) values.put(key, v);
    }
    if (overrideFile != null) {
      if (!Files.isRegularFile(overrideFile)) {
        throw new ConfigException("--conf: file not found: " + overrideFile);
      }
      readFile(overrideFile, values);
    }
    return fromValues(values);
  }

  private static void readFile(Path file, Map<ConfigKey, String> values) {
    JsonObject json;
    try {
      json = new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    } catch (DecodeException e) {
      throw new ConfigException(file + ": not valid JSON");
    }
    for (String name : json.fieldNames()) {
      ConfigKey key = byJsonName(name);
      if (key == null) {
        throw new ConfigException(file + ": unknown configuration key '" + name + "'");
      }
      Object v = json.getValue(name);
      if (v == null) {
        values.remove(key);
      } else if (v instanceof io.vertx.core.json.JsonArray arr) {
        List<String> parts = new ArrayList<>();
        for (Object o : arr) parts.add(String.valueOf(o));
        values.put(key, String.join(",", parts));
      } else {
        values.put(key, String.valueOf(v));
      }
    }
  }

  private static ConfigKey byJsonName(String name) {
    for (ConfigKey k : ConfigKey.values()) if (k.jsonName().equals(name)) return k;
    return null;
  }

  /** Builds a config from raw text values, applying defaults; package-private for tests. */
  static SynapseConfig fromValues(Map<ConfigKey, String> raw) {
    Values v = new Values(raw);
    Path cert = v.path(ConfigKey.TLS_CERT);
    Path key = v.path(ConfigKey.TLS_KEY);
    if ((cert == null) != (key == null)) {
      throw new ConfigException("SYNAPSE_TLS_CERT and SYNAPSE_TLS_KEY must be set together");
    }
    return new SynapseConfig(
        v.integer(ConfigKey.HTTP_PORT, 0, 65535),
        v.string(ConfigKey.HTTP_HOST),
        v.string(ConfigKey.PUBLIC_HOST),
        v.string(ConfigKey.SECRET),
        v.longValue(ConfigKey.ACTION_TIMEOUT_MS, 1, 3_600_000),
        v.integer(ConfigKey.ACTION_MAX_RETRIES, 0, 10),
        v.logLevel(),
        v.integer(ConfigKey.SECURITY_POOL_SIZE, 1, 256),
        v.integer(ConfigKey.PERFORMANCE_POOL_SIZE, 1, 256),
        v.integer(ConfigKey.SIGNAL_HISTORY, 1, 10_000_000),
        v.bool(ConfigKey.CLUSTER),
        v.list(ConfigKey.CLUSTER_MEMBERS),
        v.integer(ConfigKey.CLUSTER_PORT, 1, 65535),
        v.string(ConfigKey.CLUSTER_NAME),
        v.string(ConfigKey.CLUSTER_HOST),
        v.string(ConfigKey.KUBERNETES_SERVICE),
        v.integer(ConfigKey.RATE_LIMIT, 0, 100_000_000),
        v.longValue(ConfigKey.MAX_DIFF_BYTES, 1024, 1L << 31),
        v.path(ConfigKey.BACKUP_DIR),
        v.longValue(ConfigKey.BACKUP_INTERVAL_MS, 1000, 86_400_000L),
        v.integer(ConfigKey.BACKUP_KEEP, 1, 1000),
        cert,
        key,
        v.bool(ConfigKey.METRICS_PUBLIC),
        v.integer(ConfigKey.REVIEW_RETENTION, 1, 10_000_000),
        v.longValue(ConfigKey.SHUTDOWN_GRACE_MS, 0, 3_600_000),
        v.path(ConfigKey.LOG_FILE),
        v.bool(ConfigKey.LOG_JSON),
        v.bool(ConfigKey.BENCH_ECHO),
        v.list(ConfigKey.RULE_PACKS).stream().map(Path::of).toList(),
        v.severity(ConfigKey.TEST_CODE_MAX_SEVERITY),
        new HttpLimits(v.longValue(ConfigKey.MAX_INFLIGHT_BYTES, 0, Long.MAX_VALUE),
            v.longValue(ConfigKey.HTTP_HEADER_TIMEOUT_MS, 100, 3_600_000),
            v.longValue(ConfigKey.HTTP_BODY_TIMEOUT_MS, 100, 3_600_000),
            v.integer(ConfigKey.HTTP_MAX_CONNECTIONS, 1, 10_000_000)),
        clusterTransport(v),
        new Reliability(
            v.string(ConfigKey.JOURNAL_DIR),
            v.longValue(ConfigKey.REVIEW_RETENTION_BYTES, 0, 1L << 40),
            v.integer(ConfigKey.CLUSTER_BACKUP_COUNT, 1, 6),
            v.integer(ConfigKey.CLUSTER_EXPECTED_SIZE, 0, 1000),
            v.longValue(ConfigKey.REVIEW_BUDGET_MS, 1000, 86_400_000L)),
        github(v),
        new LargeReviews(v.longValue(ConfigKey.LARGE_REVIEW_BYTES, 1024, 1L << 31),
            v.integer(ConfigKey.LARGE_REVIEW_THREADS, 0, 256),
            v.longValue(ConfigKey.SPOOL_BYTES, 1024, 1L << 31)));
  }

  private static ClusterTransport clusterTransport(Values v) {
    Path cert = v.path(ConfigKey.CLUSTER_TLS_CERT);
    Path key = v.path(ConfigKey.CLUSTER_TLS_KEY);
    Path ca = v.path(ConfigKey.CLUSTER_TLS_CA);
    int set = (cert == null ? 0 : 1) + (key == null ? 0 : 1) + (ca == null ? 0 : 1);
    if (set != 0 && set != 3) {
      throw new ConfigException(
          "SYNAPSE_CLUSTER_TLS_CERT, SYNAPSE_CLUSTER_TLS_KEY and SYNAPSE_CLUSTER_TLS_CA must be set together");
    }
    String publicHost = v.string(ConfigKey.CLUSTER_PUBLIC_HOST);
    if (publicHost != null && !publicHost.matches("[A-Za-z0-9._\\-]+")) {
      throw new ConfigException("SYNAPSE_CLUSTER_PUBLIC_HOST must be a host name or IPv4 address; got '"
          + publicHost + "'");
    }
    return new ClusterTransport(v.integer(ConfigKey.CLUSTER_EVENTBUS_PORT, 0, 65535), publicHost, cert, key, ca);
  }

  private static GitHubConfig github(Values v) {
    String appId = v.string(ConfigKey.GITHUB_APP_ID);
    if (appId != null && !appId.matches("[0-9]{1,20}")) {
      throw new ConfigException("SYNAPSE_GITHUB_APP_ID must be the app's numeric id; got '" + appId + "'");
    }
    String key = privateKey(v.string(ConfigKey.GITHUB_PRIVATE_KEY));
    if ((appId == null) != (key == null)) {
      throw new ConfigException("SYNAPSE_GITHUB_APP_ID and SYNAPSE_GITHUB_PRIVATE_KEY must be set together");
    }
    String url = v.required(ConfigKey.GITHUB_API_URL);
    if (!url.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
      throw new ConfigException("SYNAPSE_GITHUB_API_URL must be an http(s) URL such as https://api.github.com; got '" + url + "'");
    }
    String failOn = v.required(ConfigKey.GITHUB_FAIL_ON).toLowerCase(Locale.ROOT);
    if (!List.of("none", "low", "medium", "high").contains(failOn)) {
      throw new ConfigException("SYNAPSE_GITHUB_FAIL_ON must be one of none, low, medium, high; got '" + failOn + "'");
    }
    return new GitHubConfig(v.string(ConfigKey.GITHUB_WEBHOOK_SECRET), appId, key,
        v.string(ConfigKey.GITHUB_TOKEN), url.endsWith("/") ? url.substring(0, url.length() - 1) : url,
        v.bool(ConfigKey.GITHUB_REVIEW_DRAFTS), failOn,
        v.longValue(ConfigKey.GITHUB_DELIVERY_TTL_MS, 60_000, 30L * 86_400_000));
  }

  /** @return the PEM text: the value itself when it holds a PEM block, else the file it names */
  private static String privateKey(String value) {
    if (value == null) return null;
    if (value.contains("-----BEGIN")) return value.replace("\\n", "\n");
    Path file = Path.of(value);
    try {
      String text = Files.readString(file);
      if (!text.contains("-----BEGIN")) {
        throw new ConfigException("SYNAPSE_GITHUB_PRIVATE_KEY: " + file + " holds no PEM block");
      }
      return text;
    } catch (IOException | java.nio.file.InvalidPathException e) {
      // the message names the file, never the value's content
      throw new ConfigException("SYNAPSE_GITHUB_PRIVATE_KEY is neither PEM text nor a readable file: " + file);
    }
  }

  /** Typed access with validation messages that name the key. */
  private record Values(Map<ConfigKey, String> raw) {
    String string(ConfigKey k) {
      String s = raw.containsKey(k) ? raw.get(k) : k.defaultValue();
      return s == null || s.isBlank() ? null : s.trim();
    }

    String required(ConfigKey k) {
      String s = string(k);
      return s == null ? k.defaultValue() : s;
    }

    long longValue(ConfigKey k, long min, long max) {
      String s = required(k);
      long value;
      try {
        value = Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new ConfigException(k.env() + " must be an integer; got '" + s + "'");
      }
      if (value < min || value > max) {
        throw new ConfigException(k.env() + " must be between " + min + " and " + max + "; got " + value);
      }
      return value;
    }

    int integer(ConfigKey k, int min, int max) {
      return (int) longValue(k, min, max);
    }

    boolean bool(ConfigKey k) {
      String s = required(k).toLowerCase(Locale.ROOT);
      return switch (s) {
        case "true", "1", "yes", "on" -> true;
        case "false", "0", "no", "off" -> false;
        default -> throw new ConfigException(k.env() + " must be true or false; got '" + s + "'");
      };
    }

    List<String> list(ConfigKey k) {
      String s = string(k);
      List<String> out = new ArrayList<>();
      if (s == null) return out;
      for (String part : s.split(",")) {
        String p = part.trim();
        if (p.isEmpty()) continue;
        if (k == ConfigKey.CLUSTER_MEMBERS && !p.matches("[A-Za-z0-9._\\-\\[\\]:]+")) {
          throw new ConfigException(k.env() + " must be a comma-separated host:port list; got '" + p + "'");
        }
        out.add(p);
      }
      return out;
    }

    Severity severity(ConfigKey k) {
      String s = required(k);
      try {
        return Severity.parse(s);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(k.env() + " must be one of none, low, medium, high; got '" + s + "'");
      }
    }

    Path path(ConfigKey k) {
      String s = string(k);
      return s == null ? null : Path.of(s);
    }

    String logLevel() {
      String s = required(ConfigKey.LOG_LEVEL).toLowerCase(Locale.ROOT);
      if (!List.of("trace", "debug", "info", "warn", "error", "off").contains(s)) {
        throw new ConfigException("LOG_LEVEL must be one of trace, debug, info, warn, error, off; got '" + s + "'");
      }
      return s;
    }
  }
}
