package io.cephsmb.dcerpc.tcp;

import io.cephsmb.dcerpc.server.PduSink;
import io.cephsmb.dcerpc.server.RpcServer;
import io.cephsmb.dcerpc.server.ServerConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Feeds the frames of one TCP connection to its {@link ServerConnection} and sends what it answers.
 * The connection is closed when the state machine aborts; closing the channel cancels the pending
 * calls. Handlers complete on any thread; their PDUs are written through the channel, which hands
 * them to the event loop, so the event loop never waits for a handler.
 */
public final class RpcChannelHandler extends ChannelInboundHandlerAdapter {
  private final RpcServer server;
  private final String secondaryAddress;
  private ServerConnection connection;

  /**
   * @param secondaryAddress what bind_ack names as the port the client reached ([C706] 12.6.4.4)
   */
  public RpcChannelHandler(RpcServer server, String secondaryAddress) {
    this.server = server;
    this.secondaryAddress = secondaryAddress;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    connection = server.connect(new ChannelSink(ctx.channel()), secondaryAddress);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    try {
      connection.receive(ByteBufUtil.getBytes(frame));
    } finally {
      frame.release();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (connection != null) {
      connection.close();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // garbage on the stream (the frame decoder) or an I/O error: nothing more can be trusted
    var unused = ctx.close();
  }

  /** The connection's view of the channel. */
  private record ChannelSink(Channel channel) implements PduSink {
    @Override
    public void send(byte[] pdu) {
      var unused = channel.writeAndFlush(Unpooled.wrappedBuffer(pdu));
    }

    @Override
    public void abort() {
      var unused =
          channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
