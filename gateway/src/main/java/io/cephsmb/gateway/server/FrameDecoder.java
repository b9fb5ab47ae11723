package io.cephsmb.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * [MS-SMB2] 2.1 Direct TCP transport: every message is preceded by a 4-byte big-endian length whose
 * top byte is zero (the 24-bit StreamProtocolLength). A non-zero top byte, an empty frame or one
 * longer than the limit closes the connection.
 *
 * <p>A frame that arrived whole in one socket read is passed on as a slice of it. Any other frame
 * is copied, as its bytes arrive, into one direct buffer of exactly its length (from {@link
 * IoBuffers} when large), so an 8 MiB WRITE is copied once on its way in instead of being
 * accumulated and copied again each time the accumulation buffer grows; WRITE hands that buffer to
 * libcephfs as it is.
 */
final class FrameDecoder extends ChannelInboundHandlerAdapter {
  private final int maxFrameSize;

  /** The length prefix read so far (while {@link #frame} is null). */
  private int prefix;

  private int prefixBytes;

  /** The frame being filled, or null between frames. */
  private ByteBuf frame;

  private boolean failed;

  FrameDecoder(int maxFrameSize) {
    this.maxFrameSize = maxFrameSize;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf)) {
      ctx.fireChannelRead(msg);
      return;
    }
    ByteBuf in = (ByteBuf) msg;
    try {
      while (in.isReadable() && !failed) {
        if (frame == null) {
          int length = readPrefix(in);
          if (length < 0) {
            return; // the prefix continues in the next read
          }
          if (in.readableBytes() >= length) {
            ctx.fireChannelRead(in.readRetainedSlice(length));
            continue;
          }
          frame =
              length >= IoBuffers.LARGE
                  ? IoBuffers.ALLOC.directBuffer(length, length)
                  : ctx.alloc().directBuffer(length, length);
        }
        frame.writeBytes(in, Math.min(in.readableBytes(), frame.writableBytes()));
        if (!frame.isWritable()) {
          ByteBuf done = frame;
          frame = null;
          ctx.fireChannelRead(done);
        }
      }
    } finally {
      in.release();
    }
  }

  /** Consumes the length prefix; the frame length once all 4 bytes are in, else -1. */
  private int readPrefix(ByteBuf in) {
    while (prefixBytes < 4 && in.isReadable()) {
      prefix = (prefix << 8) | in.readUnsignedByte();
      prefixBytes++;
    }
    if (prefixBytes < 4) {
      return -1;
    }
    int p = prefix;
    prefix = 0;
    prefixBytes = 0;
    if ((p >>> 24) != 0) {
      failed = true;
      throw new Smb2ConnectionException("not a Direct TCP frame (first byte not zero)");
    }
    int length = p & 0x00FF_FFFF;
    if (length == 0 || length > maxFrameSize) {
      failed = true;
      throw new Smb2ConnectionException("frame length " + length + " outside 1.." + maxFrameSize);
    }
    return length;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    dropPartial();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    dropPartial();
  }

  private void dropPartial() {
    if (frame != null) {
      frame.release();
      frame = null;
    }
  }
}
