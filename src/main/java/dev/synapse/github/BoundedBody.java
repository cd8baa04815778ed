package dev.synapse.github;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * Where a REST answer's body is collected, at most {@code maxBytes}: past that, further chunks
 * are dropped and {@link #overflowed()} turns true, so a huge diff never sits in memory whole.
 * One per call; used from one context.
 */
final class BoundedBody implements WriteStream<Buffer> {
  private final long maxBytes;
  private final Buffer buffer = Buffer.buffer();
  private long seen;

  BoundedBody(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** @return the bytes kept (the whole body unless it overflowed) */
  Buffer buffer() {
    return buffer;
  }

  /** @return bytes received in all, kept or not */
  long seen() {
    return seen;
  }

  /** @return true when the body was larger than the limit */
  boolean overflowed() {
    return seen > maxBytes;
  }

  @Override
  public Future<Void> write(Buffer data) {
    seen += data.length();
    if (seen <= maxBytes) buffer.appendBuffer(data);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    return Future.succeededFuture();
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    return this;
  }
}
