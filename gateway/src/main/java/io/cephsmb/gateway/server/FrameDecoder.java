package io.cephsmb.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * [MS-SMB2] 2.1 Direct TCP transport: every message is preceded by a 4-byte big-endian length whose
 * top byte is zero (the 24-bit StreamProtocolLength). A non-zero top byte, an empty frame or one
 * longer than the limit closes the connection.
 */
final class FrameDecoder extends ByteToMessageDecoder {
  private final int maxFrameSize;

  FrameDecoder(int maxFrameSize) {
    this.maxFrameSize = maxFrameSize;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (in.readableBytes() < 4) {
      return;
    }
    int prefix = in.getInt(in.readerIndex());
    if ((prefix >>> 24) != 0) {
      throw new Smb2ConnectionException("not a Direct TCP frame (first byte not zero)");
    }
    int length = prefix & 0x00FF_FFFF;
    if (length == 0 || length > maxFrameSize) {
      throw new Smb2ConnectionException("frame length " + length + " outside 1.." + maxFrameSize);
    }
    if (in.readableBytes() - 4 < length) {
      return;
    }
    in.skipBytes(4);
    out.add(in.readRetainedSlice(length));
  }
}
