package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.Smb1NegotiateRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * [MS-SMB2] 3.3.5.3 Receiving an SMB_COM_NEGOTIATE: an SMB1 message is only accepted as the very
 * first message, and only the negotiate; it is answered with an SMB2 NEGOTIATE response (see {@link
 * NegotiateHandler#answerSmb1}). Any other SMB1 message closes the connection.
 */
final class Smb1NegotiateHandler extends ChannelInboundHandlerAdapter {
  private static final int SMB1_PROTOCOL_ID = Smb1NegotiateRequest.PROTOCOL_ID;

  private final SmbConnection connection;

  Smb1NegotiateHandler(SmbConnection connection) {
    this.connection = connection;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf)) {
      ctx.fireChannelRead(msg);
      return;
    }
    ByteBuf frame = (ByteBuf) msg;
    if (frame.readableBytes() < 4 || frame.getIntLE(frame.readerIndex()) != SMB1_PROTOCOL_ID) {
      ctx.fireChannelRead(frame);
      return;
    }
    try {
      if (connection.state() != ConnectionState.AWAITING_NEGOTIATE
          || !Smb1NegotiateRequest.isSmb1Negotiate(frame)) {
        throw new Smb2ConnectionException("SMB1 message other than the first NEGOTIATE");
      }
      Smb1NegotiateRequest req = Smb1NegotiateRequest.decode(frame);
      if (!connection.credits().consume(0, 1)) {
        throw new Smb2ConnectionException("MessageId 0 already used");
      }
      ResponseChain answer = NegotiateHandler.answerSmb1(connection, req);
      if (answer == null) {
        throw new Smb2ConnectionException("SMB1 NEGOTIATE without an SMB2 dialect");
      }
      Outbound.write(ctx.channel(), answer);
    } finally {
      frame.release();
    }
  }
}
