package io.cephsmb.dcerpc.tcp;

import io.cephsmb.dcerpc.pdu.BindBody;
import io.cephsmb.dcerpc.pdu.BindPdu;
import io.cephsmb.dcerpc.pdu.Octets;
import io.cephsmb.dcerpc.pdu.Pdu;
import io.cephsmb.dcerpc.pdu.PfcFlags;
import io.cephsmb.dcerpc.pdu.PresentationContext;
import io.cephsmb.dcerpc.pdu.RequestPdu;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Optional;

/** PDU builders for the transport tests. */
final class Pdus {
  private Pdus() {}

  static byte[] bytes(Pdu pdu) {
    ByteBuf b = Unpooled.buffer();
    pdu.encode(b);
    return ByteBufUtil.getBytes(b);
  }

  static byte[] bind(int callId, SyntaxId iface) {
    return bytes(
        new BindPdu(
            PfcFlags.FIRST_AND_LAST,
            callId,
            new BindBody(
                4280, 4280, 0, List.of(new PresentationContext(0, iface, List.of(SyntaxId.NDR20)))),
            Optional.empty()));
  }

  /** A NetrShareEnumAll request stub at {@code level}. */
  static byte[] enumAll(int level) {
    java.util.Map<String, Object> container = new java.util.LinkedHashMap<>();
    container.put("EntriesRead", 0);
    container.put("Buffer", null);
    java.util.Map<String, Object> in = new java.util.LinkedHashMap<>();
    in.put("ServerName", "\\\\srv");
    in.put(
        "InfoStruct",
        java.util.Map.of(
            "Level", level, "ShareInfo", new io.cephsmb.dcerpc.ndr.UnionValue(level, container)));
    in.put("PreferedMaximumLength", -1);
    in.put("ResumeHandle", null);
    return io.cephsmb.dcerpc.mssrvs.Srvsvc.NETR_SHARE_ENUM_ALL.encodeRequest(in);
  }

  static byte[] request(int callId, int opnum, byte[] stub) {
    return bytes(
        new RequestPdu(
            PfcFlags.FIRST_AND_LAST,
            callId,
            stub.length,
            0,
            opnum,
            Optional.empty(),
            Octets.of(stub),
            Optional.empty()));
  }
}
