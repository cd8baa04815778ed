package dev.synapse.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body handler of {@code /api/...}: a {@code POST /api/reviews} whose {@code Content-Length}
 * is at least {@code spool_bytes} is written to a temporary file as it arrives instead of being
 * accumulated in a heap buffer that would live until the request ends (with {@code ?wait}, until
 * the review is done); every other body goes to the Vert.x {@code BodyHandler}.
 *
 * <p>The file is created owner-only ({@code rw-------}) in the JVM's temporary folder, holds at
 * most {@code maxBytes} (the body was admitted by {@link BodyGuard}, whose in-flight budget also
 * bounds the bytes spooled at once on the node), and is deleted when the request ends at the
 * latest ({@link SpooledBody#readAndDelete()} deletes it as soon as it is read). Writes respect
 * back-pressure (the request is paused while the file's write queue is full). Runs on the
 * request's event loop; nothing here blocks it. The spooled body is put in the routing context
 * under {@link #KEY}; {@code rc.body()} is then empty.
 */
public final class SpoolingBodyHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolingBodyHandler.class);
  /** Routing-context key of the {@link SpooledBody}. */
  public static final String KEY = "synapse.spooled.body";

  /**
   * A request body held in a temporary file.
   *
   * @param file the file
   * @param bytes its length
   */
  public record SpooledBody(Path file, long bytes) {
    /**
     * Blocking (call on a worker): reads the file and deletes it.
     *
     * @return the body's bytes
     * @throws IOException when the file cannot be read
     */
    public Buffer readAndDelete() throws IOException {
      try {
        return Buffer.buffer(Files.readAllBytes(file));
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }

  private final Handler<RoutingContext> delegate;
  private final long spoolBytes;
  private final long maxBytes;

  /**
   * @param delegate the handler of bodies that are not spooled (a {@code BodyHandler})
   * @param spoolBytes bodies of at least this many bytes ({@code Content-Length}) are spooled
   * @param maxBytes the body limit ({@code max_diff_bytes}); a body that grows past it is refused (413)
   */
  public SpoolingBodyHandler(Handler<RoutingContext> delegate, long spoolBytes, long maxBytes) {
    this.delegate = delegate;
    this.spoolBytes = spoolBytes;
    this.maxBytes = maxBytes;
  }

  @Override
  public void handle(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    if (req.method() != HttpMethod.POST || !"/api/reviews".equals(rc.normalizedPath()) || req.isEnded()
        || declaredLength(req) < spoolBytes) {
      delegate.handle(rc);
      return;
    }
    req.pause();
    Vertx vertx = rc.vertx();
    FileSystem fs = vertx.fileSystem();
    fs.createTempFile(System.getProperty("java.io.tmpdir"), "synapse-body-", ".spool", "rw-------")
        .compose(name -> {
          rc.addEndHandler(ar -> fs.delete(name).onFailure(err -> { }));
          return fs.open(name, new OpenOptions().setWrite(true).setCreate(false)).map(f -> {
            pipe(rc, req, f, Path.of(name));
            return null;
          });
        })
        .onFailure(err -> {
          LOG.warn("cannot spool a request body to the temporary folder: {}", err.toString());
          EdgeGate.refuse(req, 503, "overloaded", "the request body could not be stored; retry later");
        });
  }

  private void pipe(RoutingContext rc, HttpServerRequest req, AsyncFile file, Path path) {
    long[] count = {0};
    boolean[] failed = {false};
    req.handler(chunk -> {
      if (failed[0]) return;
      count[0] += chunk.length();
      if (count[0] > maxBytes) {
        failed[0] = true;
        file.close();
        EdgeGate.refuse(req, 413, "payload_too_large", BodyGuard.tooLarge("the request body", maxBytes));
        return;
      }
      file.write(chunk);
      if (file.writeQueueFull()) {
        req.pause();
        file.drainHandler(v -> req.resume());
      }
    });
    req.exceptionHandler(err -> {
      if (failed[0]) return;
      failed[0] = true;
      file.close();
      LOG.debug("request stream failed while spooling: {}", err.toString());
    });
    req.endHandler(v -> {
      if (failed[0]) return;
      file.close().onComplete(ar -> {
        if (ar.failed()) {
          EdgeGate.refuse(req, 503, "overloaded", "the request body could not be stored; retry later");
          return;
        }
        rc.put(KEY, new SpooledBody(path, count[0]));
        rc.next();
      });
    });
    req.resume();
  }

  private static long declaredLength(HttpServerRequest req) {
    String h = req.getHeader("Content-Length");
    if (h == null) return -1;
    try {
      return Long.parseLong(h.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
