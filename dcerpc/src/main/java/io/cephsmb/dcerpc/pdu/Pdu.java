package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/**
 * A connection-oriented PDU ([C706] 12.6.4). Records hold the fields; the header lengths are
 * computed when encoding and checked when decoding.
 */
public sealed interface Pdu
    permits BindPdu,
        BindAckPdu,
        BindNakPdu,
        AlterContextPdu,
        AlterContextRespPdu,
        RequestPdu,
        ResponsePdu,
        FaultPdu,
        Auth3Pdu,
        ShutdownPdu,
        CoCancelPdu,
        OrphanedPdu {

  /** The PTYPE. */
  PacketType type();

  /** pfc_flags. */
  int flags();

  /** call_id. */
  int callId();

  /** The auth verifier at the end of the PDU, if auth_length is not zero. */
  default Optional<AuthVerifier> auth() {
    return Optional.empty();
  }

  /** Writes the type-specific fields between the header and the auth verifier. */
  void encodeBody(ByteBuf out, int pduStart);

  /** Writes the whole PDU at the writer index of {@code out}. */
  default void encode(ByteBuf out) {
    int start = out.writerIndex();
    PduHeader.write(out, type(), flags(), callId());
    encodeBody(out, start);
    int authLength = 0;
    if (auth().isPresent()) {
      AuthVerifier v = auth().get();
      v.write(out);
      authLength = v.value().length();
    }
    PduHeader.patchLengths(out, start, authLength);
  }

  /**
   * Reads the PDU that occupies exactly the readable bytes of {@code in} (one frame). Every count
   * and length is checked against the fragment; a failure says what was readable of the header.
   */
  static Pdu decode(ByteBuf in) throws PduException {
    PduHeader h = PduHeader.decode(in);
    ByteBuf body = in.slice(in.readerIndex(), h.fragLength() - PduHeader.LENGTH);
    in.skipBytes(body.readableBytes());
    try {
      Optional<AuthVerifier> auth =
          h.authLength() > 0 ? Optional.of(readAuth(body, h.authLength())) : Optional.empty();
      // body offsets count from the PDU start, 16 bytes before the body slice
      return decodeBody(h, new BodyReader(body), auth, -PduHeader.LENGTH);
    } catch (PduException e) {
      throw e.ptype() < 0 ? e.withHeader(h.ptype(), h.callId()) : e;
    }
  }

  private static AuthVerifier readAuth(ByteBuf body, int authLength) throws PduException {
    return AuthVerifier.readFromEnd(body, authLength);
  }

  private static Pdu decodeBody(
      PduHeader h, BodyReader r, Optional<AuthVerifier> auth, int pduStart) throws PduException {
    PacketType type = h.type();
    if (type == null) {
      throw new PduException("unknown or connectionless PTYPE " + h.ptype());
    }
    return switch (type) {
      case BIND -> new BindPdu(h.flags(), h.callId(), BindBody.read(r), auth);
      case ALTER_CONTEXT -> new AlterContextPdu(h.flags(), h.callId(), BindBody.read(r), auth);
      case BIND_ACK -> new BindAckPdu(h.flags(), h.callId(), BindAckBody.read(r, pduStart), auth);
      case ALTER_CONTEXT_RESP ->
          new AlterContextRespPdu(h.flags(), h.callId(), BindAckBody.read(r, pduStart), auth);
      case BIND_NAK -> BindNakPdu.read(h, r);
      case REQUEST -> RequestPdu.read(h, r, auth);
      case RESPONSE -> ResponsePdu.read(h, r, auth);
      case FAULT -> FaultPdu.read(h, r, auth);
      case AUTH3 -> Auth3Pdu.read(h, r, auth);
      case SHUTDOWN -> ShutdownPdu.read(h, r);
      case CO_CANCEL -> new CoCancelPdu(h.flags(), h.callId(), auth);
      case ORPHANED -> new OrphanedPdu(h.flags(), h.callId(), auth);
    };
  }
}
