package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.synapse.config.ConfigLoader;
import dev.synapse.config.SynapseConfig;
import dev.synapse.node.SynapseNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The benchmark ceiling route {@code POST /bench/echo}: off by default, an echo when switched on. */
class BenchEchoTest {

  private static HttpResponse<Buffer> postEcho(SynapseConfig config, String body) throws Exception {
    SynapseNode node = SynapseNode.start(config, true).await(60, TimeUnit.SECONDS);
    Vertx client = Vertx.vertx();
    try {
      return WebClient.create(client).post(node.httpPort(), "127.0.0.1", "/bench/echo")
          .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body))
          .await(30, TimeUnit.SECONDS);
    } finally {
      client.close().await(10, TimeUnit.SECONDS);
      node.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("with SYNAPSE_BENCH_ECHO=true, POST /bench/echo answers 200 with the request body")
  void echoesWhenEnabled() throws Exception {
    SynapseConfig config = ConfigLoader.load(null,
        Map.of("SYNAPSE_BENCH_ECHO", "true", "SYNAPSE_HTTP_PORT", "0", "SYNAPSE_HTTP_HOST", "127.0.0.1"), null);
    HttpResponse<Buffer> resp = postEcho(config, "{\"diff\":\"x\"}");
    assertEquals(200, resp.statusCode());
    assertEquals("{\"diff\":\"x\"}", resp.bodyAsString());
  }

  @Test
  @DisplayName("by default the echo route does not exist (404)")
  void absentByDefault() throws Exception {
    SynapseConfig config = ConfigLoader.load(null, Map.of("SYNAPSE_HTTP_PORT", "0", "SYNAPSE_HTTP_HOST", "127.0.0.1"), null);
    assertEquals(404, postEcho(config, "{}").statusCode());
  }
}
