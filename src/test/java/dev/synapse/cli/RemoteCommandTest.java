package dev.synapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.synapse.http.RequestSigning;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RemoteCommandTest {
  private static final String TOKEN = "s3cret-token-value";
  private static final Map<String, String> BODIES = Map.of(
      "/health", "{\"status\":\"healthy\",\"message\":\"all good\",\"checks\":{\"bus\":{\"status\":\"healthy\"}}}",
      "/api/agents", "{\"agents\":{\"security_specialist\":{\"pool_size\":2,\"live_instances\":2,"
          + "\"state\":{\"review_history\":4,\"learned_patterns\":1,\"scar_tissue\":0}}},"
          + "\"nodes\":[\"node-a\",\"node-b\"],\"node_id\":\"node-a\",\"clustered\":true}",
      "/metrics", "# TYPE synapse_reviews_total counter\n"
          + "synapse_reviews_total{path=\"fast_path\",status=\"complete\",severity=\"none\"} 2.0\n"
          + "synapse_reviews_total{path=\"deep_review\",status=\"complete\",severity=\"high\"} 1.0\n"
          + "synapse_reviews_active 0.0\n");

  private HttpServer server;
  private final List<String> authHeaders = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger signedRequests = new java.util.concurrent.atomic.AtomicInteger();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void startStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stopStub() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String signature = ex.getRequestHeaders().getFirst(RequestSigning.SIGNATURE_HEADER);
    String timestamp = ex.getRequestHeaders().getFirst(RequestSigning.TIMESTAMP_HEADER);
    authHeaders.add(String.valueOf(auth));
    boolean signed = signature != null && timestamp != null && signature.equals(RequestSigning.sign(TOKEN,
        ex.getRequestMethod(), ex.getRequestURI().toString(), Long.parseLong(timestamp), ex.getRequestBody().readAllBytes()));
    if (signed) signedRequests.incrementAndGet();
    String body = signed ? BODIES.get(ex.getRequestURI().getPath()) : null;
    int status = !signed ? 401 : body == null ? 404 : 200;
    byte[] bytes = (body == null ? "{\"error\":\"x\",\"message\":\"no\"}" : body).getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private int run(String... args) {
    RemoteCommand cmd = new RemoteCommand();
    cmd.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    cmd.err = cmd.out;
    return new CommandLine(cmd).execute(args);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("the console shows health, members, agents and key metrics of a node")
  void showsSections() {
    assertEquals(0, run("--url", url(), "--token", TOKEN));
    String o = output();
    assertTrue(o.contains("status:  healthy"), o);
    assertTrue(o.contains("2 node(s)"), o);
    assertTrue(o.contains("- node-a  (answering node)"), o);
    assertTrue(o.contains("security_specialist  pool_size=2  live_instances=2"), o);
    assertTrue(o.contains("reviews total          3"), o);
  }

  @Test
  @DisplayName("a route the node does not serve is reported as unavailable, not as a failure")
  void notFoundIsGraceful() {
    assertEquals(0, run("--url", url(), "--token", TOKEN, "reviews"));
    assertTrue(output().contains("not available on this node (/api/reviews?limit=10 answered 404)"), output());
  }

  @Test
  @DisplayName("every request is signed with the token (method, path, query, timestamp) and never carries the token itself")
  void signsRequests() {
    assertEquals(0, run("--url", url(), "--token", TOKEN, "reviews"));
    assertFalse(authHeaders.isEmpty());
    assertTrue(authHeaders.stream().allMatch("null"::equals), authHeaders.toString());
    assertEquals(authHeaders.size(), signedRequests.get(), "every request verified");
  }

  @Test
  @DisplayName("a refused token fails with exit code 3 and says how to authenticate, without echoing the token")
  void wrongTokenFails() {
    assertEquals(Main.EXIT_FAILURE, run("--url", url(), "--token", "wrong-one", "health"));
    assertTrue(output().contains("401 unauthorized"), output());
    assertFalse(output().contains("wrong-one"), output());
  }

  @Test
  @DisplayName("an unreachable node fails with exit code 3 and a readable message")
  void unreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertEquals(Main.EXIT_FAILURE, run("--url", "http://127.0.0.1:" + port, "health"));
    assertTrue(output().contains("cannot connect"), output());
  }

  @Test
  @DisplayName("an unknown section is a usage error")
  void unknownSection() {
    assertEquals(Main.EXIT_USAGE, run("--url", url(), "bogus"));
  }

  @Test
  @DisplayName("the interactive console runs commands read from stdin until quit")
  void interactive() {
    RemoteCommand cmd = new RemoteCommand();
    cmd.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    cmd.in = new java.io.ByteArrayInputStream("health\nquit\nmetrics\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(0, new CommandLine(cmd).execute("--url", url(), "--token", TOKEN, "-i"));
    assertTrue(output().contains("status:  healthy"), output());
    assertFalse(output().contains("reviews total"), output());
  }
}
