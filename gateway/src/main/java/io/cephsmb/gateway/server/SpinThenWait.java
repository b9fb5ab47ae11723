package io.cephsmb.gateway.server;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;

/**
 * How an epoll event loop waits for work: it polls without blocking, and while it found events less
 * than {@code spinNanos} ago it polls again instead of going to sleep; only after that quiet period
 * does it block in epoll_wait. Under a stream of small requests (ECHO, the same few connections
 * answering one request at a time) the loop thus need not sleep and be woken; an idle server blocks
 * as before, 50 µs after its last events ({@link SmbServerConfig#eventLoopSpin()}). While requests
 * of the loop wait for blocking work or RADOS ({@link #awaiting}), it does not poll: their answer
 * comes as a task that wakes the loop anyway, and the threads doing that work need the CPU. On a
 * loaded machine the polling takes CPU others need; 0 turns it off. Event-loop confined (one per
 * loop).
 */
final class SpinThenWait implements SelectStrategy {
  private final long spinNanos;
  private long lastEvents;

  /** Per event-loop thread: requests waiting for work handed to other threads. */
  private static final ThreadLocal<int[]> WAITING = ThreadLocal.withInitial(() -> new int[1]);

  /**
   * A request on {@code loop} hands work to another thread and will be continued on the loop;
   * returns whether it was counted (only when called on the loop), to pass to {@link #arrived}.
   */
  static boolean awaiting(io.netty.util.concurrent.EventExecutor loop) {
    if (!loop.inEventLoop()) {
      return false;
    }
    WAITING.get()[0]++;
    return true;
  }

  /** The continuation of a counted {@link #awaiting} runs (on the loop). */
  static void arrived(boolean counted) {
    if (counted) {
      WAITING.get()[0]--;
    }
  }

  SpinThenWait(long spinNanos) {
    this.spinNanos = spinNanos;
  }

  /** A factory for event-loop groups; {@code spinNanos} 0 turns the spin off. */
  static SelectStrategyFactory factory(long spinNanos) {
    return () -> new SpinThenWait(spinNanos);
  }

  @Override
  public int calculateStrategy(IntSupplier selectSupplier, boolean hasTasks) throws Exception {
    if (spinNanos == 0 && !hasTasks) {
      return SelectStrategy.SELECT;
    }
    int ready = selectSupplier.get(); // epoll_wait without a timeout
    if (ready > 0 || hasTasks) {
      if (ready > 0) {
        lastEvents = System.nanoTime();
      }
      return ready;
    }
    return System.nanoTime() - lastEvents < spinNanos && WAITING.get()[0] <= 0
        ? SelectStrategy.CONTINUE
        : SelectStrategy.SELECT;
  }
}
