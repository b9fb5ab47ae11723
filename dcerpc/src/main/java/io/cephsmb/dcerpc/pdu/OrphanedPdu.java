package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/** [C706] 12.6.4.8 orphaned PDU: the client abandons call_id and wants no response. */
public record OrphanedPdu(int flags, int callId, Optional<AuthVerifier> auth) implements Pdu {
  @Override
  public PacketType type() {
    return PacketType.ORPHANED;
  }

  @Override
  public void encodeBody(ByteBuf out, int pduStart) {}
}
