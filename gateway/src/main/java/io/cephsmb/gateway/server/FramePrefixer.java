package io.cephsmb.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * [MS-SMB2] 2.1 Direct TCP transport, outbound: writes the 4-byte big-endian length in front of
 * each message, into the room the encoders left before its reader index, so that a response leaves
 * as one buffer and one write without a copy.
 */
final class FramePrefixer extends ChannelOutboundHandlerAdapter {
  /** The bytes the encoders keep free in front of a message. */
  static final int PREFIX = 4;

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf) {
      ByteBuf b = (ByteBuf) msg;
      int at = b.readerIndex() - PREFIX;
      if (at < 0) {
        b.release();
        promise.tryFailure(new IllegalStateException("no room for the Direct TCP length"));
        return;
      }
      b.setInt(at, b.readableBytes());
      b.readerIndex(at);
    }
    var unused = ctx.write(msg, promise); // the promise carries the outcome
  }
}
