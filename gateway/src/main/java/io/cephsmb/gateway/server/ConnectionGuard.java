package io.cephsmb.gateway.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler: closes the connection on any exception that reached the end of the pipeline
 * (bad framing, a connection-scoped protocol error, a bug), when the connection has been idle for
 * {@link SmbServerConfig#idleTimeout()}, and when no session has authenticated within {@link
 * SmbServerConfig#authTimeout()}. Also drops whatever no one consumed.
 */
final class ConnectionGuard extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  private final SmbConnection connection;

  ConnectionGuard(SmbConnection connection) {
    this.connection = connection;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    long ms = connection.server().config().authTimeout().toMillis();
    Outbound.schedule(
        ctx.channel(),
        () -> {
          if (!connection.hasValidSession() && ctx.channel().isActive()) {
            LOG.debug("{}: no authenticated session after {} ms", ctx.channel(), ms);
            Outbound.close(ctx.channel());
          }
        },
        ms);
    ctx.fireChannelActive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      LOG.debug("{}: idle, closing", ctx.channel());
      Outbound.close(ctx.channel());
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable t = cause.getCause() instanceof Smb2ConnectionException ? cause.getCause() : cause;
    if (t instanceof Smb2ConnectionException) {
      LOG.debug("{}: closing: {}", ctx.channel(), t.getMessage());
    } else {
      LOG.warn("{}: closing after an unexpected error", ctx.channel(), t);
    }
    Outbound.close(ctx.channel());
  }
}
