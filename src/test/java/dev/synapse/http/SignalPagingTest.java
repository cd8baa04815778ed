package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.node.SynapseNode;
import dev.synapse.signal.Signal;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14 item 12: {@code GET /api/signals} pages by bytes as well as by count, with a
 * {@code next} link that continues where the page stopped.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SignalPagingTest {
  private static SynapseNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNodes.start(Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("12 signals of 300 KB each come back in pages of at most about 1 MiB, linked by next, each signal once")
  void pagesByBytes() throws Exception {
    String big = "x".repeat(300_000);
    for (int i = 0; i < 12; i++) {
      node.context().bus().publish(Signal.create("test.large", "/test", "page-" + i, new JsonObject().put("blob", big).put("i", i)));
    }
    String target = "/api/signals?type=test.large&limit=1000";
    Set<Integer> seen = new HashSet<>();
    int pages = 0;
    while (target != null) {
      RawHttp.Response resp = RawHttp.exchange(node.httpPort(), "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
      assertEquals(200, resp.status(), resp.head());
      assertTrue(resp.body().length() <= (1 << 20) + 400_000, "page of " + resp.body().length() + " bytes");
      JsonObject page = new JsonObject(resp.body());
      assertEquals(page.getJsonArray("signals").size(), page.getInteger("count"));
      for (Object o : page.getJsonArray("signals")) {
        int i = ((JsonObject) o).getJsonObject("data").getInteger("i");
        assertTrue(seen.add(i), "signal " + i + " returned twice");
      }
      target = page.getString("next");
      if (target != null) assertTrue(page.getInteger("count") >= 1);
      pages++;
      assertTrue(pages <= 12, "paging does not end");
    }
    assertEquals(12, seen.size());
    assertTrue(pages >= 4, "12 x 300 KB should need at least 4 pages of 1 MiB; got " + pages);
    RawHttp.Response small = RawHttp.exchange(node.httpPort(), "GET /api/signals?type=nothing.here HTTP/1.1\r\nHost: x\r\n\r\n");
    assertNull(new JsonObject(small.body()).getString("next"));
    assertNotNull(new JsonObject(small.body()).getJsonArray("signals"));
  }
}
