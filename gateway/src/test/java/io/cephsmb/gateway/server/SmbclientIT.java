package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.testing.ClientProcess;
import io.cephsmb.gateway.testing.ClientProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Samba's smbclient against the engine: connect, negotiate each dialect, authenticate with NTLMv2,
 * tree-connect and exit, plain, with signing required and with encryption required. Fails (never
 * skips) when smbclient is missing.
 */
class SmbclientIT {
  private static SmbServer server;
  private static SmbServer signingServer;
  private static SmbServer openServer;
  private static SmbServer encryptingServer;

  @BeforeAll
  static void start() throws InterruptedException {
    assertTrue(
        Files.isExecutable(Path.of("/usr/bin/smbclient")),
        "smbclient is not installed (scripts/setup installs it)");
    server = TestServers.start(b -> {});
    signingServer = TestServers.start(b -> b.signingRequired(true));
    openServer = TestServers.start(b -> b.allowAnonymous(true).guestAccount("guest"));
    encryptingServer = TestServers.start(b -> b.encryptData(true));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (signingServer != null) {
      signingServer.close();
    }
    if (openServer != null) {
      openServer.close();
    }
    if (encryptingServer != null) {
      encryptingServer.close();
    }
  }

  static Result smbclient(SmbServer s, String share, String user, String... extra)
      throws IOException, InterruptedException {
    List<String> options = new ArrayList<>(List.of("--option=client min protocol=SMB2_02"));
    options.addAll(List.of(extra));
    return ClientProcess.smbclient(
        null, s.port(), share, user, "exit", Duration.ofMinutes(1), options.toArray(String[]::new));
  }

  private static String login() {
    return TestServers.USER + "%" + TestServers.PASSWORD;
  }

  @ParameterizedTest
  @ValueSource(strings = {"SMB2_02", "SMB2_10", "SMB3_00", "SMB3_02", "SMB3_11"})
  void connectsWithEachDialect(String dialect) throws Exception {
    Result r = smbclient(server, "share", login(), "-m", dialect);
    assertEquals(0, r.exit(), r.output());
  }

  @ParameterizedTest
  @ValueSource(strings = {"SMB2_02", "SMB2_10", "SMB3_00", "SMB3_02", "SMB3_11"})
  void connectsWithSigningRequiredByTheClient(String dialect) throws Exception {
    Result r = smbclient(server, "share", login(), "-m", dialect, "--client-protection=sign");
    assertEquals(0, r.exit(), r.output());
  }

  @ParameterizedTest
  @ValueSource(strings = {"SMB2_02", "SMB2_10", "SMB3_00", "SMB3_02", "SMB3_11"})
  void connectsWithSigningRequiredByTheServer(String dialect) throws Exception {
    Result r = smbclient(signingServer, "share", login(), "-m", dialect);
    assertEquals(0, r.exit(), r.output());
  }

  @ParameterizedTest
  @ValueSource(strings = {"SMB3_00", "SMB3_02", "SMB3_11"})
  void connectsWithEncryptionRequiredByTheClient(String dialect) throws Exception {
    Result r = smbclient(server, "share", login(), "-m", dialect, "--client-protection=encrypt");
    assertEquals(0, r.exit(), r.output());
  }

  @ParameterizedTest
  @ValueSource(strings = {"SMB3_00", "SMB3_02", "SMB3_11"})
  void connectsToAnEncryptedShare(String dialect) throws Exception {
    Result r = smbclient(server, "secure", login(), "-m", dialect);
    assertEquals(0, r.exit(), r.output());
  }

  @ParameterizedTest
  @ValueSource(strings = {"SMB3_00", "SMB3_02", "SMB3_11"})
  void connectsWhenTheServerEncryptsEverySession(String dialect) throws Exception {
    Result r = smbclient(encryptingServer, "share", login(), "-m", dialect);
    assertEquals(0, r.exit(), r.output());
  }

  @Test
  void encryptingServerRefusesSmb2() throws Exception {
    Result r = smbclient(encryptingServer, "share", login(), "-m", "SMB2_10");
    assertNotEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("NT_STATUS_ACCESS_DENIED"), r.output());
  }

  @Test
  void refusesAnEncryptedShareToSmb2() throws Exception {
    Result r = smbclient(server, "secure", login(), "-m", "SMB2_10");
    assertNotEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("NT_STATUS_ACCESS_DENIED"), r.output());
  }

  @ParameterizedTest
  @ValueSource(strings = {"SMB2_10", "SMB3_11"})
  void anonymousLogonWhenAllowed(String dialect) throws Exception {
    Result r = smbclient(openServer, "IPC$", "%", "-N", "-m", dialect);
    assertEquals(0, r.exit(), r.output());
    Result refused = smbclient(server, "IPC$", "%", "-N", "-m", dialect);
    assertNotEquals(0, refused.exit(), refused.output());
  }

  @Test
  void guestLogon() throws Exception {
    Result r = smbclient(openServer, "share", "guest%", "-m", "SMB3_11");
    assertEquals(0, r.exit(), r.output());
  }

  @Test
  void connectsToIpc() throws Exception {
    Result r = smbclient(server, "IPC$", login(), "-m", "SMB3_11");
    assertEquals(0, r.exit(), r.output());
  }

  @Test
  void wrongPasswordIsLogonFailure() throws Exception {
    Result r = smbclient(server, "share", TestServers.USER + "%wrong", "-m", "SMB3_11");
    assertNotEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("NT_STATUS_LOGON_FAILURE"), r.output());
  }

  @Test
  void unknownUserIsLogonFailure() throws Exception {
    Result r = smbclient(server, "share", "mallory%x", "-m", "SMB3_11");
    assertNotEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("NT_STATUS_LOGON_FAILURE"), r.output());
  }

  @Test
  void unknownShareIsBadNetworkName() throws Exception {
    Result r = smbclient(server, "nosuchshare", login(), "-m", "SMB3_11");
    assertNotEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("NT_STATUS_BAD_NETWORK_NAME"), r.output());
  }

  @Test
  void userNamesAreCaseInsensitive() throws Exception {
    Result r = smbclient(server, "share", "ALICE%" + TestServers.PASSWORD, "-m", "SMB3_11");
    assertEquals(0, r.exit(), r.output());
  }
}
