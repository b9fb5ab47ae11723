package io.cephsmb.gateway.server;

import io.cephsmb.gateway.crypto.Smb2Encryption;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * [MS-SMB2] 3.3.4.1.4 Encrypting the Message: a response to an encrypted request goes out in a
 * TRANSFORM_HEADER under the session's EncryptionKey with a fresh nonce; others pass in the clear.
 */
final class EncryptEncoder extends MessageToMessageEncoder<OutboundFrame> {
  @Override
  protected void encode(ChannelHandlerContext ctx, OutboundFrame frame, List<Object> out) {
    SmbSession s = frame.encryptWith();
    byte[] bytes = frame.bytes();
    if (s == null) {
      out.add(Unpooled.wrappedBuffer(bytes));
      return;
    }
    out.add(
        Unpooled.wrappedBuffer(
            Smb2Encryption.encrypt(
                s.cipher(),
                s.keys().encryptionKey().get(),
                s.sessionId(),
                s.nonces().next(),
                bytes,
                0,
                bytes.length)));
  }
}
