package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/** [C706] 12.6.4.1 alter_context PDU. */
public record AlterContextPdu(int flags, int callId, BindBody body, Optional<AuthVerifier> auth)
    implements Pdu {
  @Override
  public PacketType type() {
    return PacketType.ALTER_CONTEXT;
  }

  @Override
  public void encodeBody(ByteBuf out, int pduStart) {
    body.write(out);
  }
}
