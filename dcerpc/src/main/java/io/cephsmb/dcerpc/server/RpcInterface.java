package io.cephsmb.dcerpc.server;

import io.cephsmb.dcerpc.pdu.SyntaxId;
import java.util.Map;

/** An interface this server offers: its abstract syntax and its handlers by opnum. */
public record RpcInterface(SyntaxId syntax, Map<Integer, RpcHandler> operations) {
  public RpcInterface {
    operations = Map.copyOf(operations);
  }

  /**
   * [C706] 12.6.4.3 (bind processing): the client's syntax is served if the UUID and major version
   * match and its minor version is not above ours.
   */
  public boolean serves(SyntaxId requested) {
    return syntax.uuid().equals(requested.uuid())
        && syntax.major() == requested.major()
        && requested.minor() <= syntax.minor();
  }
}
