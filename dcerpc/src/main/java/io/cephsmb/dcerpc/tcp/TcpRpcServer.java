package io.cephsmb.dcerpc.tcp;

import io.cephsmb.dcerpc.pdu.PduHeader;
import io.cephsmb.dcerpc.server.RpcServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An ncacn_ip_tcp endpoint: listens on one address and port and serves one {@link RpcServer} there.
 * Pipeline per connection: idle detection (for fragments that never complete), {@link
 * PduFrameDecoder}, {@link RpcChannelHandler}.
 */
public final class TcpRpcServer implements AutoCloseable {
  /** Default time a partly received fragment may stall before the connection is closed. */
  public static final Duration DEFAULT_FRAGMENT_TIMEOUT = Duration.ofSeconds(30);

  private final EventLoopGroup group;
  private final boolean ownGroup;
  private final Channel channel;

  private TcpRpcServer(EventLoopGroup group, boolean ownGroup, Channel channel) {
    this.group = group;
    this.ownGroup = ownGroup;
    this.channel = channel;
  }

  /** Binds {@code address} (port 0 picks a free one) with its own event loop. */
  public static TcpRpcServer start(RpcServer server, InetSocketAddress address)
      throws InterruptedException {
    return start(server, address, new NioEventLoopGroup(2), true, DEFAULT_FRAGMENT_TIMEOUT);
  }

  /**
   * Binds {@code address} on {@code group}; the caller's thread waits for the bind (call it from
   * outside the event loop).
   *
   * @param ownGroup whether {@link #close} shuts {@code group} down
   * @param fragmentTimeout how long a partly received fragment may stall
   */
  public static TcpRpcServer start(
      RpcServer server,
      InetSocketAddress address,
      EventLoopGroup group,
      boolean ownGroup,
      Duration fragmentTimeout)
      throws InterruptedException {
    long idleMillis = fragmentTimeout.toMillis();
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    String port = Integer.toString(ch.localAddress().getPort());
                    ch.pipeline()
                        .addLast(new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS))
                        .addLast(new PduFrameDecoder(PduHeader.MAX_FRAG_LENGTH))
                        .addLast(new RpcChannelHandler(server, port));
                  }
                });
    try {
      Channel ch = b.bind(address).sync().channel();
      return new TcpRpcServer(group, ownGroup, ch);
    } catch (InterruptedException | RuntimeException e) {
      if (ownGroup) {
        var unused = group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      }
      throw e;
    }
  }

  /** The address actually bound. */
  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** The port actually bound. */
  public int port() {
    return address().getPort();
  }

  /** Stops listening (and the event loop if it is this server's own). */
  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    if (ownGroup) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
