package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * [C706] 12.6.4.3 the fields shared by bind and alter_context: max_xmit_frag, max_recv_frag,
 * assoc_group_id and the presentation context list.
 */
public record BindBody(
    int maxXmitFrag, int maxRecvFrag, int assocGroupId, List<PresentationContext> contexts) {
  public BindBody {
    contexts = List.copyOf(contexts);
    if (contexts.size() > 0xff) {
      throw new IllegalArgumentException("at most 255 presentation contexts");
    }
  }

  static BindBody read(BodyReader r) throws PduException {
    int maxXmit = r.u16("max_xmit_frag");
    int maxRecv = r.u16("max_recv_frag");
    int group = r.u32("assoc_group_id");
    return new BindBody(maxXmit, maxRecv, group, PresentationContext.readList(r));
  }

  void write(ByteBuf out) {
    out.writeShortLE(maxXmitFrag);
    out.writeShortLE(maxRecvFrag);
    out.writeIntLE(assocGroupId);
    PresentationContext.writeList(out, contexts);
  }
}
