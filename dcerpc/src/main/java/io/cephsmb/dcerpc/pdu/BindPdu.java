package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/** [C706] 12.6.4.3 bind PDU. */
public record BindPdu(int flags, int callId, BindBody body, Optional<AuthVerifier> auth)
    implements Pdu {
  @Override
  public PacketType type() {
    return PacketType.BIND;
  }

  @Override
  public void encodeBody(ByteBuf out, int pduStart) {
    body.write(out);
  }
}
