package dev.synapse.github;

import java.util.ArrayDeque;
import java.util.function.Supplier;
import io.vertx.core.Future;

/**
 * Runs pull-request jobs at most {@code maxRunning} at a time with at most {@code maxQueued}
 * waiting; an offer past that is refused (the webhook answers 503 so GitHub records a failed
 * delivery that can be redelivered). Thread-safe.
 */
public final class JobQueue {
  private final int maxRunning;
  private final int maxQueued;
  private final ArrayDeque<Supplier<Future<?>>> waiting = new ArrayDeque<>();
  private int running;

  /**
   * @param maxRunning jobs run at once
   * @param maxQueued jobs waiting at most
   */
  public JobQueue(int maxRunning, int maxQueued) {
    this.maxRunning = maxRunning;
    this.maxQueued = maxQueued;
  }

  /** @return false when the queue is full (the job is not taken) */
  public boolean offer(Supplier<Future<?>> job) {
    synchronized (this) {
      if (running >= maxRunning) {
        if (waiting.size() >= maxQueued) return false;
        waiting.add(job);
        return true;
      }
      running++;
    }
    start(job);
    return true;
  }

  /** @return true when an offer would be taken now */
  public synchronized boolean hasRoom() {
    return running < maxRunning || waiting.size() < maxQueued;
  }

  private void start(Supplier<Future<?>> job) {
    Future<?> f;
    try {
      f = job.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      Supplier<Future<?>> next;
      synchronized (this) {
        next = waiting.poll();
        if (next == null) running--;
      }
      if (next != null) start(next);
    });
  }
}
