package io.cephsmb.gateway.server;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;

/**
 * How an epoll event loop waits for work: it polls without blocking, and while it found events less
 * than {@code spinNanos} ago it polls again instead of going to sleep; only after that quiet period
 * does it block in epoll_wait. Under a stream of small requests (ECHO, the same few connections
 * answering one request at a time) the loop thus never sleeps and is never woken: the sleep and
 * wake-up were most of the server's CPU per ECHO, and each wake-up also costs the client that sends
 * the next request. An idle server blocks as before; the spin is bounded by the same 50 µs that
 * Linux's busy-poll documentation suggests for its {@code net.core.busy_poll}. Event-loop confined
 * (one per loop).
 */
final class SpinThenWait implements SelectStrategy {
  private final long spinNanos;
  private long lastEvents;

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
    return System.nanoTime() - lastEvents < spinNanos
        ? SelectStrategy.CONTINUE
        : SelectStrategy.SELECT;
  }
}
