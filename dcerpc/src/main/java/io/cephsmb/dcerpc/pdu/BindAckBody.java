package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * [C706] 12.6.4.4 the fields shared by bind_ack and alter_context_resp: max_xmit_frag,
 * max_recv_frag, assoc_group_id, the secondary address (port_any_t, NUL included in its length,
 * then padding to 4 octets) and the result list.
 */
public record BindAckBody(
    int maxXmitFrag,
    int maxRecvFrag,
    int assocGroupId,
    String secondaryAddress,
    List<ContextResult> results) {
  public BindAckBody {
    results = List.copyOf(results);
  }

  static BindAckBody read(BodyReader r, int pduStart) throws PduException {
    int maxXmit = r.u16("max_xmit_frag");
    int maxRecv = r.u16("max_recv_frag");
    int group = r.u32("assoc_group_id");
    int addrLength = r.u16("sec_addr length");
    byte[] addr = r.bytes(addrLength, "sec_addr");
    r.align(pduStart, 4, "sec_addr padding");
    int end = addr.length;
    while (end > 0 && addr[end - 1] == 0) {
      end--;
    }
    String address = new String(addr, 0, end, StandardCharsets.US_ASCII);
    return new BindAckBody(maxXmit, maxRecv, group, address, ContextResult.readList(r));
  }

  void write(ByteBuf out, int pduStart) {
    out.writeShortLE(maxXmitFrag);
    out.writeShortLE(maxRecvFrag);
    out.writeIntLE(assocGroupId);
    if (secondaryAddress.isEmpty()) {
      out.writeShortLE(0);
    } else {
      byte[] addr = secondaryAddress.getBytes(StandardCharsets.US_ASCII);
      out.writeShortLE(addr.length + 1);
      out.writeBytes(addr);
      out.writeByte(0);
    }
    int pos = out.writerIndex() - pduStart;
    out.writeZero((4 - pos % 4) % 4);
    ContextResult.writeList(out, results);
  }
}
