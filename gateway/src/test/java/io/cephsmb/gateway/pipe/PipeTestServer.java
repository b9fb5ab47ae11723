package io.cephsmb.gateway.pipe;

import io.cephsmb.dcerpc.mssrvs.ServerIdentity;
import io.cephsmb.dcerpc.mssrvs.ShareInfo;
import io.cephsmb.dcerpc.mssrvs.ShareInfoSource;
import io.cephsmb.gateway.rpc.NtlmSecurityProvider;
import io.cephsmb.gateway.rpc.RpcServices;
import io.cephsmb.gateway.rpc.SpnegoSecurityProvider;
import io.cephsmb.gateway.server.InMemoryShareRegistry;
import io.cephsmb.gateway.server.InMemoryUserDirectory;
import io.cephsmb.gateway.server.ShareDefinition;
import io.cephsmb.gateway.server.SmbServer;
import io.cephsmb.gateway.server.SmbServerConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An SMB server on 127.0.0.1 whose IPC$ serves srvsvc, wkssvc and epmapper pipes (no file service,
 * no TCP RPC), one user. {@code main(PORT)} runs one for manual rpcclient/smbtorture runs.
 */
public final class PipeTestServer implements AutoCloseable {
  static final String USER = "alice";
  static final String PASSWORD = "Secret-123";

  final SmbServer smb;
  final RpcServices rpc;
  final NamedPipes pipes;

  private PipeTestServer(SmbServer smb, RpcServices rpc, NamedPipes pipes) {
    this.smb = smb;
    this.rpc = rpc;
    this.pipes = pipes;
  }

  static PipeTestServer start(int port, Consumer<SmbServerConfig.Builder> tweak) throws Exception {
    return start(port, -1, tweak);
  }

  /** With DCE/RPC over TCP too when {@code epmapperPort} is not negative (0: a free port). */
  static PipeTestServer start(int port, int epmapperPort, Consumer<SmbServerConfig.Builder> tweak)
      throws Exception {
    SmbServerConfig.Builder b = SmbServerConfig.builder().bindAddress("127.0.0.1").port(port);
    tweak.accept(b);
    SmbServerConfig config = b.build();
    InMemoryUserDirectory users = new InMemoryUserDirectory().add(USER, PASSWORD);
    ServerIdentity identity =
        ServerIdentity.of(config.netbiosName(), config.domainName(), "cephsmb test");
    NtlmSecurityProvider ntlm =
        new NtlmSecurityProvider(
            config.ntlmConfig(), users::ntHash, new SecureRandom(), Clock.systemUTC());
    RpcServices rpc =
        RpcServices.start(
            (java.net.Inet4Address) java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
            epmapperPort,
            0,
            List.of(
                ntlm,
                new SpnegoSecurityProvider(
                    config.ntlmConfig(), users::ntHash, new SecureRandom(), Clock.systemUTC())),
            ShareInfoSource.of(
                List.of(
                    ShareInfo.ipc("IPC Service (cephsmb test)"),
                    ShareInfo.disk("share", "the share", "/share"),
                    ShareInfo.disk("docs", "documents", "/docs"))),
            identity);
    NamedPipes pipes = new NamedPipes(rpc.pipes());
    InMemoryShareRegistry shares =
        new InMemoryShareRegistry()
            .add(ShareDefinition.of("share", "/share"))
            .add(ShareDefinition.of("docs", "/docs"));
    SmbServer smb = SmbServer.start(config, users, shares, pipes.wrap(Map.of()));
    return new PipeTestServer(smb, rpc, pipes);
  }

  int port() {
    return smb.port();
  }

  @Override
  public void close() {
    smb.close();
    rpc.close();
  }

  /**
   * Runs until killed: {@code PipeTestServer PORT [EPMAPPER_PORT]} (with the second argument, also
   * DCE/RPC over TCP: the endpoint mapper there, srvsvc/wkssvc on a free port).
   */
  public static void main(String[] args) throws Exception {
    int epm = args.length > 1 ? Integer.parseInt(args[1]) : -1;
    try (PipeTestServer s = start(Integer.parseInt(args[0]), epm, b -> {})) {
      System.out.println(
          "serving on "
              + s.port()
              + " epmapper "
              + s.rpc.epmapperPort()
              + " services "
              + s.rpc.servicesPort());
      Thread.currentThread().join();
    }
  }
}
