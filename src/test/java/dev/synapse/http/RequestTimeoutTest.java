package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("RequestTimeout")
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class RequestTimeoutTest {

  @Test
  @DisplayName("a request whose handler never answers gets 503 timeout JSON")
  void answersTimeout(Vertx vertx, VertxTestContext test) {
    Router router = Router.router(vertx);
    router.route().handler(new RequestTimeout(200));
    router.get("/slow").handler(rc -> { /* never answers */ });
    Checkpoint answered = test.checkpoint();
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").compose((HttpServer server) ->
        WebClient.create(vertx).get(server.actualPort(), "127.0.0.1", "/slow").send())
        .onComplete(test.succeeding(resp -> test.verify(() -> {
          assertEquals(503, resp.statusCode());
          assertEquals("timeout", resp.bodyAsJsonObject().getString("error"));
          answered.flag();
        })));
  }

  @Test
  @DisplayName("a request answered in time is not touched by the timer")
  void answeredInTime(Vertx vertx, VertxTestContext test) {
    Router router = Router.router(vertx);
    router.route().handler(new RequestTimeout(200));
    router.get("/fast").handler(rc -> rc.end("ok"));
    Checkpoint answered = test.checkpoint();
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").compose((HttpServer server) ->
        WebClient.create(vertx).get(server.actualPort(), "127.0.0.1", "/fast").send())
        .onComplete(test.succeeding(resp -> test.verify(() -> {
          assertEquals(200, resp.statusCode());
          assertEquals("ok", resp.bodyAsString());
          answered.flag();
        })));
  }
}
