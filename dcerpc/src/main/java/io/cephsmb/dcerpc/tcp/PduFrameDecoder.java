package io.cephsmb.dcerpc.tcp;

import io.cephsmb.dcerpc.pdu.PduHeader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;

/**
 * Cuts a TCP byte stream into PDUs by their frag_length ([C706] 12.6.3.1). A stream that cannot be
 * framed (rpc_vers other than 5, or a frag_length shorter than the header or above the limit) is
 * garbage: the connection is closed, since nothing after it can be trusted. A PDU announced longer
 * than what arrives is waited for only until the channel has been idle for the reader-idle time of
 * an {@code IdleStateHandler} placed before this decoder.
 */
public final class PduFrameDecoder extends ByteToMessageDecoder {
  private final int maxFrame;

  /**
   * @param maxFrame the longest frame accepted (at most 65535, what frag_length can say)
   */
  public PduFrameDecoder(int maxFrame) {
    if (maxFrame < PduHeader.LENGTH || maxFrame > PduHeader.MAX_FRAG_LENGTH) {
      throw new IllegalArgumentException("maxFrame " + maxFrame);
    }
    this.maxFrame = maxFrame;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (!in.isReadable()) {
      return;
    }
    if (in.getUnsignedByte(in.readerIndex()) != PduHeader.RPC_VERS) {
      throw new CorruptedFrameException(
          "not a DCE/RPC PDU: rpc_vers " + in.getUnsignedByte(in.readerIndex()));
    }
    int length = PduHeader.peekFragLength(in);
    if (length < 0) {
      return;
    }
    if (length < PduHeader.LENGTH || length > maxFrame) {
      throw new CorruptedFrameException("frag_length " + length + " outside 16.." + maxFrame);
    }
    if (in.readableBytes() < length) {
      return;
    }
    out.add(in.readRetainedSlice(length));
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent && actualReadableBytes() > 0) {
      // a fragment announced and never completed
      var unused = ctx.close();
      return;
    }
    super.userEventTriggered(ctx, evt);
  }
}
