package io.cephsmb.gateway.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.Locale;

/**
 * The Netty transport the SMB server runs on: Linux's native epoll (fewer system calls and no
 * selector garbage per event: cheaper small requests such as ECHO) when its library loads, else
 * Java NIO. {@code -Dcephsmb.transport=nio} forces NIO.
 */
enum Transport {
  EPOLL,
  NIO;

  /** The transport to use on this machine. */
  static Transport select() {
    String forced = System.getProperty("cephsmb.transport", "").toLowerCase(Locale.ROOT);
    if (forced.equals("nio") || !Epoll.isAvailable()) {
      return NIO;
    }
    return EPOLL;
  }

  EventLoopGroup group(int threads) {
    return this == EPOLL ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
  }

  /**
   * A group whose epoll loops poll for {@code spinNanos} after their last events before they block
   * ({@link SpinThenWait}); NIO loops always block.
   */
  EventLoopGroup group(int threads, long spinNanos) {
    return this == EPOLL
        ? new EpollEventLoopGroup(threads, SpinThenWait.factory(spinNanos))
        : new NioEventLoopGroup(threads);
  }

  Class<? extends ServerChannel> serverChannel() {
    return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }
}
