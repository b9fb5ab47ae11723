package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.Arrays;
import java.util.List;

/**
 * [MS-SMB2] 3.3.4.1.3 assembles responses into one message: in a compound every response is padded
 * to 8 bytes and NextCommand points to the next one; a single response is not padded. Then each
 * response is signed on its own bytes (3.3.4.1.1), after the preauth hash callback saw them.
 *
 * <p>A response's payload (READ data) is sent from its own buffer, after the headers and bodies,
 * without being copied, when nothing must see the message's bytes in one piece: no signature, no
 * preauth hash, no encryption. Otherwise it is copied into the message like any body.
 */
final class ResponseEncoder extends MessageToMessageEncoder<ResponseChain> {
  @Override
  protected void encode(ChannelHandlerContext ctx, ResponseChain chain, List<Object> out) {
    List<ResponseChain.Element> elements = chain.elements();
    try {
      if (chain.encryptWith() == null && zeroCopy(elements)) {
        out.add(assembleAroundPayloads(ctx.alloc(), elements));
      } else {
        out.add(new OutboundFrame(assemble(elements), chain.encryptWith()));
      }
    } finally {
      for (ResponseChain.Element e : elements) {
        if (e.payload() != null && e.payload().refCnt() > 0) {
          e.payload().release();
        }
      }
    }
  }

  private static boolean zeroCopy(List<ResponseChain.Element> elements) {
    boolean any = false;
    for (ResponseChain.Element e : elements) {
      if (e.signer() != null || e.onEncoded() != null) {
        return false;
      }
      any |= e.payload() != null && e.payload().isReadable();
    }
    return any;
  }

  private static int[] lengths(List<ResponseChain.Element> elements) {
    int n = elements.size();
    int[] lengths = new int[n];
    for (int i = 0; i < n; i++) {
      int len = Smb2Header.LENGTH + elements.get(i).length();
      lengths[i] = n > 1 ? (len + 7) & ~7 : len;
    }
    return lengths;
  }

  private static void header(ByteBuf w, ResponseChain.Element e, int nextCommand) {
    Smb2Header h = e.header();
    new Smb2Header(
            h.creditCharge(),
            h.status(),
            h.command(),
            h.credits(),
            h.flags(),
            nextCommand,
            h.messageId(),
            h.asyncId(),
            h.treeId(),
            h.sessionId(),
            new byte[16])
        .encode(w);
  }

  /** The whole message in one array, signed. */
  private static byte[] assemble(List<ResponseChain.Element> elements) {
    int n = elements.size();
    int[] lengths = lengths(elements);
    int total = Arrays.stream(lengths).sum();
    byte[] all = new byte[total];
    ByteBuf w = Unpooled.wrappedBuffer(all);
    w.writerIndex(0);
    int at = 0;
    for (int i = 0; i < n; i++) {
      ResponseChain.Element e = elements.get(i);
      header(w, e, i < n - 1 ? lengths[i] : 0);
      w.writeBytes(e.body());
      if (e.payload() != null) {
        w.writeBytes(e.payload(), e.payload().readerIndex(), e.payload().readableBytes());
      }
      w.writerIndex(at + lengths[i]);
      if (e.onEncoded() != null) {
        e.onEncoded().accept(Arrays.copyOfRange(all, at, at + lengths[i]));
      }
      if (e.signer() != null) {
        e.signer().sign(all, at, lengths[i]);
      }
      at += lengths[i];
    }
    return all;
  }

  /**
   * The message as a composite of the headers and bodies and the payload buffers (each retained
   * once more here: the finally block of {@link #encode} drops the chain's reference). Every part
   * is direct memory: a composite with a heap part would be copied whole into one direct buffer by
   * the native transport before it is written.
   */
  private static ByteBuf assembleAroundPayloads(
      ByteBufAllocator alloc, List<ResponseChain.Element> elements) {
    int n = elements.size();
    int[] lengths = lengths(elements);
    CompositeByteBuf message = alloc.compositeDirectBuffer(2 * n + 1);
    ByteBuf small = alloc.directBuffer(256);
    for (int i = 0; i < n; i++) {
      ResponseChain.Element e = elements.get(i);
      int start = small.writerIndex();
      header(small, e, i < n - 1 ? lengths[i] : 0);
      small.writeBytes(e.body());
      ByteBuf p = e.payload();
      if (p != null && p.isReadable()) {
        message.addComponent(true, small);
        message.addComponent(true, p.retainedSlice());
        small = alloc.directBuffer(256);
        start = -p.readableBytes() - Smb2Header.LENGTH - e.body().length;
      }
      small.writeZero(lengths[i] - (small.writerIndex() - start));
    }
    if (small.isReadable()) {
      message.addComponent(true, small);
    } else {
      small.release();
    }
    return message;
  }
}
