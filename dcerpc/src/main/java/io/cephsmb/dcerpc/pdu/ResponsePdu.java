package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/** [C706] 12.6.4.10 response PDU: alloc_hint, p_cont_id, cancel_count and the stub data. */
public record ResponsePdu(
    int flags,
    int callId,
    int allocHint,
    int contextId,
    int cancelCount,
    Octets stub,
    Optional<AuthVerifier> auth)
    implements Pdu {
  /** Offset of the stub data from the start of the PDU. */
  public static final int STUB_OFFSET = PduHeader.LENGTH + 8;

  @Override
  public PacketType type() {
    return PacketType.RESPONSE;
  }

  static ResponsePdu read(PduHeader h, BodyReader r, Optional<AuthVerifier> auth)
      throws PduException {
    int allocHint = r.u32("alloc_hint");
    int contextId = r.u16("p_cont_id");
    int cancelCount = r.u8("cancel_count");
    r.skip(1, "reserved");
    return new ResponsePdu(
        h.flags(), h.callId(), allocHint, contextId, cancelCount, r.rest(), auth);
  }

  @Override
  public void encodeBody(ByteBuf out, int pduStart) {
    out.writeIntLE(allocHint);
    out.writeShortLE(contextId);
    out.writeByte(cancelCount);
    out.writeByte(0);
    stub.writeTo(out);
  }
}
