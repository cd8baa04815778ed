package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.synapse.config.ConfigLoader;
import dev.synapse.node.SynapseNode;
import dev.synapse.signal.ReviewRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Readiness says whether the node can take and finish work now, not how long a window its signal
 * history covers: a busy node whose history ring turns over within seconds stays ready (issue 14,
 * item 10: it used to answer 503 "signal history covers less than 5 minutes" under ordinary load).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReadinessUnderLoadTest {
  private static final String DIFF = "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1 +1 @@\n-x = 1\n+x = 2\n";
  private SynapseNode node;

  @AfterEach
  void stop() throws Exception {
    if (node != null) node.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a node whose whole signal history was written in the last seconds is still ready (200)")
  void historyTurnoverIsNotUnreadiness() throws Exception {
    node = SynapseNode.start(ConfigLoader.load(null, Map.of("SYNAPSE_HTTP_PORT", "0", "SYNAPSE_HTTP_HOST", "127.0.0.1",
        "SYNAPSE_SIGNAL_HISTORY", "20"), null), true).await(60, TimeUnit.SECONDS);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ReviewRequest r = new ReviewRequest("load-" + i, DIFF, 1, List.of(), "feature", 0.0, new JsonObject());
      node.reviews().submit(r).await(20, TimeUnit.SECONDS);
      done.add(node.reviews().awaitSummary(r.reviewId(), 20_000));
    }
    Future.all(done).await(30, TimeUnit.SECONDS);
    assertEquals(20, node.context().bus().history().size(), "the history ring is full of signals seconds old");
    WebClient web = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(node.httpPort()));
    HttpResponse<Buffer> ready = web.get("/health/ready").send().await(30, TimeUnit.SECONDS);
    assertEquals(200, ready.statusCode(), ready.bodyAsString());
    assertNotNull(ready.bodyAsJsonObject().getJsonArray("checks"));
    web.close();
  }
}
