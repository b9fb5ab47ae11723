package io.cephsmb.gateway.server;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;

/**
 * How an epoll event loop waits for work: it polls without blocking, and while it found events less
 * than {@code spinNanos} ago it polls again instead of going to sleep; only after that quiet period
 * does it block in epoll_wait. Under a stream of small requests (ECHO, the same few connections
 * answering one request at a time) the loop thus need not sleep and be woken; an idle server blocks
 * as before. Off by default ({@link SmbServerConfig#eventLoopSpin()}): where the clients share the
 * cores with the server (the 2-core dev machine) the polling takes CPU they need. Event-loop
 * confined (one per loop).
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
