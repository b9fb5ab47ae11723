package io.cephsmb.gateway.server;

import io.cephsmb.gateway.crypto.Smb2Encryption;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * [MS-SMB2] 3.3.4.1.4 Encrypting the Message: a response to an encrypted request goes out in a
 * TRANSFORM_HEADER under the session's EncryptionKey with a fresh nonce; others pass in the clear.
 * Either way the buffer that leaves keeps room for the transport's length in front.
 */
final class EncryptEncoder extends MessageToMessageEncoder<OutboundFrame> {
  @Override
  protected void encode(ChannelHandlerContext ctx, OutboundFrame frame, List<Object> out) {
    SmbSession s = frame.encryptWith();
    ByteBuf message = frame.message();
    if (s == null) {
      out.add(message);
      return;
    }
    byte[] bytes;
    try {
      bytes = ByteBufUtil.getBytes(message);
    } finally {
      message.release();
    }
    byte[] sealed =
        Smb2Encryption.encrypt(
            s.cipher(),
            s.keys().encryptionKey().get(),
            s.sessionId(),
            s.nonces().next(),
            bytes,
            0,
            bytes.length);
    ByteBuf b = ctx.alloc().heapBuffer(FramePrefixer.PREFIX + sealed.length);
    b.writerIndex(FramePrefixer.PREFIX).readerIndex(FramePrefixer.PREFIX);
    out.add(b.writeBytes(sealed));
  }
}
