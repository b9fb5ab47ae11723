package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.UUID;

/**
 * [C706] 12.6.4.9 request PDU: alloc_hint (a hint only, never trusted), p_cont_id, opnum, the
 * object UUID when PFC_OBJECT_UUID is set, and the stub data.
 */
public record RequestPdu(
    int flags,
    int callId,
    int allocHint,
    int contextId,
    int opnum,
    Optional<UUID> object,
    Octets stub,
    Optional<AuthVerifier> auth)
    implements Pdu {
  public RequestPdu {
    if (object.isPresent() != ((flags & PfcFlags.OBJECT_UUID) != 0)) {
      throw new IllegalArgumentException("object UUID present iff PFC_OBJECT_UUID");
    }
  }

  @Override
  public PacketType type() {
    return PacketType.REQUEST;
  }

  static RequestPdu read(PduHeader h, BodyReader r, Optional<AuthVerifier> auth)
      throws PduException {
    int allocHint = r.u32("alloc_hint");
    int contextId = r.u16("p_cont_id");
    int opnum = r.u16("opnum");
    Optional<UUID> object =
        h.has(PfcFlags.OBJECT_UUID) ? Optional.of(r.uuid("object")) : Optional.empty();
    return new RequestPdu(
        h.flags(), h.callId(), allocHint, contextId, opnum, object, r.rest(), auth);
  }

  /** Offset of the stub data from the start of the PDU. */
  public int stubOffset() {
    return PduHeader.LENGTH + 8 + (object.isPresent() ? WireUuid.LENGTH : 0);
  }

  @Override
  public void encodeBody(ByteBuf out, int pduStart) {
    out.writeIntLE(allocHint);
    out.writeShortLE(contextId);
    out.writeShortLE(opnum);
    object.ifPresent(u -> WireUuid.write(out, u));
    stub.writeTo(out);
  }
}
