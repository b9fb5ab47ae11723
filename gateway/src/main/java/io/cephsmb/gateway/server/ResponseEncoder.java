package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
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
 * a response is signed (the signer works on its array). A response's payload (READ data) is copied
 * into that buffer only when a response of the message is signed or hashed for preauth; otherwise
 * the message is a composite of direct buffers, the payload buffers themselves among them, and the
 * socket sends the data from where libcephfs read it.
 */
final class ResponseEncoder extends MessageToMessageEncoder<ResponseChain> {
  @Override
  protected void encode(ChannelHandlerContext ctx, ResponseChain chain, List<Object> out) {
    // MessageToMessageEncoder releases the chain afterwards, and with it the payloads' references
    // (the composite holds its own)
    encode(ctx, chain, chain.elements(), out);
  }

  private static void encode(
      ChannelHandlerContext ctx,
      ResponseChain chain,
      List<ResponseChain.Element> elements,
      List<Object> out) {
    int n = elements.size();
    int[] lengths = new int[n];
    int total = 0;
    boolean heap = false;
    boolean payload = false;
    for (int i = 0; i < n; i++) {
      ResponseChain.Element e = elements.get(i);
      int len = Smb2Header.LENGTH + e.length();
      lengths[i] = n > 1 ? (len + 7) & ~7 : len;
      total += lengths[i];
      heap |= e.signer() != null || e.onEncoded() != null;
      payload |= e.payload() != null && e.payload().isReadable();
    }
    if (payload && !heap) {
      out.add(new OutboundFrame(aroundPayloads(ctx, elements, lengths), chain.encryptWith()));
      return;
    }
    int capacity = FramePrefixer.PREFIX + total;
    ByteBuf w = heap ? ctx.alloc().heapBuffer(capacity) : ctx.alloc().directBuffer(capacity);
    try {
      w.writerIndex(FramePrefixer.PREFIX).readerIndex(FramePrefixer.PREFIX);
      for (int i = 0; i < n; i++) {
        ResponseChain.Element e = elements.get(i);
        int at = w.writerIndex();
        header(w, e, i < n - 1 ? lengths[i] : 0);
        w.writeBytes(e.body());
        ByteBuf p = e.payload();
        if (p != null) {
          w.writeBytes(p, p.readerIndex(), p.readableBytes());
        }
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

  private static void header(ByteBuf w, ResponseChain.Element e, int nextCommand) {
    int at = w.writerIndex();
    e.header().encode(w);
    w.setIntLE(at + Smb2Header.NEXT_COMMAND_OFFSET, nextCommand);
    w.setZero(at + Smb2Header.SIGNATURE_OFFSET, 16);
  }

  /**
   * The message as a composite of direct buffers: headers and bodies, and the payloads (each
   * retained once more here; releasing the chain after encoding drops its reference). All parts are
   * direct: a composite with a heap part would be copied whole into one direct buffer by the native
   * transport before it is written. The first part keeps the room for the length in front.
   */
  private static ByteBuf aroundPayloads(
      ChannelHandlerContext ctx, List<ResponseChain.Element> elements, int[] lengths) {
    int n = elements.size();
    CompositeByteBuf message = ctx.alloc().compositeDirectBuffer(2 * n + 1);
    try {
      ByteBuf small = ctx.alloc().directBuffer(256);
      small.writeZero(FramePrefixer.PREFIX);
      for (int i = 0; i < n; i++) {
        ResponseChain.Element e = elements.get(i);
        int start = small.writerIndex();
        header(small, e, i < n - 1 ? lengths[i] : 0);
        small.writeBytes(e.body());
        ByteBuf p = e.payload();
        if (p != null && p.isReadable()) {
          message.addComponent(true, small);
          message.addComponent(true, p.retainedSlice());
          small = ctx.alloc().directBuffer(256);
          start = -p.readableBytes() - Smb2Header.LENGTH - e.body().length;
        }
        small.writeZero(lengths[i] - (small.writerIndex() - start));
      }
      if (small.isReadable()) {
        message.addComponent(true, small);
      } else {
        small.release();
      }
      message.readerIndex(FramePrefixer.PREFIX);
      return message;
    } catch (RuntimeException ex) {
      message.release();
      throw ex;
    }
  }
}
