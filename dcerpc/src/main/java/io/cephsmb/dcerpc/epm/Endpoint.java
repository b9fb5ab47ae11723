package io.cephsmb.dcerpc.epm;

import io.cephsmb.dcerpc.pdu.SyntaxId;
import java.net.Inet4Address;

/** Where an interface is served: registered with an {@link EndpointRegistry}. */
public sealed interface Endpoint {
  /** The interface served there. */
  SyntaxId iface();

  /** The annotation shown by ept_lookup. */
  String annotation();

  /** The protocol tower a client gets from ept_map and ept_lookup. */
  ProtocolTower tower();

  /** ncacn_ip_tcp on {@code address}:{@code port}. */
  record Tcp(SyntaxId iface, Inet4Address address, int port, String annotation)
      implements Endpoint {
    @Override
    public ProtocolTower tower() {
      return ProtocolTower.tcp(iface, address, port);
    }
  }

  /** ncacn_np on pipe {@code pipe} (e.g. {@code \PIPE\srvsvc}) of host {@code host}. */
  record NamedPipe(SyntaxId iface, String pipe, String host, String annotation)
      implements Endpoint {
    @Override
    public ProtocolTower tower() {
      return ProtocolTower.namedPipe(iface, pipe, host);
    }
  }
}
