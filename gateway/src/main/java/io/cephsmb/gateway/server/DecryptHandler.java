package io.cephsmb.gateway.server;

import io.cephsmb.gateway.crypto.Smb2CryptoException;
import io.cephsmb.gateway.crypto.Smb2Encryption;
import io.cephsmb.gateway.crypto.Smb2TransformHeader;
import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * [MS-SMB2] 3.3.5.2.1 and 3.3.5.2.1.1: a frame that starts with the TRANSFORM_HEADER ProtocolId is
 * decrypted with the DecryptionKey of the session it names; a plain SMB2 frame passes as is. An
 * unknown session, a dialect without encryption, a bad tag or any other ProtocolId closes the
 * connection. Emits {@link InboundFrame}.
 */
final class DecryptHandler extends ChannelInboundHandlerAdapter {
  private final SmbConnection connection;

  DecryptHandler(SmbConnection connection) {
    this.connection = connection;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf)) {
      ctx.fireChannelRead(msg);
      return;
    }
    ByteBuf frame = (ByteBuf) msg;
    int protocolId = frame.readableBytes() >= 4 ? frame.getIntLE(frame.readerIndex()) : 0;
    if (protocolId == Smb2Header.PROTOCOL_ID) {
      ctx.fireChannelRead(new InboundFrame(frame, null));
      return;
    }
    try {
      if (protocolId != Smb2TransformHeader.PROTOCOL_ID) {
        throw new Smb2ConnectionException("unknown ProtocolId");
      }
      byte[] bytes = ByteBufUtil.getBytes(frame);
      Smb2TransformHeader th;
      try {
        th = Smb2TransformHeader.decode(bytes, 0, bytes.length);
      } catch (Smb2CryptoException e) {
        throw new Smb2ConnectionException("bad TRANSFORM_HEADER: " + e.getMessage());
      }
      SmbSession session = connection.session(th.sessionId());
      if (session == null
          || !session.canEncrypt()
          || th.flags() != Smb2TransformHeader.FLAG_ENCRYPTED) {
        throw new Smb2ConnectionException("encrypted message for no usable session");
      }
      byte[] plain;
      try {
        plain =
            Smb2Encryption.decrypt(
                session.cipher(), session.keys().decryptionKey().get(), bytes, 0, bytes.length);
      } catch (Smb2CryptoException e) {
        throw new Smb2ConnectionException("decryption failed: " + e.getMessage());
      }
      ctx.fireChannelRead(new InboundFrame(Unpooled.wrappedBuffer(plain), session));
    } finally {
      frame.release();
    }
  }
}
