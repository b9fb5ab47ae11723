package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/** [C706] 12.6.4.2 alter_context_resp PDU. */
public record AlterContextRespPdu(
    int flags, int callId, BindAckBody body, Optional<AuthVerifier> auth) implements Pdu {
  @Override
  public PacketType type() {
    return PacketType.ALTER_CONTEXT_RESP;
  }

  @Override
  public void encodeBody(ByteBuf out, int pduStart) {
    body.write(out, pduStart);
  }
}
