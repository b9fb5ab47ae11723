package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.Arrays;
import java.util.List;

/**
 * [MS-SMB2] 3.3.4.1.3 assembles responses into one message: in a compound every response is padded
 * to 8 bytes and NextCommand points to the next one; a single response is not padded. Then each
 * response is signed on its own bytes (3.3.4.1.1), after the preauth hash callback saw them.
 */
final class ResponseEncoder extends MessageToMessageEncoder<ResponseChain> {
  @Override
  protected void encode(ChannelHandlerContext ctx, ResponseChain chain, List<Object> out) {
    List<ResponseChain.Element> elements = chain.elements();
    int n = elements.size();
    int[] lengths = new int[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      int len = Smb2Header.LENGTH + elements.get(i).body().length;
      lengths[i] = n > 1 ? (len + 7) & ~7 : len;
      total += lengths[i];
    }
    byte[] all = new byte[total];
    ByteBuf w = Unpooled.wrappedBuffer(all);
    w.writerIndex(0);
    int at = 0;
    for (int i = 0; i < n; i++) {
      ResponseChain.Element e = elements.get(i);
      Smb2Header h = e.header();
      new Smb2Header(
              h.creditCharge(),
              h.status(),
              h.command(),
              h.credits(),
              h.flags(),
              i < n - 1 ? lengths[i] : 0,
              h.messageId(),
              h.asyncId(),
              h.treeId(),
              h.sessionId(),
              new byte[16])
          .encode(w);
      w.writeBytes(e.body());
      w.writerIndex(at + lengths[i]);
      if (e.onEncoded() != null) {
        e.onEncoded().accept(Arrays.copyOfRange(all, at, at + lengths[i]));
      }
      if (e.signer() != null) {
        e.signer().sign(all, at, lengths[i]);
      }
      at += lengths[i];
    }
    out.add(new OutboundFrame(all, chain.encryptWith()));
  }
}
