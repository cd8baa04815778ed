package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.node.SynapseNode;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14 item 13: a WebSocket message sent as a single frame up to the configured limit is
 * accepted (browsers send one frame per message), and a text message that is not UTF-8 closes the
 * socket with status 1007 (RFC 6455 section 7.4.1). Frames are written by hand on a plain socket.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WebSocketLimitsTest {
  private static SynapseNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNodes.start(Map.of("SYNAPSE_MAX_DIFF_BYTES", "1048576"));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close().await(10, TimeUnit.SECONDS);
  }

  /** A server frame: opcode and payload. */
  record Frame(int opcode, byte[] payload) {
    int closeStatus() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
    }
  }

  private static RawHttp upgrade() throws IOException {
    RawHttp raw = new RawHttp(node.httpPort(), 30_000);
    raw.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
    RawHttp.Response resp = raw.read();
    assertEquals(101, resp.status(), resp.head());
    return raw;
  }

  /** Writes one final, masked client frame. */
  private static void writeFrame(RawHttp raw, int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write(0x80 | opcode);
    if (payload.length < 126) {
      f.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      f.write(0x80 | 126);
      f.write(payload.length >>> 8);
      f.write(payload.length & 0xff);
    } else {
      f.write(0x80 | 127);
      for (int i = 7; i >= 0; i--) f.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
    }
    byte[] mask = {0x11, 0x22, 0x33, 0x44};
    f.write(mask);
    for (int i = 0; i < payload.length; i++) f.write(payload[i] ^ mask[i & 3]);
    raw.write(f.toByteArray());
  }

  private static Frame readFrame(RawHttp raw) throws IOException {
    DataInputStream in = new DataInputStream(raw.in);
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    long len = b1 & 0x7f;
    if (len == 126) len = in.readUnsignedShort();
    else if (len == 127) len = in.readLong();
    byte[] payload = new byte[(int) len];
    in.readFully(payload);
    return new Frame(b0 & 0x0f, payload);
  }

  @Test
  @DisplayName("a review message of about 200 KB sent as one frame is accepted")
  void largeSingleFrame() throws Exception {
    StringBuilder diff = new StringBuilder("diff --git a/notes.txt b/notes.txt\n--- a/notes.txt\n+++ b/notes.txt\n@@ -0,0 +1,4000 @@\n");
    for (int i = 0; i < 4000; i++) diff.append("+line ").append(i).append(" of a long note that fills the frame\n");
    String id = "ws-big-" + UUID.randomUUID();
    byte[] message = new JsonObject().put("action", "review").put("review_id", id).put("diff", diff.toString())
        .encode().getBytes(StandardCharsets.UTF_8);
    assertTrue(message.length > 150_000, "frame of " + message.length + " bytes");
    try (RawHttp raw = upgrade()) {
      writeFrame(raw, 0x1, message);
      Frame reply = readFrame(raw);
      assertEquals(0x1, reply.opcode(), "expected a text frame, got opcode " + reply.opcode()
          + (reply.opcode() == 0x8 ? " status " + reply.closeStatus() : ""));
      JsonObject json = new JsonObject(new String(reply.payload(), StandardCharsets.UTF_8));
      assertEquals("review", json.getString("action"), json.encode());
      assertEquals(id, json.getString("review_id"));
    }
    // let the review finish before the node closes (its analysis would outlive the event loops)
    node.reviews().awaitSummary(id, 60_000).await(70, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a text frame that is not valid UTF-8 closes the socket with status 1007")
  void invalidUtf8Closes1007() throws Exception {
    byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
    try (RawHttp raw = upgrade()) {
      writeFrame(raw, 0x1, bad);
      Frame reply = readFrame(raw);
      assertEquals(0x8, reply.opcode(), "expected a close frame, got " + new String(reply.payload(), StandardCharsets.UTF_8));
      assertEquals(1007, reply.closeStatus());
    }
  }
}
