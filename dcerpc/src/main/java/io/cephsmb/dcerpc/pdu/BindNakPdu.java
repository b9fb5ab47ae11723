package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * [C706] 12.6.4.5 bind_nak PDU: the provider reject reason and the protocol versions supported.
 * Octets after the version list (the [MS-RPCE] bind_nak extensions) are tolerated and not kept.
 */
public record BindNakPdu(int flags, int callId, int rejectReason, List<Integer> versions)
    implements Pdu {
  /** [C706] 12.6.3.1 reason_not_specified. */
  public static final int REASON_NOT_SPECIFIED = 0;

  /** [C706] 12.6.3.1 temporary_congestion. */
  public static final int TEMPORARY_CONGESTION = 1;

  /** [C706] 12.6.3.1 local_limit_exceeded. */
  public static final int LOCAL_LIMIT_EXCEEDED = 2;

  /** [C706] 12.6.3.1 protocol_version_not_supported. */
  public static final int PROTOCOL_VERSION_NOT_SUPPORTED = 4;

  /** [MS-RPCE] 2.2.2.5 authentication_type_not_recognized. */
  public static final int AUTHENTICATION_TYPE_NOT_RECOGNIZED = 8;

  /** [MS-RPCE] 2.2.2.5 invalid_checksum. */
  public static final int INVALID_CHECKSUM = 9;

  /** The versions this server speaks: 5.0 (as major in the high octet, minor in the low). */
  public static final List<Integer> SUPPORTED_VERSIONS = List.of(0x0500);

  public BindNakPdu {
    versions = List.copyOf(versions);
  }

  /** A bind_nak for {@code callId} listing version 5.0. */
  public static BindNakPdu of(int callId, int reason) {
    return new BindNakPdu(PfcFlags.FIRST_AND_LAST, callId, reason, SUPPORTED_VERSIONS);
  }

  @Override
  public PacketType type() {
    return PacketType.BIND_NAK;
  }

  static BindNakPdu read(PduHeader h, BodyReader r) throws PduException {
    if (h.authLength() != 0) {
      throw new PduException("bind_nak carries no auth verifier");
    }
    int reason = r.u16("provider_reject_reason");
    int n = r.u8("n_protocols");
    r.need(n * 2, n + " protocol versions");
    List<Integer> versions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int major = r.u8("major");
      versions.add((major << 8) | r.u8("minor"));
    }
    return new BindNakPdu(h.flags(), h.callId(), reason, versions);
  }

  @Override
  public void encodeBody(ByteBuf out, int pduStart) {
    out.writeShortLE(rejectReason);
    out.writeByte(versions.size());
    for (int v : versions) {
      out.writeByte(v >>> 8);
      out.writeByte(v & 0xff);
    }
  }
}
