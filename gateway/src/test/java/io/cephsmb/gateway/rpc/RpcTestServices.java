package io.cephsmb.gateway.rpc;

import io.cephsmb.dcerpc.auth.SecurityProvider;
import io.cephsmb.dcerpc.mssrvs.ServerIdentity;
import io.cephsmb.dcerpc.mssrvs.ShareInfo;
import io.cephsmb.dcerpc.mssrvs.ShareInfoSource;
import io.cephsmb.gateway.msnlmp.NtlmCrypto;
import io.cephsmb.gateway.msnlmp.NtlmServerConfig;
import io.cephsmb.gateway.msnlmp.NtlmVersion;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** RpcServices on 127.0.0.1 with fixed shares and one user, for the tests. */
final class RpcTestServices {
  static final String USER = "alice";
  static final String PASSWORD = "Secret-42";
  static final ServerIdentity IDENTITY = ServerIdentity.of("CEPHSMB", "WORKGROUP", "cephsmb test");
  static final List<ShareInfo> SHARES =
      List.of(
          ShareInfo.ipc("IPC Service (cephsmb test)"),
          ShareInfo.disk("data", "the data share", "/volumes/data"),
          ShareInfo.disk("home", "homes", "/home"));

  private RpcTestServices() {}

  static Inet4Address loopback() throws Exception {
    return (Inet4Address) InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
  }

  /**
   * The NTLM provider; the lookup completes on {@code lookupThread} (as a RADOS callback would),
   * never on the caller's thread.
   */
  static NtlmSecurityProvider ntlm(Executor lookupThread) {
    Map<String, byte[]> hashes = Map.of(USER, NtlmCrypto.ntHash(PASSWORD));
    return new NtlmSecurityProvider(
        new NtlmServerConfig(
            "WORKGROUP",
            "CEPHSMB",
            "",
            "cephsmb",
            new NtlmVersion(10, 0, 17763, NtlmVersion.REVISION_W2K3),
            false),
        user ->
            CompletableFuture.supplyAsync(
                () -> Optional.ofNullable(hashes.get(user.toLowerCase(java.util.Locale.ROOT))),
                lookupThread),
        new SecureRandom(),
        Clock.systemUTC());
  }

  static RpcServices start(Executor lookupThread, int epmapperPort) throws Exception {
    List<SecurityProvider> providers = List.of(ntlm(lookupThread));
    return RpcServices.start(
        loopback(), epmapperPort, 0, providers, ShareInfoSource.of(SHARES), IDENTITY);
  }
}
