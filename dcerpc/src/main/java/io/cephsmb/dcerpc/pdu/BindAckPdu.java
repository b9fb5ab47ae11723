package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/** [C706] 12.6.4.4 bind_ack PDU. */
public record BindAckPdu(int flags, int callId, BindAckBody body, Optional<AuthVerifier> auth)
    implements Pdu {
  @Override
  public PacketType type() {
    return PacketType.BIND_ACK;
  }

  @Override
  public void encodeBody(ByteBuf out, int pduStart) {
    body.write(out, pduStart);
  }
}
