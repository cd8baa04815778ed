package dev.synapse.ops;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The lifecycle of one node as seen by readiness probes and ingress: {@code RUNNING} (ready and
 * accepting), then on shutdown {@code NOT_READY} (readiness fails, submissions still accepted for
 * the moment), {@code DRAINING} (new submissions refused with 503 {@code not_ready}; in-flight
 * reviews finishing or being handed over) and {@code STOPPED}. States only move forward.
 *
 * <p>Read by the HTTP layer ({@code /health/ready} uses {@link #ready()}), by
 * {@code ReviewService} and the coordinator ({@link #accepting()}); driven by
 * {@link GracefulShutdown}. Thread-safe; reads are a volatile load.
 */
public final class NodeLifecycle {
  /** Lifecycle states, in order. */
  public enum State {
    /** Ready and accepting reviews. */
    RUNNING,
    /** Readiness fails; still accepting until draining starts. */
    NOT_READY,
    /** Refusing new reviews; finishing or handing over in-flight ones. */
    DRAINING,
    /** Drained; Vert.x is closing or closed. */
    STOPPED
  }

  private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
  private final List<Runnable> drainListeners = new CopyOnWriteArrayList<>();

  /** @return the current state */
  public State state() {
    return state.get();
  }

  /** @return true while the node should receive traffic ({@code /health/ready} is 200) */
  public boolean ready() {
    return state.get() == State.RUNNING;
  }

  /** @return true while new reviews and coordinator hand-offs are accepted */
  public boolean accepting() {
    State s = state.get();
    return s == State.RUNNING || s == State.NOT_READY;
  }

  /**
   * Registers an action run once when the node starts draining (e.g. a coordinator unregistering
   * its consumer so that other nodes stop handing it work). Runs on the thread that advances the
   * state; when already draining, runs at once on the caller's thread.
   */
  public void onDrain(Runnable action) {
    drainListeners.add(action);
    if (!accepting() && drainListeners.remove(action)) action.run();
  }

  /**
   * Moves forward to {@code target}; never backwards. Entering {@code DRAINING} (or beyond) runs
   * the {@link #onDrain} actions.
   *
   * @return true when the state changed
   */
  public boolean advance(State target) {
    while (true) {
      State cur = state.get();
      if (cur.ordinal() >= target.ordinal()) return false;
      if (state.compareAndSet(cur, target)) {
        if (target.ordinal() >= State.DRAINING.ordinal()) {
          for (Runnable r : drainListeners) if (drainListeners.remove(r)) r.run();
        }
        return true;
      }
    }
  }
}
