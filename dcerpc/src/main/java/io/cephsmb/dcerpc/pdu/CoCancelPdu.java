package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/** [C706] 12.6.4.6 cancel (co_cancel) PDU: the client asks that call_id be cancelled. */
public record CoCancelPdu(int flags, int callId, Optional<AuthVerifier> auth) implements Pdu {
  @Override
  public PacketType type() {
    return PacketType.CO_CANCEL;
  }

  @Override
  public void encodeBody(ByteBuf out, int pduStart) {}
}
