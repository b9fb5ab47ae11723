package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * [MS-SMB2] 3.3.4.1.3 assembles responses into one message: in a compound every response is padded
 * to 8 bytes and NextCommand points to the next one; a single response is not padded. Then each
 * response is signed on its own bytes (3.3.4.1.1), after the preauth hash callback saw them.
 *
 * <p>The message goes into one pooled buffer that keeps {@link FramePrefixer#PREFIX} bytes free in
 * front for the transport's length: a direct buffer the socket writes as is, or a heap buffer when
 * a response is signed (the signer works on its array).
 */
final class ResponseEncoder extends MessageToMessageEncoder<ResponseChain> {
  @Override
  protected void encode(ChannelHandlerContext ctx, ResponseChain chain, List<Object> out) {
    List<ResponseChain.Element> elements = chain.elements();
    int n = elements.size();
    int[] lengths = new int[n];
    int total = 0;
    boolean heap = false;
    for (int i = 0; i < n; i++) {
      ResponseChain.Element e = elements.get(i);
      int len = Smb2Header.LENGTH + e.body().length;
      lengths[i] = n > 1 ? (len + 7) & ~7 : len;
      total += lengths[i];
      heap |= e.signer() != null || e.onEncoded() != null;
    }
    int capacity = FramePrefixer.PREFIX + total;
    ByteBuf w = heap ? ctx.alloc().heapBuffer(capacity) : ctx.alloc().directBuffer(capacity);
    try {
      w.writerIndex(FramePrefixer.PREFIX).readerIndex(FramePrefixer.PREFIX);
      for (int i = 0; i < n; i++) {
        ResponseChain.Element e = elements.get(i);
        int at = w.writerIndex();
        e.header().encode(w);
        w.setIntLE(at + Smb2Header.NEXT_COMMAND_OFFSET, i < n - 1 ? lengths[i] : 0);
        w.setZero(at + Smb2Header.SIGNATURE_OFFSET, 16);
        w.writeBytes(e.body());
        w.writeZero(at + lengths[i] - w.writerIndex());
        if (e.onEncoded() != null) {
          e.onEncoded().accept(ByteBufUtil.getBytes(w, at, lengths[i]));
        }
        if (e.signer() != null) {
          e.signer().sign(w.array(), w.arrayOffset() + at, lengths[i]);
        }
      }
    } catch (RuntimeException ex) {
      w.release();
      throw ex;
    }
    out.add(new OutboundFrame(w, chain.encryptWith()));
  }
}
