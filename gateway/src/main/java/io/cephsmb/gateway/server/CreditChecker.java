package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * [MS-SMB2] 3.3.5.2.3 and 3.3.5.2.5: every request but CANCEL consumes its MessageId, or its
 * CreditCharge consecutive ones when the connection supports multi-credit requests, from the
 * command sequence window; an id outside the window or used before drops the connection. A
 * CreditCharge too small for the payload ({@link Smb2Command#payloadSize}) is answered
 * STATUS_INVALID_PARAMETER. Without multi-credit support a payload above 64 KiB is invalid.
 */
final class CreditChecker extends ChannelInboundHandlerAdapter {
  private static final long CREDIT_SIZE = 65536;

  private final SmbConnection connection;

  CreditChecker(SmbConnection connection) {
    this.connection = connection;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof RequestChain) {
      RequestChain chain = (RequestChain) msg;
      try {
        for (RequestElement e : chain.elements()) {
          check(e);
        }
      } catch (RuntimeException ex) {
        chain.buffer().release();
        throw ex;
      }
    }
    ctx.fireChannelRead(msg);
  }

  private void check(RequestElement e) {
    Smb2Command cmd = e.command();
    if (cmd == Smb2Command.CANCEL) {
      return;
    }
    Smb2Header h = e.header();
    boolean multi = connection.supportsMultiCredit();
    int charge = multi ? Math.max(1, h.creditCharge()) : 1;
    if (!connection.credits().consume(h.messageId(), charge)) {
      throw new Smb2ConnectionException(
          "MessageId "
              + h.messageId()
              + " charge "
              + charge
              + " outside the window ["
              + connection.credits().low()
              + ", "
              + connection.credits().high()
              + ") or reused");
    }
    if (cmd == null) {
      return;
    }
    long payload = cmd.payloadSize(e.message(), e.message().readerIndex() + Smb2Header.LENGTH);
    if (multi) {
      long needed = payload == 0 ? 1 : (payload - 1) / CREDIT_SIZE + 1;
      if (charge < needed) {
        e.reject(NtStatus.INVALID_PARAMETER);
      }
    } else if (payload > CREDIT_SIZE) {
      e.reject(NtStatus.INVALID_PARAMETER);
    }
  }
}
