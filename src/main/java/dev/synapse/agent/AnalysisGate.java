package dev.synapse.agent;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;

/**
 * A semaphore by bytes in front of analysis: the specialists of a node analyse at most
 * {@code capacityBytes} of diff at a time; a review that does not fit waits in a FIFO queue (at
 * most {@code maxQueued} waiting, each for at most {@code waitMs}) instead of running beside the
 * others. So four concurrent 5 MB diffs are analysed one or two at a time rather than all at once
 * on a small heap. A diff larger than the capacity takes the whole capacity (it runs alone).
 *
 * <p>{@link #acquire} never blocks: it completes at once when the bytes are free, later when
 * earlier holders release, or fails when the queue is full or the wait times out. Completions
 * run on the context that called {@link #acquire}. Thread-safe.
 */
public final class AnalysisGate {
  /** Thrown (as a failed future) when the queue is full or the wait timed out. */
  public static final class BusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BusyException(String message) {
      super(message);
    }
  }

  /** A granted share; {@link #release()} exactly once. */
  public interface Permit {
    /** Returns the bytes to the gate (idempotent). */
    void release();
  }

  private record Waiter(long bytes, Promise<Permit> promise, io.vertx.core.Context context) {}

  private final Vertx vertx;
  private final long capacity;
  private final int maxQueued;
  private final long waitMs;
  private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
  private long used;

  /**
   * @param vertx timers for the wait timeout
   * @param capacityBytes bytes of diff analysed at once, ≥ 1
   * @param maxQueued reviews that may wait, ≥ 0
   * @param waitMs longest wait in the queue, in ms
   */
  public AnalysisGate(Vertx vertx, long capacityBytes, int maxQueued, long waitMs) {
    this.vertx = vertx;
    this.capacity = Math.max(1, capacityBytes);
    this.maxQueued = maxQueued;
    this.waitMs = waitMs;
  }

  /** @return the capacity, in bytes */
  public long capacity() {
    return capacity;
  }

  /** @return bytes held by running analyses */
  public synchronized long used() {
    return used;
  }

  /** @return analyses waiting */
  public synchronized int queued() {
    return queue.size();
  }

  /**
   * @param bytes the diff's size (characters are fine), ≥ 0
   * @return a permit once the bytes fit; fails with {@link BusyException} when the queue is full
   *     or after {@code waitMs}
   */
  public Future<Permit> acquire(long bytes) {
    long need = Math.min(Math.max(bytes, 1), capacity);
    io.vertx.core.Context ctx = vertx.getOrCreateContext();
    Promise<Permit> promise = Promise.promise();
    Waiter w = new Waiter(need, promise, ctx);
    synchronized (this) {
      if (queue.isEmpty() && used + need <= capacity) {
        used += need;
        return Future.succeededFuture(permit(need));
      }
      if (queue.size() >= maxQueued) {
        return Future.failedFuture(new BusyException("analysis queue is full (" + maxQueued + " waiting)"));
      }
      queue.addLast(w);
    }
    long timer = vertx.setTimer(Math.max(1, waitMs), t -> {
      boolean removed;
      synchronized (this) {
        removed = queue.remove(w);
      }
      if (removed) {
        promise.tryFail(new BusyException("waited " + waitMs + " ms for " + need + " bytes of analysis capacity"));
      }
    });
    return promise.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  private Permit permit(long bytes) {
    boolean[] released = {false};
    return () -> {
      synchronized (this) {
        if (released[0]) return;
        released[0] = true;
        used -= bytes;
      }
      grant();
    };
  }

  /** Grants waiting analyses, in order, while they fit. */
  private void grant() {
    while (true) {
      Waiter next;
      synchronized (this) {
        next = queue.peekFirst();
        if (next == null || used + next.bytes() > capacity) return;
        queue.pollFirst();
        used += next.bytes();
      }
      Waiter w = next;
      Permit p = permit(w.bytes());
      w.context().runOnContext(v -> {
        if (!w.promise().tryComplete(p)) p.release();
      });
    }
  }
}
