package io.cephsmb.dcerpc.server;

import io.cephsmb.dcerpc.pdu.ContextResult;
import io.cephsmb.dcerpc.pdu.PresentationContext;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * [C706] 12.6.4.3 / [MS-RPCE] 3.3.1.5.3 answers a presentation context list: NDR20 accepted for a
 * known interface, other transfer syntaxes (NDR64 included) declined with
 * proposed_transfer_syntaxes_not_supported, unknown interfaces rejected with
 * abstract_syntax_not_supported, a bind time feature negotiation element acknowledged with the
 * features this server supports.
 */
final class ContextNegotiator {
  /** [MS-RPCE] 2.2.2.14 KeepConnectionOnOrphanSupported: the only feature acknowledged. */
  static final int SUPPORTED_FEATURES = 0x02;

  private ContextNegotiator() {}

  /**
   * Results for {@code offered}, in order; accepted contexts are added to {@code bound}, which
   * already holds the contexts of earlier binds and alter_contexts.
   */
  static List<ContextResult> negotiate(
      RpcServer server, List<PresentationContext> offered, Map<Integer, RpcInterface> bound) {
    List<ContextResult> results = new ArrayList<>(offered.size());
    for (PresentationContext c : offered) {
      results.add(one(server, c, bound));
    }
    return results;
  }

  private static ContextResult one(
      RpcServer server, PresentationContext c, Map<Integer, RpcInterface> bound) {
    List<SyntaxId> ts = c.transferSyntaxes();
    if (ts.size() == 1 && ts.get(0).isFeatureNegotiation()) {
      int agreed = ts.get(0).featureBitmask() & SUPPORTED_FEATURES;
      return new ContextResult(ContextResult.NEGOTIATE_ACK, agreed, SyntaxId.NULL);
    }
    Optional<RpcInterface> iface = server.find(c.abstractSyntax());
    if (iface.isEmpty()) {
      return ContextResult.rejected(ContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED);
    }
    if (!ts.contains(SyntaxId.NDR20)) {
      return ContextResult.rejected(ContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED);
    }
    RpcInterface already = bound.get(c.contextId());
    if (already != null && !already.equals(iface.get())) {
      // a context id keeps the interface it was first bound to
      return ContextResult.rejected(ContextResult.REASON_NOT_SPECIFIED);
    }
    bound.put(c.contextId(), iface.get());
    return ContextResult.accepted(SyntaxId.NDR20);
  }
}
