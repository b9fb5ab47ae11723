package io.cephsmb.radoslock;

import io.cephsmb.omapkv.Futures;
import io.cephsmb.omapkv.LockBusyException;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.ObjectStore.LockMode;
import io.cephsmb.omapkv.WriteOp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster mutex: a cls_lock exclusive lock on one RADOS object, held for a duration and renewed
 * well before it expires (every third of the duration).
 *
 * <p>The holder's view is conservative: the lock counts as held only until {@code duration} after
 * the start of the last renewal that succeeded, by the local monotonic clock. If a renewal fails,
 * or none succeeds in time (the process was paused, the cluster unreachable), the owner is told
 * {@link Listener#lost} once and must stop acting as the holder. Writes that only the holder may
 * make carry {@link #guard()} (cls_lock {@code assert_locked}) so that the OSD itself refuses them
 * from a holder that lost the lock.
 */
public final class ClusterMutex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterMutex.class);

  /** What the owner hears. Called on the timer thread; must not block. */
  public interface Listener {
    /** The lock is ours (after {@link #tryAcquire} or {@link #acquireLoop}). */
    void acquired();

    /** The lock is no longer ours, for the given reason; stop acting as holder now. */
    void lost(String reason);
  }

  /** State of this mutex, changed only under {@code this}. */
  enum State {
    /** Not held, not trying. */
    IDLE,
    /** Trying to take the lock periodically. */
    CONTENDING,
    /** Held; renewing. */
    HELD,
    /** Closed: released and done. */
    CLOSED
  }

  private final ObjectStore store;
  private final String oid;
  private final String name;
  private final String cookie;
  private final Duration duration;
  private final ScheduledExecutorService timer;
  private final Listener listener;
  private State state = State.IDLE;
  private long validUntilNanos;
  private ScheduledFuture<?> task;
  private final AtomicBoolean lostReported = new AtomicBoolean();

  /**
   * @param store where the lock object lives
   * @param oid the lock object
   * @param name the lock's name
   * @param cookie this holder's cookie (unique per process incarnation)
   * @param duration how long the lock lasts without renewal
   * @param timer runs renewals and watchdog checks
   * @param listener told of acquisition and loss
   */
  public ClusterMutex(
      ObjectStore store,
      String oid,
      String name,
      String cookie,
      Duration duration,
      ScheduledExecutorService timer,
      Listener listener) {
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("a cluster mutex needs a positive duration");
    }
    this.store = store;
    this.oid = oid;
    this.name = name;
    this.cookie = cookie;
    this.duration = duration;
    this.timer = timer;
    this.listener = listener;
  }

  /** The guard for writes only the holder may make: this client holds the lock. */
  public WriteOp.Step guard() {
    return new WriteOp.AssertLocked(name, cookie, "");
  }

  public String cookie() {
    return cookie;
  }

  /** Whether the lock is ours now, by the conservative local clock. */
  public synchronized boolean isHeld() {
    return state == State.HELD && System.nanoTime() - validUntilNanos < 0;
  }

  /** Tries once to take the lock: true if taken, false if somebody else holds it. */
  public CompletableFuture<Boolean> tryAcquire() {
    long start = System.nanoTime();
    return Futures.flatHandle(
        store.lockExclusive(
            oid, name, cookie, "", "cephsmb cluster mutex", duration, LockMode.MAY_RENEW),
        (v, err) -> {
          if (err instanceof LockBusyException) {
            return CompletableFuture.completedFuture(false);
          }
          if (err != null) {
            return CompletableFuture.failedFuture(err);
          }
          onAcquired(start);
          return CompletableFuture.completedFuture(true);
        });
  }

  /** Keeps trying to take the lock every {@code interval} until it is ours or closed. */
  public synchronized void acquireLoop(Duration interval) {
    if (state != State.IDLE) {
      return;
    }
    state = State.CONTENDING;
    task = timer.scheduleWithFixedDelay(this::contend, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void contend() {
    synchronized (this) {
      if (state != State.CONTENDING) {
        return;
      }
    }
    try {
      Futures.join(tryAcquire());
    } catch (RuntimeException e) {
      LOG.debug("lock attempt on " + oid + " failed", e);
    }
  }

  private void onAcquired(long startNanos) {
    synchronized (this) {
      if (state == State.CLOSED || state == State.HELD) {
        return;
      }
      if (task != null) {
        task.cancel(false);
      }
      state = State.HELD;
      validUntilNanos = startNanos + duration.toNanos();
      lostReported.set(false);
      long period = Math.max(1, duration.toNanos() / 3);
      task = timer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.NANOSECONDS);
    }
    listener.acquired();
  }

  private void renew() {
    synchronized (this) {
      if (state != State.HELD) {
        return;
      }
      if (System.nanoTime() - validUntilNanos >= 0) {
        markLost("no renewal succeeded within the lock duration");
        return;
      }
    }
    long start = System.nanoTime();
    try {
      Futures.join(
          store.lockExclusive(
              oid, name, cookie, "", "cephsmb cluster mutex", duration, LockMode.MUST_RENEW));
      synchronized (this) {
        if (state == State.HELD && System.nanoTime() - validUntilNanos < 0) {
          validUntilNanos = start + duration.toNanos();
        } else if (state == State.HELD) {
          markLost("renewal came back after the lock had expired");
        }
      }
    } catch (RuntimeException e) {
      synchronized (this) {
        if (state == State.HELD) {
          markLost("renewal failed: " + e.getMessage());
        }
      }
    }
  }

  /** Called under {@code this}. */
  private void markLost(String reason) {
    state = State.IDLE;
    if (task != null) {
      task.cancel(false);
      task = null;
    }
    if (lostReported.compareAndSet(false, true)) {
      timer.execute(() -> listener.lost(reason));
    }
  }

  /** Stops renewing and releases the lock if held. */
  @Override
  public void close() {
    boolean held;
    synchronized (this) {
      held = state == State.HELD;
      state = State.CLOSED;
      if (task != null) {
        task.cancel(false);
      }
    }
    if (held) {
      try {
        Futures.join(store.unlock(oid, name, cookie));
      } catch (RuntimeException e) {
        LOG.debug("unlock of " + oid + " failed (it expires anyway)", e);
      }
    }
  }
}
