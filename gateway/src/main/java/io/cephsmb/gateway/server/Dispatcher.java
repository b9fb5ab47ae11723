package io.cephsmb.gateway.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The last inbound handler: runs each {@link RequestChain} through the command table and the
 * handlers ({@link ChainRun}), and cancels what is in flight when the connection goes away.
 */
final class Dispatcher extends ChannelInboundHandlerAdapter {
  private final SmbConnection connection;

  Dispatcher(SmbConnection connection) {
    this.connection = connection;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof RequestChain) {
      new ChainRun(ctx, connection, (RequestChain) msg).run();
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    connection.cancelAll();
    ctx.fireChannelInactive();
  }
}
