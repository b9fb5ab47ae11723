package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;

/** [C706] 12.6.4.11 shutdown PDU: the server asks the client to end the association. */
public record ShutdownPdu(int flags, int callId) implements Pdu {
  @Override
  public PacketType type() {
    return PacketType.SHUTDOWN;
  }

  static ShutdownPdu read(PduHeader h, BodyReader r) throws PduException {
    if (h.authLength() != 0 || r.remaining() != 0) {
      throw new PduException("shutdown has no body");
    }
    return new ShutdownPdu(h.flags(), h.callId());
  }

  @Override
  public void encodeBody(ByteBuf out, int pduStart) {}
}
