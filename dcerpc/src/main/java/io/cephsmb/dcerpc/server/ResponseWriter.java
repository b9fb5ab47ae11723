package io.cephsmb.dcerpc.server;

import io.cephsmb.dcerpc.pdu.AuthVerifier;
import io.cephsmb.dcerpc.pdu.Octets;
import io.cephsmb.dcerpc.pdu.Pdu;
import io.cephsmb.dcerpc.pdu.PduHeader;
import io.cephsmb.dcerpc.pdu.PfcFlags;
import io.cephsmb.dcerpc.pdu.ResponsePdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * [C706] 12.6.2 splits a response stub into fragments no longer than the negotiated max_xmit_frag,
 * each with PFC_FIRST_FRAG / PFC_LAST_FRAG and alloc_hint set to what remains, each signed (and
 * sealed) on its own when the binding protects PDUs.
 */
final class ResponseWriter {
  private static final int RESPONSE_OVERHEAD = ResponsePdu.STUB_OFFSET;

  private ResponseWriter() {}

  /** Encodes any PDU to bytes. */
  static byte[] encode(Pdu pdu) {
    ByteBuf out = Unpooled.buffer();
    pdu.encode(out);
    byte[] b = new byte[out.readableBytes()];
    out.readBytes(b);
    return b;
  }

  static List<byte[]> fragments(
      int callId, int contextId, byte[] stub, int maxXmitFrag, SecurityBinding security) {
    int sig = security == null ? 0 : security.signatureLength();
    int room = maxXmitFrag - RESPONSE_OVERHEAD;
    if (sig > 0) {
      room -= AuthVerifier.TRAILER_LENGTH + sig;
      room -= room % SecurityBinding.PAD_ALIGNMENT;
    }
    if (room <= 0 || maxXmitFrag > PduHeader.MAX_FRAG_LENGTH) {
      throw new IllegalArgumentException("fragment size " + maxXmitFrag + " leaves no room");
    }
    List<byte[]> out = new ArrayList<>();
    int offset = 0;
    do {
      int length = Math.min(room, stub.length - offset);
      int flags =
          (offset == 0 ? PfcFlags.FIRST_FRAG : 0)
              | (offset + length == stub.length ? PfcFlags.LAST_FRAG : 0);
      Optional<AuthVerifier> auth =
          sig > 0 ? Optional.of(security.placeholder(length)) : Optional.empty();
      ResponsePdu pdu =
          new ResponsePdu(
              flags,
              callId,
              stub.length - offset,
              contextId,
              0,
              Octets.of(Arrays.copyOfRange(stub, offset, offset + length)),
              auth);
      byte[] bytes = encode(pdu);
      if (sig > 0) {
        security.protect(bytes, RESPONSE_OVERHEAD, length + auth.get().padLength());
      }
      out.add(bytes);
      offset += length;
    } while (offset < stub.length);
    return out;
  }
}
