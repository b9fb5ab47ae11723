package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/**
 * [C706] 12.6.4.7 fault PDU: alloc_hint, p_cont_id, cancel_count, a reserved octet ([MS-RPCE]
 * 2.2.2.8 flags), the status and 4 reserved octets, then optional stub data.
 */
public record FaultPdu(
    int flags,
    int callId,
    int allocHint,
    int contextId,
    int cancelCount,
    int status,
    Octets stub,
    Optional<AuthVerifier> auth)
    implements Pdu {
  /** A single-fragment fault for {@code callId} with {@code status}, no stub, no verifier. */
  public static FaultPdu of(int callId, int contextId, int status, boolean didNotExecute) {
    int flags = PfcFlags.FIRST_AND_LAST | (didNotExecute ? PfcFlags.DID_NOT_EXECUTE : 0);
    return new FaultPdu(flags, callId, 0, contextId, 0, status, Octets.EMPTY, Optional.empty());
  }

  @Override
  public PacketType type() {
    return PacketType.FAULT;
  }

  static FaultPdu read(PduHeader h, BodyReader r, Optional<AuthVerifier> auth) throws PduException {
    int allocHint = r.u32("alloc_hint");
    int contextId = r.u16("p_cont_id");
    int cancelCount = r.u8("cancel_count");
    r.skip(1, "reserved");
    int status = r.u32("status");
    r.skip(4, "reserved2");
    return new FaultPdu(
        h.flags(), h.callId(), allocHint, contextId, cancelCount, status, r.rest(), auth);
  }

  @Override
  public void encodeBody(ByteBuf out, int pduStart) {
    out.writeIntLE(allocHint);
    out.writeShortLE(contextId);
    out.writeByte(cancelCount);
    out.writeByte(0);
    out.writeIntLE(status);
    out.writeIntLE(0);
    stub.writeTo(out);
  }
}
