package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * [C706] 12.6.3.1 p_result_t: the answer to one presentation context. For [MS-RPCE] 3.3.1.5.3
 * negotiate_ack the reason field carries the accepted feature bitmask.
 */
public record ContextResult(int result, int reason, SyntaxId transferSyntax) {
  /** p_cont_def_result_t acceptance. */
  public static final int ACCEPTANCE = 0;

  /** p_cont_def_result_t user_rejection. */
  public static final int USER_REJECTION = 1;

  /** p_cont_def_result_t provider_rejection. */
  public static final int PROVIDER_REJECTION = 2;

  /** [MS-RPCE] 2.2.2.4 negotiate_ack. */
  public static final int NEGOTIATE_ACK = 3;

  /** p_provider_reason_t reason_not_specified. */
  public static final int REASON_NOT_SPECIFIED = 0;

  /** p_provider_reason_t abstract_syntax_not_supported. */
  public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 1;

  /** p_provider_reason_t proposed_transfer_syntaxes_not_supported. */
  public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 2;

  /** p_provider_reason_t local_limit_exceeded. */
  public static final int LOCAL_LIMIT_EXCEEDED = 3;

  /** An accepted context. */
  public static ContextResult accepted(SyntaxId transferSyntax) {
    return new ContextResult(ACCEPTANCE, REASON_NOT_SPECIFIED, transferSyntax);
  }

  /** A provider rejection with {@code reason}. */
  public static ContextResult rejected(int reason) {
    return new ContextResult(PROVIDER_REJECTION, reason, SyntaxId.NULL);
  }

  static List<ContextResult> readList(BodyReader r) throws PduException {
    int n = r.u8("n_results");
    r.skip(3, "p_result_list_t reserved");
    r.need(n * 24, n + " results");
    List<ContextResult> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(new ContextResult(r.u16("result"), r.u16("reason"), r.syntax("transfer_syntax")));
    }
    return List.copyOf(list);
  }

  static void writeList(ByteBuf out, List<ContextResult> list) {
    out.writeByte(list.size());
    out.writeZero(3);
    for (ContextResult c : list) {
      out.writeShortLE(c.result);
      out.writeShortLE(c.reason);
      c.transferSyntax.write(out);
    }
  }
}
