package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** The whole pipeline on an {@link EmbeddedChannel}, with a {@link Smb2TestClient.Transport}. */
final class EmbeddedServer implements Smb2TestClient.Transport, AutoCloseable {
  final ExecutorService blocking;
  final EmbeddedChannel channel;
  final ServerContext context;

  /** Every connection of this server (siblings share the list): receive() runs all their tasks. */
  private final java.util.List<EmbeddedChannel> all;

  EmbeddedServer(Consumer<SmbServerConfig.Builder> tweak, Map<Smb2Command, CommandHandler> extra) {
    blocking = Executors.newFixedThreadPool(2);
    SmbServerConfig.Builder b = SmbServerConfig.builder().port(0);
    tweak.accept(b);
    Map<Smb2Command, CommandHandler> handlers = SmbServer.engineHandlers();
    handlers.putAll(extra);
    context =
        new ServerContext(
            b.build(),
            TestServers.users(),
            TestServers.shares(),
            handlers,
            blocking,
            Clock.systemUTC());
    channel = new EmbeddedChannel(new SmbChannelInitializer(context));
    all = new java.util.concurrent.CopyOnWriteArrayList<>(java.util.List.of(channel));
  }

  /** Another connection to the same server (same sessions table, handlers and executor). */
  private EmbeddedServer(EmbeddedServer first) {
    blocking = first.blocking;
    context = first.context;
    channel = new EmbeddedChannel(new SmbChannelInitializer(context));
    all = first.all;
    all.add(channel);
  }

  /** A second connection to this server. */
  EmbeddedServer connect() {
    return new EmbeddedServer(this);
  }

  EmbeddedServer() {
    this(b -> {}, Map.of());
  }

  /** Writes raw transport bytes (prefix included). */
  void sendRaw(byte[] bytes) {
    channel.writeInbound(Unpooled.wrappedBuffer(bytes));
  }

  @Override
  public void send(byte[] message) {
    ByteBuf b = Unpooled.buffer(4 + message.length);
    b.writeInt(message.length);
    b.writeBytes(message);
    channel.writeInbound(b);
  }

  private final ByteBuf pending = Unpooled.buffer();

  /**
   * How long to wait for a response before calling the server hung: generous, because a loaded CI
   * machine runs blocking work (a 10,000-entry listing) slowly; no test asserts a timing.
   */
  private static final long HANG_GUARD_NANOS = 60_000_000_000L;

  @Override
  public byte[] receive() {
    long deadline = System.nanoTime() + HANG_GUARD_NANOS;
    while (System.nanoTime() < deadline) {
      for (EmbeddedChannel ch : all) {
        ch.runPendingTasks();
        ch.runScheduledPendingTasks();
      }
      for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
        pending.writeBytes(out);
        out.release();
      }
      if (pending.readableBytes() >= 4) {
        int len = pending.getInt(pending.readerIndex());
        if (pending.readableBytes() >= 4 + len) {
          pending.skipBytes(4);
          byte[] msg = new byte[len];
          pending.readBytes(msg);
          pending.discardReadBytes();
          return msg;
        }
      }
      if (!channel.isOpen()) {
        return null;
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    throw new AssertionError("no response within " + HANG_GUARD_NANOS / 1_000_000_000L + " s");
  }

  /** Whether nothing more comes out within a short while. */
  boolean quiet() {
    for (int i = 0; i < 50; i++) {
      channel.runPendingTasks();
      if (channel.outboundMessages().peek() != null) {
        return false;
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return true;
  }

  @Override
  public void close() {
    channel.finishAndReleaseAll();
    pending.release();
    all.remove(channel);
    if (all.isEmpty()) {
      blocking.shutdownNow();
    }
  }
}
