package dev.synapse.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A plain socket on loopback for requests a well-behaved client library will not send: invalid
 * percent-escapes, unknown methods, stalled bodies, dribbled headers, malformed chunking, raw
 * WebSocket frames. Blocking; used from the test thread only, never from an event loop.
 */
final class RawHttp implements AutoCloseable {
  final Socket socket;
  final OutputStream out;
  final InputStream in;

  RawHttp(int port, int readTimeoutMs) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(readTimeoutMs);
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  RawHttp write(String text) throws IOException {
    return write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawHttp write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** A parsed response: status code, raw head and body text. */
  record Response(int status, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
      }
      return null;
    }
  }

  /** Reads one response with a Content-Length body (every JSON error of the server has one). */
  Response read() throws IOException {
    String head = readHead();
    if (head == null) throw new IOException("connection closed before a response");
    int status = Integer.parseInt(head.substring(9, 12));
    Response partial = new Response(status, head, "");
    String length = partial.header("Content-Length");
    byte[] body = new byte[length == null ? 0 : Integer.parseInt(length)];
    int off = 0;
    while (off < body.length) {
      int n = in.read(body, off, body.length - off);
      if (n < 0) break;
      off += n;
    }
    return new Response(status, head, new String(body, 0, off, StandardCharsets.UTF_8));
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) return head.size() == 0 ? null : head.toString(StandardCharsets.ISO_8859_1);
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** @return true when the server closed the connection (EOF or reset) before the read timeout */
  boolean closedByServer() {
    try {
      while (true) {
        if (in.read() < 0) return true;
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** One request and its response on a fresh connection. */
  static Response exchange(int port, String request) throws IOException {
    try (RawHttp raw = new RawHttp(port, 20_000)) {
      return raw.write(request).read();
    }
  }

  /**
   * The request signature of docs/security.md, computed independently of the server's code:
   * HMAC-SHA256 over {@code METHOD\nPATH?QUERY\nTIMESTAMP\n} followed by the body bytes.
   */
  static String sign(String secret, String method, String target, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((method + "\n" + target + "\n" + timestamp + "\n").getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The pre-hardening signature: HMAC-SHA256 of the body alone. */
  static String bodyOnlySignature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean sameBytes(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
