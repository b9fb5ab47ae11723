package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SMB2/3 server: a Netty server channel with the pipeline of {@link SmbChannelInitializer}, the
 * command handlers of this engine (NEGOTIATE, SESSION_SETUP, LOGOFF, TREE_CONNECT, TREE_DISCONNECT,
 * ECHO, CANCEL, IOCTL with FSCTL_VALIDATE_NEGOTIATE_INFO) plus whatever handlers the caller adds
 * (the file service), and a bounded executor for blocking work.
 */
public final class SmbServer implements AutoCloseable {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ExecutorService blocking;
  private final Channel channel;

  private SmbServer(
      EventLoopGroup boss, EventLoopGroup workers, ExecutorService blocking, Channel channel) {
    this.boss = boss;
    this.workers = workers;
    this.blocking = blocking;
    this.channel = channel;
  }

  /** The handlers of the protocol engine. */
  public static Map<Smb2Command, CommandHandler> engineHandlers() {
    Map<Smb2Command, CommandHandler> m = new EnumMap<>(Smb2Command.class);
    m.put(Smb2Command.NEGOTIATE, new NegotiateHandler());
    m.put(Smb2Command.SESSION_SETUP, new SessionSetupHandler());
    m.put(Smb2Command.LOGOFF, new SimpleHandlers.Logoff());
    m.put(Smb2Command.TREE_CONNECT, new TreeConnectHandler());
    m.put(Smb2Command.TREE_DISCONNECT, new SimpleHandlers.TreeDisconnect());
    m.put(Smb2Command.ECHO, new SimpleHandlers.Echo());
    m.put(Smb2Command.CANCEL, new SimpleHandlers.Cancel());
    m.put(Smb2Command.IOCTL, new IoctlHandler());
    return m;
  }

  /** Starts a server with the engine's handlers. */
  public static SmbServer start(SmbServerConfig config, UserDirectory users, ShareRegistry shares)
      throws InterruptedException {
    return start(config, users, shares, Map.of());
  }

  /**
   * Starts a server; {@code extra} handlers are added to (or replace) the engine's.
   *
   * @throws InterruptedException when interrupted while binding
   */
  public static SmbServer start(
      SmbServerConfig config,
      UserDirectory users,
      ShareRegistry shares,
      Map<Smb2Command, CommandHandler> extra)
      throws InterruptedException {
    Map<Smb2Command, CommandHandler> handlers = engineHandlers();
    handlers.putAll(extra);
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor blocking =
        new ThreadPoolExecutor(
            config.blockingThreads(),
            config.blockingThreads(),
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(config.blockingQueue()),
            r -> {
              Thread t = new Thread(r, "smb-blocking-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    blocking.allowCoreThreadTimeOut(true);
    ServerContext context =
        new ServerContext(config, users, shares, handlers, blocking, Clock.systemUTC());
    Transport transport = Transport.select();
    EventLoopGroup boss = transport.group(1);
    EventLoopGroup workers =
        transport.group(config.eventLoopThreads(), config.eventLoopSpin().toNanos());
    try {
      Channel ch =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(transport.serverChannel())
              .option(ChannelOption.SO_BACKLOG, 128)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childOption(ChannelOption.SO_KEEPALIVE, true)
              .childHandler(new SmbChannelInitializer(context))
              .bind(config.bindAddress(), config.port())
              .sync()
              .channel();
      return new SmbServer(boss, workers, blocking, ch);
    } catch (InterruptedException | RuntimeException e) {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      blocking.shutdownNow();
      throw e;
    }
  }

  /** The address the server listens on. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** The port the server listens on. */
  public int port() {
    return localAddress().getPort();
  }

  /** Stops listening, closes every connection and stops the executors. */
  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    blocking.shutdownNow();
  }
}
