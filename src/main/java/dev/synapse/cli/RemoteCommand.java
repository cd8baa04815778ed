package dev.synapse.cli;

import dev.synapse.config.ConfigException;
import dev.synapse.config.SynapseConfig;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code synapse remote [SECTION…]}: an admin console to a running node over its authenticated
 * HTTP API. Sections: {@code health} ({@code GET /health}), {@code members} (cluster nodes from
 * {@code GET /api/agents}), {@code agents} (agents, pool sizes, state sizes), {@code reviews}
 * (recent reviews, {@code GET /api/reviews}), {@code metrics} (key figures from
 * {@code GET /metrics}); default: all. {@code -i} reads section names from stdin in a loop.
 * A route the node does not serve (404) is reported as unavailable, not as an error.
 * Exit codes: 0 the node answered, 3 it could not be reached or refused the credentials.
 */
@Command(name = "remote", mixinStandardHelpOptions = true,
    description = "Admin console to a running node: health, cluster members, agents and pools, recent reviews, key metrics.")
public final class RemoteCommand implements Callable<Integer> {
  /** Section names, in display order. */
  public static final List<String> SECTIONS = List.of("health", "members", "agents", "reviews", "metrics");
  /** Sections shown only when named (not part of the default "all"). */
  public static final List<String> EXTRA_SECTIONS = List.of("suppressions");

  @Parameters(arity = "0..*", paramLabel = "SECTION", description = "health, members, agents, reviews, metrics (default: all)")
  List<String> sections = new ArrayList<>();

  @Option(names = {"-i", "--interactive"}, description = "read section names (or 'backup', 'quit') from stdin")
  boolean interactive;

  @Option(names = "--revoke", paramLabel = "ID", description = "with 'suppressions': revoke the learned suppression ID")
  String revoke;

  @Option(names = "--limit", paramLabel = "N", description = "recent reviews shown (default 10)")
  int limit = 10;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "per-request timeout (default 10)")
  int timeoutSeconds = 10;

  @Mixin NodeTarget target;
  @Mixin ConfigOptions configOptions;

  PrintStream out = System.out;
  PrintStream err = System.err;
  InputStream in = System.in;

  private AdminClient client;
  private boolean unreachable;

  @Override
  public Integer call() {
    SynapseConfig config;
    try {
      config = configOptions.load();
    } catch (ConfigException e) {
      err.println("synapse remote: configuration error: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    for (String s : sections) {
      if (!SECTIONS.contains(s) && !EXTRA_SECTIONS.contains(s)) {
        err.println("synapse remote: unknown section '" + s + "'; use " + String.join(", ", SECTIONS)
            + " or " + String.join(", ", EXTRA_SECTIONS));
        return Main.EXIT_USAGE;
      }
    }
    if (revoke != null && !sections.equals(List.of("suppressions"))) {
      err.println("synapse remote: --revoke goes with the section 'suppressions' alone");
      return Main.EXIT_USAGE;
    }
    client = new AdminClient(target.url(config), target.token(config), Duration.ofSeconds(timeoutSeconds));
    out.println("Synapse node " + client.base());
    if (interactive) return console();
    for (String s : sections.isEmpty() ? SECTIONS : sections) {
      show(s);
      if (unreachable) break;
    }
    return unreachable ? Main.EXIT_FAILURE : 0;
  }

  private int console() {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    out.println("Commands: " + String.join(", ", SECTIONS) + ", all, backup, help, quit");
    try {
      while (true) {
        out.print("synapse> ");
        out.flush();
        String line = reader.readLine();
        if (line == null) return 0;
        String cmd = line.trim().toLowerCase(Locale.ROOT);
        unreachable = false;
        switch (cmd) {
          case "" -> { }
          case "quit", "exit" -> { return 0; }
          case "help" -> out.println("Commands: " + String.join(", ", SECTIONS) + ", all, backup, help, quit");
          case "all" -> SECTIONS.forEach(this::show);
          case "backup" -> backup();
          default -> {
            if (SECTIONS.contains(cmd)) show(cmd);
            else out.println("unknown command '" + cmd + "'; try help");
          }
        }
      }
    } catch (IOException e) {
      err.println("synapse remote: " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
  }

  /** Lists learned suppressions (who, what, where, when), or revokes {@link #revoke}. */
  private void suppressions() {
    if (revoke != null) {
      String path = "/api/suppressions/" + java.net.URLEncoder.encode(revoke, StandardCharsets.UTF_8);
      AdminClient.Response r = client.delete(path);
      if (r.ok()) {
        JsonObject p = json(r.body()).getJsonObject("revoked", new JsonObject());
        out.println("  revoked " + revoke + ": " + p.getString("category") + " " + p.getString("fingerprint")
            + " in " + p.getString("repo"));
      } else {
        problem("suppressions", path, r);
        if (r.status() == 404) unreachable = true;
      }
      return;
    }
    AdminClient.Response r = fetch("suppressions", "/api/suppressions");
    if (r == null) return;
    JsonArray list = json(r.body()).getJsonArray("suppressions", new JsonArray());
    out.println("  " + list.size() + " learned verdict(s)");
    for (Object o : list) {
      if (!(o instanceof JsonObject p)) continue;
      out.println("  - " + p.getString("id") + "  " + p.getString("verdict") + "  " + p.getString("category")
          + "  " + p.getString("scope") + " " + p.getString("repo") + "  by " + p.getString("by", "?")
          + " at " + p.getString("at") + (p.getString("note") != null ? "  \"" + p.getString("note") + "\"" : ""));
      out.println("      fingerprint " + p.getString("fingerprint"));
    }
  }

  private void backup() {
    AdminClient.Response r = client.post("/api/admin/backup");
    if (r.ok()) out.println("snapshot written: " + json(r.body()).getString("file"));
    else problem("backup", "/api/admin/backup", r);
  }

  private void show(String section) {
    out.println();
    out.println("== " + section);
    switch (section) {
      case "health" -> health();
      case "members" -> members();
      case "agents" -> agents();
      case "reviews" -> reviews();
      case "suppressions" -> suppressions();
      default -> metrics();
    }
  }

  /** Fetches a path; prints why when the answer is unusable and returns null then. */
  private AdminClient.Response fetch(String section, String path) {
    AdminClient.Response r = client.get(path);
    if (r.status() == 503 && path.startsWith("/health")) return r;
    if (!r.ok()) {
      problem(section, path, r);
      return null;
    }
    return r;
  }

  private void problem(String section, String path, AdminClient.Response r) {
    switch (r.status()) {
      case -1 -> { out.println("  " + r.body()); unreachable = true; }
      case 401 -> { out.println("  401 unauthorized: set SYNAPSE_SECRET or pass --token"); unreachable = true; }
      case 403 -> { out.println("  403 forbidden: the token is not allowed to read " + path); unreachable = true; }
      case 404 -> out.println("  not available on this node (" + path + " answered 404)");
      default -> out.println("  " + path + " answered " + r.status() + ": " + errorMessage(r.body()));
    }
  }

  private void health() {
    AdminClient.Response r = fetch("health", "/health");
    if (r == null) return;
    JsonObject h = json(r.body());
    out.println("  status:  " + h.getValue("status", "unknown") + " (HTTP " + r.status() + ")");
    if (h.getValue("message") != null) out.println("  message: " + h.getValue("message"));
    Object checks = h.getValue("checks");
    if (checks instanceof JsonObject o) {
      for (String k : o.fieldNames()) out.println("  - " + k + ": " + statusOf(o.getValue(k)));
    } else if (checks instanceof JsonArray a) {
      for (Object c : a) {
        if (c instanceof JsonObject co) out.println("  - " + co.getValue("id", co.getValue("name", "?")) + ": " + statusOf(co));
      }
    }
  }

  private static String statusOf(Object v) {
    if (v instanceof JsonObject o) {
      Object s = o.getValue("status");
      Object msg = o.getValue("message");
      return s + (msg != null ? " (" + msg + ")" : "");
    }
    return String.valueOf(v);
  }

  private JsonObject agentsJson() {
    AdminClient.Response r = fetch("agents", "/api/agents");
    return r == null ? null : json(r.body());
  }

  private void members() {
    JsonObject a = agentsJson();
    if (a == null) return;
    Object nodes = a.getValue("nodes");
    Object self = a.getValue("node_id");
    if (Boolean.FALSE.equals(a.getValue("clustered"))) out.println("  embedded single node (not clustered)");
    if (nodes instanceof JsonArray arr && !arr.isEmpty()) {
      out.println("  " + arr.size() + " node(s)");
      for (Object n : arr) out.println("  - " + describeNode(n) + (n.equals(self) ? "  (answering node)" : ""));
    } else {
      out.println("  no membership reported");
    }
  }

  private static String describeNode(Object n) {
    if (n instanceof JsonObject o) {
      List<String> parts = new ArrayList<>();
      for (String k : o.fieldNames()) parts.add(k + "=" + o.getValue(k));
      return String.join(" ", parts);
    }
    return String.valueOf(n);
  }

  private void agents() {
    JsonObject a = agentsJson();
    if (a == null) return;
    Object agents = a.getValue("agents", a);
    if (agents instanceof JsonArray arr) {
      for (Object o : arr) if (o instanceof JsonObject j) printAgent(j.getString("name", j.getString("agent", "?")), j);
    } else if (agents instanceof JsonObject obj) {
      for (String name : obj.fieldNames()) {
        if (name.equals("nodes")) continue;
        if (obj.getValue(name) instanceof JsonObject j) printAgent(name, j);
      }
    }
  }

  private void printAgent(String name, JsonObject j) {
    StringBuilder sb = new StringBuilder("  - ").append(name);
    for (String k : List.of("pool_size", "live_instances", "instances")) {
      if (j.getValue(k) != null) sb.append("  ").append(k).append('=').append(j.getValue(k));
    }
    if (j.getValue("state") instanceof JsonObject st) {
      for (Map.Entry<String, Object> e : st) sb.append("  ").append(e.getKey()).append('=').append(e.getValue());
    }
    out.println(sb);
  }

  private void reviews() {
    AdminClient.Response r = fetch("reviews", "/api/reviews?limit=" + limit);
    if (r == null) return;
    Object parsed = parse(r.body());
    JsonArray list = parsed instanceof JsonArray arr ? arr
        : parsed instanceof JsonObject o ? firstArray(o, "reviews", "items", "data") : null;
    if (list == null || list.isEmpty()) {
      out.println("  no reviews");
      return;
    }
    if (parsed instanceof JsonObject o && o.getValue("total") != null) out.println("  total: " + o.getValue("total"));
    for (Object o : list) {
      if (!(o instanceof JsonObject rv)) continue;
      JsonObject summary = rv.getValue("summary") instanceof JsonObject s ? s : new JsonObject();
      out.printf("  - %-36s %-9s severity=%-6s findings=%s %s%n", rv.getValue("review_id"),
          rv.getValue("status", summary.getValue("status")),
          rv.getValue("severity", summary.getValue("severity", "-")),
          summary.getValue("findings") instanceof JsonArray f ? f.size() : rv.getValue("findings", "-"),
          rv.getValue("accepted_at", ""));
    }
  }

  private static JsonArray firstArray(JsonObject o, String... names) {
    for (String n : names) if (o.getValue(n) instanceof JsonArray a) return a;
    return null;
  }

  private void metrics() {
    AdminClient.Response r = fetch("metrics", "/metrics");
    if (r == null) return;
    MetricsDigest m = new MetricsDigest(r.body());
    if (m.isEmpty()) {
      out.println("  no samples");
      return;
    }
    line(m, "reviews total", "synapse_reviews_total");
    line(m, "reviews active", "synapse_reviews_active");
    Double count = m.sum("synapse_review_duration_seconds_count");
    Double sum = m.sum("synapse_review_duration_seconds_sum");
    if (count != null && sum != null && count > 0) {
      out.printf(Locale.ROOT, "  %-22s %.3f s%n", "review mean duration", sum / count);
    }
    line(m, "findings total", "synapse_findings_total");
    line(m, "agent errors", "synapse_agent_errors_total");
    line(m, "rate limited", "synapse_rate_limited_total");
    line(m, "signals published", "synapse_signals_published_total");
    Double heap = m.sum("jvm_memory_used_bytes");
    if (heap != null) out.printf(Locale.ROOT, "  %-22s %.1f MiB%n", "jvm memory used", heap / (1024 * 1024));
    line(m, "uptime seconds", "process_uptime_seconds");
  }

  private void line(MetricsDigest m, String label, String name) {
    Double v = m.sum(name);
    if (v != null) out.printf(Locale.ROOT, "  %-22s %s%n", label, v == Math.rint(v) ? String.valueOf(v.longValue()) : v);
  }

  private static Object parse(String body) {
    try {
      String t = body.trim();
      return t.startsWith("[") ? new JsonArray(t) : new JsonObject(t);
    } catch (DecodeException e) {
      return null;
    }
  }

  private static JsonObject json(String body) {
    return parse(body) instanceof JsonObject o ? o : new JsonObject();
  }

  private static String errorMessage(String body) {
    JsonObject e = json(body);
    String msg = e.getString("message");
    return msg != null ? msg : body.length() > 200 ? body.substring(0, 200) + "…" : body;
  }
}
