package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * [C706] 12.6.3.1 p_cont_elem_t: a presentation context id, the abstract syntax (interface) and the
 * transfer syntaxes the client offers for it.
 */
public record PresentationContext(
    int contextId, SyntaxId abstractSyntax, List<SyntaxId> transferSyntaxes) {
  public PresentationContext {
    if ((contextId & ~0xffff) != 0) {
      throw new IllegalArgumentException("p_cont_id out of range: " + contextId);
    }
    transferSyntaxes = List.copyOf(transferSyntaxes);
    if (transferSyntaxes.isEmpty() || transferSyntaxes.size() > 0xff) {
      throw new IllegalArgumentException("n_transfer_syn must be 1..255");
    }
  }

  /** Reads a p_cont_list_t. */
  static List<PresentationContext> readList(BodyReader r) throws PduException {
    int n = r.u8("n_context_elem");
    r.skip(3, "p_cont_list_t reserved");
    // each element needs at least 4 + 20 + 20 bytes: a count that lies fails here, not later
    r.need(n * 44, n + " presentation contexts");
    List<PresentationContext> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int id = r.u16("p_cont_id");
      int nSyntaxes = r.u8("n_transfer_syn");
      r.skip(1, "p_cont_elem_t reserved");
      SyntaxId abs = r.syntax("abstract_syntax");
      if (nSyntaxes == 0) {
        throw new PduException("presentation context " + id + " offers no transfer syntax");
      }
      r.need(nSyntaxes * SyntaxId.LENGTH, nSyntaxes + " transfer syntaxes");
      List<SyntaxId> ts = new ArrayList<>(nSyntaxes);
      for (int j = 0; j < nSyntaxes; j++) {
        ts.add(r.syntax("transfer_syntax"));
      }
      list.add(new PresentationContext(id, abs, ts));
    }
    return List.copyOf(list);
  }

  /** Writes a p_cont_list_t. */
  static void writeList(ByteBuf out, List<PresentationContext> list) {
    out.writeByte(list.size());
    out.writeZero(3);
    for (PresentationContext c : list) {
      out.writeShortLE(c.contextId);
      out.writeByte(c.transferSyntaxes.size());
      out.writeByte(0);
      c.abstractSyntax.write(out);
      for (SyntaxId s : c.transferSyntaxes) {
        s.write(out);
      }
    }
  }
}
