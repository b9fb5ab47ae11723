package io.cephsmb.dcerpc.server;

import io.cephsmb.dcerpc.auth.SecurityProvider;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What every connection of one endpoint shares: the interfaces, the security providers by
 * auth_type, the association groups and the limits. Transports call {@link #connect} per client
 * connection.
 */
public final class RpcServer {
  /** [C706] 12.6.3.1: the smallest fragment size an implementation must accept. */
  public static final int MIN_FRAG = 1432;

  private final List<RpcInterface> interfaces;
  private final Map<Integer, SecurityProvider> providers;
  private final AssociationGroups groups = new AssociationGroups();
  private final int maxFrag;
  private final int maxRequest;

  /**
   * @param maxFrag the largest fragment this server sends or accepts (at least 1432)
   * @param maxRequest the largest reassembled request stub
   */
  public RpcServer(
      List<RpcInterface> interfaces,
      List<SecurityProvider> providers,
      int maxFrag,
      int maxRequest) {
    if (maxFrag < MIN_FRAG || maxFrag > 0xffff) {
      throw new IllegalArgumentException("maxFrag must be 1432..65535: " + maxFrag);
    }
    this.interfaces = List.copyOf(interfaces);
    this.providers =
        providers.stream()
            .collect(Collectors.toUnmodifiableMap(SecurityProvider::authType, Function.identity()));
    this.maxFrag = maxFrag;
    this.maxRequest = maxRequest;
  }

  /** Defaults: 4280-byte fragments, 4 MiB requests. */
  public RpcServer(List<RpcInterface> interfaces, List<SecurityProvider> providers) {
    this(interfaces, providers, 4280, 4 << 20);
  }

  /** A connection answering through {@code sink}; {@code secondaryAddress} goes in bind_ack. */
  public ServerConnection connect(PduSink sink, String secondaryAddress) {
    return connect(sink, secondaryAddress, TransportIdentity.NONE);
  }

  /** A connection whose calls see {@code transport} (ncacn_np: the SMB session). */
  public ServerConnection connect(
      PduSink sink, String secondaryAddress, TransportIdentity transport) {
    return new ServerConnection(this, sink, secondaryAddress, transport);
  }

  Optional<RpcInterface> find(SyntaxId abstractSyntax) {
    return interfaces.stream().filter(i -> i.serves(abstractSyntax)).findFirst();
  }

  Optional<SecurityProvider> provider(int authType) {
    return Optional.ofNullable(providers.get(authType));
  }

  /** The association groups (shared by connections). */
  public AssociationGroups groups() {
    return groups;
  }

  int maxFrag() {
    return maxFrag;
  }

  int maxRequest() {
    return maxRequest;
  }
}
