package io.cephsmb.gateway.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/** Writes a response chain through the whole outbound pipeline. */
final class Outbound {
  private Outbound() {}

  static void write(Channel channel, ResponseChain chain) {
    channel
        .writeAndFlush(chain)
        .addListener(
            chain.closeAfter()
                ? ChannelFutureListener.CLOSE
                : ChannelFutureListener.CLOSE_ON_FAILURE);
  }

  /** Closes the channel; a failed close has nothing left to act on. */
  @SuppressWarnings("FutureReturnValueIgnored")
  static void close(Channel channel) {
    channel.close();
  }

  /** Schedules {@code task} on the channel's event loop after {@code ms} milliseconds. */
  @SuppressWarnings("FutureReturnValueIgnored")
  static void schedule(Channel channel, Runnable task, long ms) {
    channel.eventLoop().schedule(task, ms, java.util.concurrent.TimeUnit.MILLISECONDS);
  }
}
