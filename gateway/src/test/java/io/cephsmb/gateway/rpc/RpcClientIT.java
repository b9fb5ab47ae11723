package io.cephsmb.gateway.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.testing.ClientProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Samba's rpcclient against srvsvc and wkssvc over ncacn_ip_tcp with NTLMSSP at the CONNECT,
 * PKT_INTEGRITY and PKT_PRIVACY levels. rpcclient must be installed (scripts/setup); a missing
 * binary fails the test.
 *
 * <p>rpcclient (source3) ignores the port of an ncacn_ip_tcp binding string: it always asks the
 * endpoint mapper on port 135 of the host (cli_pipe.c rpc_pipe_get_tcp_port) and then connects to
 * the port ept_map answered. So this test serves the endpoint mapper on 127.0.0.1:135 (the property
 * {@code cephsmb.test.epmapperPort} changes that), which needs root or CAP_NET_BIND_SERVICE, and
 * every rpcclient run goes through our ept_map.
 */
class RpcClientIT {
  static ExecutorService lookups;
  static RpcServices services;
  static Path smbConf;

  @BeforeAll
  static void start() throws Exception {
    lookups = Executors.newSingleThreadExecutor();
    services = RpcTestServices.start(lookups, Integer.getInteger("cephsmb.test.epmapperPort", 135));
    // an empty smb.conf so the host's configuration does not change what rpcclient does
    smbConf = Files.createTempFile("rpcclient", ".conf");
    Files.writeString(smbConf, "[global]\n  workgroup = WORKGROUP\n  client min protocol = SMB2\n");
  }

  @AfterAll
  static void stop() throws IOException {
    services.close();
    lookups.shutdownNow();
    Files.deleteIfExists(smbConf);
  }

  record Run(int exit, String out) {}

  static Run rpcclient(String credentials, String options, String commands) throws Exception {
    String binding = "ncacn_ip_tcp:127.0.0.1[" + options + "]";
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "rpcclient", "-s", smbConf.toString(), "-U", credentials, binding, "-c", commands));
    ClientProcess.Result r = ClientProcess.run(null, cmd, Duration.ofMinutes(1));
    System.out.println(
        "$ " + String.join(" ", cmd) + "\n" + r.output() + "(exit " + r.exit() + ")");
    return new Run(r.exit(), r.output());
  }

  static String user() {
    return RpcTestServices.USER + "%" + RpcTestServices.PASSWORD;
  }

  @ParameterizedTest
  @ValueSource(strings = {"connect", "sign", "seal"})
  void srvinfoAtEveryLevel(String level) throws Exception {
    Run r = rpcclient(user(), level, "srvinfo 100; srvinfo 101; srvinfo 102");
    assertEquals(0, r.exit(), r.out());
    assertFalse(r.out().contains("result was"), r.out());
    assertTrue(r.out().contains("CEPHSMB        Wk Sv Unx NT SNT     cephsmb test"), r.out());
    assertTrue(r.out().contains("platform_id     :\t500"), r.out());
    assertTrue(r.out().contains("os version      :\t6.1"), r.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"connect", "sign", "seal"})
  void shareEnumerationAtEveryInfoLevel(String level) throws Exception {
    // rpcclient calls every level but displays only 1, 2 and 502 ("unsupported info level" for the
    // others, after a successful call); levels 0 and 501 are checked by the golden stubs and
    // smbtorture
    for (String info : List.of("0", "501")) {
      Run r =
          rpcclient(user(), level, "netshareenumall " + info + "; netsharegetinfo data " + info);
      assertEquals(0, r.exit(), r.out());
      assertFalse(r.out().contains("result was"), r.out());
      assertTrue(r.out().contains("unsupported info level " + info), r.out());
    }
    for (String info : List.of("1", "2", "502")) {
      Run r = rpcclient(user(), level, "netshareenumall " + info);
      assertEquals(0, r.exit(), r.out());
      assertFalse(r.out().contains("result was"), r.out());
      for (String name : List.of("IPC$", "data", "home")) {
        assertTrue(r.out().contains("netname: " + name), info + ": " + r.out());
      }
      assertTrue(r.out().contains("remark:\tthe data share"), info + ": " + r.out());
      if (!info.equals("1")) {
        assertTrue(r.out().contains("path:\tC:\\volumes\\data"), info + ": " + r.out());
      }
    }
    // opnum 36 (Samba's NetShareEnum) leaves out the special shares
    Run sticky = rpcclient(user(), level, "netshareenum 1");
    assertTrue(sticky.out().contains("netname: data"), sticky.out());
    assertFalse(sticky.out().contains("IPC$"), sticky.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"connect", "sign", "seal"})
  void shareGetInfoAndUnknownShare(String level) throws Exception {
    for (String info : List.of("1", "2", "502")) {
      Run r = rpcclient(user(), level, "netsharegetinfo data " + info);
      assertEquals(0, r.exit(), r.out());
      assertTrue(r.out().contains("netname: data"), info + ": " + r.out());
    }
    Run missing = rpcclient(user(), level, "netsharegetinfo nosuch 1");
    assertTrue(missing.out().contains("WERR_NERR_NETNAMENOTFOUND"), missing.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"connect", "sign", "seal"})
  void wkstaGetInfo(String level) throws Exception {
    // rpcclient prints nothing for wkssvc_wkstagetinfo; success is no error and exit 0
    Run r = rpcclient(user(), level, "wkssvc_wkstagetinfo 100");
    assertEquals(0, r.exit(), r.out());
    assertFalse(r.out().contains("result was"), r.out());
    assertFalse(r.out().contains("Could not"), r.out());
    Run bad = rpcclient(user(), level, "wkssvc_wkstagetinfo 999");
    assertTrue(bad.out().contains("WERR_INVALID_LEVEL"), bad.out());
  }

  @Test
  void wrongPasswordFails() throws Exception {
    Run r = rpcclient(RpcTestServices.USER + "%wrong", "sign", "srvinfo");
    assertNotEquals(0, r.exit(), r.out());
    assertTrue(!r.out().contains("CEPHSMB"), r.out());
  }

  @Test
  void unknownUserFails() throws Exception {
    Run r = rpcclient("mallory%" + RpcTestServices.PASSWORD, "seal", "srvinfo");
    assertNotEquals(0, r.exit(), r.out());
  }

  @Test
  void unauthenticatedCallsAreDenied() throws Exception {
    Run r = rpcclient("%", "", "srvinfo");
    assertNotEquals(0, r.exit(), r.out());
    assertEquals(false, r.out().contains("CEPHSMB"), r.out());
  }
}
