package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.node.SynapseNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The /ws protocol through a real WebSocket client. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class WebSocketApiTest {
  private static SynapseNode node;

  @BeforeAll
  static void startNode() throws Exception {
    node = TestNodes.start(Map.of());
    TestNodes.warmWebSocketClient(node);
  }

  @AfterAll
  static void stopNode() throws Exception {
    node.close().await(10, TimeUnit.SECONDS);
  }

  private static Future<WebSocket> connect(Vertx vertx) {
    return TestNodes.connectWebSocket(vertx.createWebSocketClient(), new WebSocketConnectOptions().setHost("127.0.0.1")
        .setPort(node.httpPort()).setURI("/ws"));
  }

  /** Closes the socket, then flags: a Vert.x client closed with a socket still open waits ~30 s. */
  private static void finish(WebSocket ws, Checkpoint checkpoint) {
    ws.close().onComplete(v -> checkpoint.flag());
  }

  private static JsonObject review(String id) {
    return new JsonObject().put("action", "review").put("review_id", id).put("diff", ApiRoutesTest.DIFF)
        .put("labels", new JsonArray().add("security"));
  }

  @Test
  @DisplayName("a review frame submits the review and is answered with its id and status")
  void submits(Vertx vertx, VertxTestContext test) {
    String id = "ws-" + UUID.randomUUID();
    Checkpoint answered = test.checkpoint();
    connect(vertx).onComplete(test.succeeding(ws -> {
      ws.textMessageHandler(text -> test.verify(() -> {
        JsonObject reply = new JsonObject(text);
        assertEquals("review", reply.getString("action"));
        assertEquals(id, reply.getString("review_id"));
        assertEquals("accepted", reply.getString("status"));
        assertFalse(reply.getBoolean("duplicate"));
        finish(ws, answered);
      }));
      ws.writeTextMessage(review(id).encode());
    }));
  }

  @Test
  @DisplayName("a subscription streams the review's signals as CloudEvents, results before the summary")
  void streamsSignals(Vertx vertx, VertxTestContext test) {
    String id = "ws-" + UUID.randomUUID();
    List<String> types = new ArrayList<>();
    Checkpoint summary = test.checkpoint();
    connect(vertx).onComplete(test.succeeding(ws -> {
      ws.textMessageHandler(text -> test.verify(() -> {
        JsonObject frame = new JsonObject(text);
        if ("subscribed".equals(frame.getString("action"))) {
          ws.writeTextMessage(review(id).encode());
        } else if (frame.containsKey("specversion")) {
          assertEquals("1.0", frame.getString("specversion"));
          assertEquals(id, frame.getJsonObject("data").getString("review_id"));
          types.add(frame.getString("type"));
          if ("review.summary".equals(frame.getString("type"))) {
            assertEquals("review.request", types.get(0));
            assertEquals(2, types.stream().filter("review.result"::equals).count(), types.toString());
            assertTrue(types.indexOf("review.summary") > types.lastIndexOf("review.result"), types.toString());
            finish(ws, summary);
          }
        }
      }));
      ws.writeTextMessage(new JsonObject().put("action", "subscribe").put("pattern", "review.**").put("review_id", id).encode());
    }));
  }

  @Test
  @DisplayName("bad frames get error frames and the socket stays open for the next frame")
  void badFrames(Vertx vertx, VertxTestContext test) {
    List<JsonObject> replies = new ArrayList<>();
    Checkpoint done = test.checkpoint();
    connect(vertx).onComplete(test.succeeding(ws -> {
      ws.textMessageHandler(text -> test.verify(() -> {
        replies.add(new JsonObject(text));
        if (replies.size() == 5) {
          assertEquals("invalid_json", replies.get(0).getString("error"));
          assertEquals("invalid_request", replies.get(1).getString("error"));
          assertEquals("invalid_request", replies.get(2).getString("error"));
          assertEquals("pattern", replies.get(2).getJsonObject("details").getString("field"));
          assertEquals("invalid_diff", replies.get(3).getString("error"));
          assertEquals("subscribed", replies.get(4).getString("action"));
          replies.forEach(r -> assertFalse(r.encode().contains("Exception")));
          finish(ws, done);
        }
      }));
      ws.writeTextMessage("this is not json");
      ws.writeTextMessage("{\"action\":\"dance\"}");
      ws.writeTextMessage("{\"action\":\"subscribe\",\"pattern\":\"review.re*\"}");
      ws.writeTextMessage("{\"action\":\"review\",\"diff\":\"hello, no diff here\"}");
      ws.writeTextMessage("{\"action\":\"subscribe\",\"pattern\":\"review.summary\"}");
    }));
  }

  @Test
  @DisplayName("a plain GET on /ws without upgrade headers answers 400 JSON")
  void plainGet(Vertx vertx, VertxTestContext test) {
    Checkpoint answered = test.checkpoint();
    io.vertx.ext.web.client.WebClient.create(vertx).get(node.httpPort(), "127.0.0.1", "/ws").send()
        .onComplete(test.succeeding(resp -> test.verify(() -> {
          assertEquals(400, resp.statusCode());
          assertEquals("websocket_required", resp.bodyAsJsonObject().getString("error"));
          answered.flag();
        })));
  }

  @Test
  @DisplayName("unsubscribe removes a subscription and unknown ones get an error frame")
  void unsubscribe(Vertx vertx, VertxTestContext test) {
    List<JsonObject> replies = new ArrayList<>();
    Checkpoint done = test.checkpoint();
    connect(vertx).onComplete(test.succeeding(ws -> {
      ws.textMessageHandler(text -> test.verify(() -> {
        JsonObject r = new JsonObject(text);
        replies.add(r);
        if ("subscribed".equals(r.getString("action"))) {
          ws.writeTextMessage("{\"action\":\"unsubscribe\",\"pattern\":\"review.*\"}");
          ws.writeTextMessage("{\"action\":\"unsubscribe\",\"pattern\":\"review.*\"}");
        }
        if (replies.size() == 3) {
          assertEquals("unsubscribed", replies.get(1).getString("action"));
          assertEquals("not_subscribed", replies.get(2).getString("error"));
          finish(ws, done);
        }
      }));
      ws.writeTextMessage("{\"action\":\"subscribe\",\"pattern\":\"review.*\"}");
    }));
  }
}
