package io.cephsmb.gateway.rpc;

import io.cephsmb.dcerpc.auth.AuthLevel;
import io.cephsmb.dcerpc.auth.SecurityProvider;
import io.cephsmb.dcerpc.epm.Endpoint;
import io.cephsmb.dcerpc.epm.EndpointRegistry;
import io.cephsmb.dcerpc.epm.Epmapper;
import io.cephsmb.dcerpc.epm.EpmapperService;
import io.cephsmb.dcerpc.mssrvs.ServerIdentity;
import io.cephsmb.dcerpc.mssrvs.ShareInfoSource;
import io.cephsmb.dcerpc.mssrvs.SrvsvcService;
import io.cephsmb.dcerpc.mswkst.WkssvcService;
import io.cephsmb.dcerpc.server.RpcFaultException;
import io.cephsmb.dcerpc.server.RpcHandler;
import io.cephsmb.dcerpc.server.RpcInterface;
import io.cephsmb.dcerpc.server.RpcServer;
import io.cephsmb.dcerpc.server.RpcStatus;
import io.cephsmb.dcerpc.tcp.TcpRpcServer;
import io.cephsmb.gateway.config.PassDb;
import io.cephsmb.gateway.config.ShareConfig;
import io.cephsmb.gateway.msnlmp.NtlmServerConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Serves the gateway's RPC interfaces over ncacn_np (the {@link #pipes()} the SMB side opens on
 * IPC$) and, unless the epmapper port is negative, over ncacn_ip_tcp: the endpoint mapper (port 135
 * in production; anonymous binds allowed, authenticated ones accepted as well) on one port, srvsvc
 * and wkssvc (authenticated with the given providers, at least CONNECT) on another, registered with
 * the endpoint mapper for that port and for their named pipes ({@code \PIPE\srvsvc}, {@code
 * \PIPE\wkssvc}).
 */
public final class RpcServices implements AutoCloseable {
  private final EventLoopGroup group;
  private final TcpRpcServer epmapper;
  private final TcpRpcServer services;
  private final EndpointRegistry registry;
  private final Map<String, RpcServer> pipes;

  private RpcServices(
      EventLoopGroup group,
      TcpRpcServer epmapper,
      TcpRpcServer services,
      EndpointRegistry registry,
      Map<String, RpcServer> pipes) {
    this.group = group;
    this.epmapper = epmapper;
    this.services = services;
    this.registry = registry;
    this.pipes = pipes;
  }

  /**
   * Starts both endpoints on {@code address} (port 0 picks a free port; an epmapper port below 0
   * serves no TCP at all, only the named pipes).
   *
   * @param providers the security providers for srvsvc and wkssvc (NTLMSSP)
   */
  public static RpcServices start(
      Inet4Address address,
      int epmapperPort,
      int servicesPort,
      List<SecurityProvider> providers,
      ShareInfoSource shares,
      ServerIdentity identity)
      throws InterruptedException {
    EndpointRegistry registry = new EndpointRegistry();
    RpcServer epmServer =
        new RpcServer(List.of(new EpmapperService(registry).rpcInterface()), providers);
    RpcInterface srvsvc = authenticated(new SrvsvcService(shares, identity).rpcInterface());
    RpcInterface wkssvc = authenticated(new WkssvcService(identity).rpcInterface());
    RpcServer svcServer = new RpcServer(List.of(srvsvc, wkssvc), providers);
    Map<String, RpcServer> pipes =
        Map.of("srvsvc", svcServer, "wkssvc", svcServer, "epmapper", epmServer);
    String host = identity.netbiosName();
    registry.register(new Endpoint.NamedPipe(srvsvc.syntax(), "\\PIPE\\srvsvc", host, "srvsvc"));
    registry.register(new Endpoint.NamedPipe(wkssvc.syntax(), "\\PIPE\\wkssvc", host, "wkssvc"));
    registry.register(
        new Endpoint.NamedPipe(Epmapper.SYNTAX, "\\PIPE\\epmapper", host, "epmapper"));
    if (epmapperPort < 0) {
      return new RpcServices(null, null, null, registry, pipes);
    }
    EventLoopGroup group = new NioEventLoopGroup(2);
    TcpRpcServer epm = null;
    try {
      epm =
          TcpRpcServer.start(
              epmServer,
              new InetSocketAddress(address, epmapperPort),
              group,
              false,
              TcpRpcServer.DEFAULT_FRAGMENT_TIMEOUT);
      TcpRpcServer svc =
          TcpRpcServer.start(
              svcServer,
              new InetSocketAddress(address, servicesPort),
              group,
              false,
              TcpRpcServer.DEFAULT_FRAGMENT_TIMEOUT);
      registry.register(new Endpoint.Tcp(srvsvc.syntax(), address, svc.port(), "srvsvc"));
      registry.register(new Endpoint.Tcp(wkssvc.syntax(), address, svc.port(), "wkssvc"));
      return new RpcServices(group, epm, svc, registry, pipes);
    } catch (InterruptedException | RuntimeException e) {
      if (epm != null) {
        epm.close();
      }
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      throw e;
    }
  }

  /**
   * Starts the services for the gateway daemon: NTLMSSP and SPNEGO (NTLMSSP inside) against the
   * passdb in RADOS (looked up asynchronously), the shares of the configuration in RADOS.
   */
  public static RpcServices startForGateway(
      Inet4Address address,
      int epmapperPort,
      int servicesPort,
      ShareConfig shares,
      PassDb passDb,
      NtlmServerConfig ntlm,
      ServerIdentity identity)
      throws InterruptedException {
    SecureRandom random = new SecureRandom();
    List<SecurityProvider> providers =
        List.of(
            new NtlmSecurityProvider(ntlm, passDb::ntHash, random, Clock.systemUTC()),
            new SpnegoSecurityProvider(ntlm, passDb::ntHash, random, Clock.systemUTC()));
    return start(
        address,
        epmapperPort,
        servicesPort,
        providers,
        new ShareConfigSource(shares, "IPC Service (" + identity.comment() + ")"),
        identity);
  }

  /**
   * Refuses calls on an association that neither RPC authentication nor the transport (the SMB
   * session of a named pipe, not anonymous) authenticated with access denied.
   */
  static RpcInterface authenticated(RpcInterface iface) {
    Map<Integer, RpcHandler> ops = new HashMap<>();
    iface
        .operations()
        .forEach(
            (opnum, handler) ->
                ops.put(
                    opnum,
                    (call, stub) ->
                        call.authLevel() == AuthLevel.NONE && !call.transport().authenticated()
                            ? CompletableFuture.failedFuture(
                                new RpcFaultException(
                                    RpcStatus.ACCESS_DENIED, "authentication required"))
                            : handler.invoke(call, stub)));
    return new RpcInterface(iface.syntax(), ops);
  }

  /** The endpoint mapper's port, or -1 without TCP. */
  public int epmapperPort() {
    return epmapper == null ? -1 : epmapper.port();
  }

  /** The port of srvsvc and wkssvc, or -1 without TCP. */
  public int servicesPort() {
    return services == null ? -1 : services.port();
  }

  /**
   * The RPC server behind each named pipe of IPC$ ({@code srvsvc} and {@code wkssvc}: the same
   * association space, as Windows serves both from one process; {@code epmapper}).
   */
  public Map<String, RpcServer> pipes() {
    return pipes;
  }

  /** The endpoints registered with the endpoint mapper (more may be added). */
  public EndpointRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    if (group == null) {
      return;
    }
    services.close();
    epmapper.close();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
