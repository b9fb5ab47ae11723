package io.cephsmb.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Samba reference target on the dev cluster: smbd + vfs_ceph starts on its own port, real
 * clients work against it, its processes are found, compliance mode runs a suite on it, and
 * stopping it leaves nothing. Fails (never skips) when smbd, smbclient or smbtorture is missing.
 */
@ExtendWith(CephDevClusterExtension.class)
class SambaReferenceIT {

  private static SambaTarget samba;
  private static TargetConfig config;

  @BeforeAll
  static void start(DevCluster cluster) {
    config =
        new TargetConfig(
            cluster.confPath(),
            cluster.clientId(),
            cluster.fsName(),
            "share",
            "/harness/it-" + UUID.randomUUID().toString().substring(0, 8),
            TargetConfig.DEFAULT_USER,
            TargetConfig.DEFAULT_PASSWORD);
    samba = new SambaTarget(config, SambaTarget.Variant.CEPH);
    samba.start();
  }

  @AfterAll
  static void stop() {
    if (samba != null) {
      samba.close();
    }
  }

  private static Exec.Result smbclient(Endpoint e, String commands, Path dir) {
    String prog = Exec.require("smbclient", "smbclient");
    return Exec.run(
        List.of(
            prog,
            e.unc(),
            "-p",
            Integer.toString(e.port()),
            "-U",
            e.userPercentPassword(),
            "-c",
            commands),
        Duration.ofSeconds(60),
        null,
        Map.of(),
        dir);
  }

  @Test
  void smbclientPutLsGetIsByteExact(@TempDir Path tmp) throws Exception {
    Endpoint e = samba.endpoint();
    assertEquals("127.0.0.1", e.host());
    Path f = tmp.resolve("f");
    Bench.writeRandom(f, 3 * 1024 * 1024 + 17, 11);
    Exec.Result r = smbclient(e, "put f it-f; ls; get it-f back; del it-f", tmp);
    assertTrue(r.ok(), r.describe());
    assertFalse(r.stdout().contains("NT_STATUS_"), r.describe());
    assertTrue(r.stdout().contains("it-f"), "ls lists the file:\n" + r.stdout());
    assertEquals(-1, Files.mismatch(f, tmp.resolve("back")), "the file read back differs");
    // the file went to CephFS, in the share's directory (it was deleted again above)
    try (CephFs fs = CephFs.mount(config.cephConf(), config.cephId(), config.fsName())) {
      assertEquals(-1, fs.size(config.sharePath() + "/it-f"));
      Exec.Result r2 = smbclient(e, "put f it-g", tmp);
      assertTrue(r2.ok(), r2.describe());
      assertEquals(Files.size(f), fs.size(config.sharePath() + "/it-g"));
    }
  }

  @Test
  void theWrongPasswordIsRefused(@TempDir Path tmp) {
    Endpoint e = samba.endpoint();
    Endpoint bad = new Endpoint(e.host(), e.port(), e.share(), e.user(), "wrong-" + e.password());
    Exec.Result r = smbclient(bad, "ls", tmp);
    assertFalse(r.ok(), r.describe());
    assertTrue((r.stdout() + r.stderr()).contains("NT_STATUS_LOGON_FAILURE"), r.describe());
  }

  @Test
  void serverProcessesIncludeTheChildForkedPerClient() throws Exception {
    List<Long> idle = samba.serverPids();
    assertFalse(idle.isEmpty());
    Endpoint e = samba.endpoint();
    Process client =
        new ProcessBuilder(
                Exec.require("stdbuf", "coreutils"),
                "-oL",
                Exec.require("smbclient", "smbclient"),
                e.unc(),
                "-p",
                Integer.toString(e.port()),
                "-U",
                e.userPercentPassword())
            .redirectErrorStream(true)
            .start();
    try {
      OutputStream os = client.getOutputStream();
      os.write("pwd\n".getBytes(StandardCharsets.US_ASCII));
      os.flush();
      String line;
      java.io.BufferedReader in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      boolean connected = false;
      while (System.nanoTime() < deadline && (line = in.readLine()) != null) {
        if (line.contains("Current directory is")) {
          connected = true;
          break;
        }
      }
      assertTrue(connected, "smbclient did not connect");
      List<Long> busy = samba.serverPids();
      assertTrue(busy.size() > idle.size(), "idle " + idle + ", with a client " + busy);
      ProcStats.Usage u = ProcStats.usage(busy);
      assertTrue(u.rssBytes() > ProcStats.usage(idle).rssBytes(), "a forked child adds memory");
      assertTrue(u.cpuSeconds() > 0);
    } finally {
      client.getOutputStream().close();
      Exec.killTree(client.toHandle(), Duration.ofSeconds(5));
    }
  }

  @Test
  void complianceModeSmb2ConnectPasses() {
    Compliance c = new Compliance(Smbtorture.locate(), Duration.ofMinutes(2), Map.of());
    Compliance.Report rep =
        c.run(
            List.of(samba),
            List.of("smb2.connect"),
            Map.of(samba.name(), KnownFail.empty()),
            System.out);
    Smbtorture.Run run = rep.run("samba", "smb2.connect");
    assertEquals(1, run.tests().size(), run.tests().toString());
    assertEquals(Subunit.Outcome.SUCCESS, run.test("smb2.connect").outcome(), run.output());
    assertFalse(run.timedOut());
    assertTrue(rep.ok(), rep.violations().toString());
    String json = Json.write(Compliance.toJson(rep));
    assertTrue(json.contains("\"outcome\": \"success\""), json);
  }

  @Test
  void aSuiteOverItsTimeLimitIsKilledAndReportedAsAnError() {
    // smb2.bench.echo runs for torture:timelimit (10 s) unless stopped: give it 2 s
    Smbtorture.Run r =
        Smbtorture.locate()
            .run(
                samba.name(),
                samba.endpoint(),
                "smb2.bench.echo",
                Duration.ofSeconds(2),
                List.of());
    assertTrue(r.timedOut(), r.output());
    assertTrue(r.seconds() < 10, "took " + r.seconds() + " s");
    Subunit.TestResult suiteError = r.test("smb2.bench.echo");
    assertEquals(Subunit.Outcome.ERROR, suiteError.outcome());
    assertTrue(suiteError.detail().contains("time limit of 2 s"), suiteError.detail());
    assertEquals(1, r.tests().size(), r.tests().toString());
    assertEquals(1, KnownFail.empty().check(r.tests()).size());
  }

  @Test
  void theAclStreamsVariantStartsAndStopLeavesNoProcess(@TempDir Path tmp) {
    SambaTarget b =
        new SambaTarget(
            config.withSharePath(config.sharePath() + "-b"), SambaTarget.Variant.CEPH_ACL_STREAMS);
    List<Long> pids;
    int port;
    try {
      b.start();
      assertEquals("samba-acl-streams", b.name());
      port = b.endpoint().port();
      assertTrue(FreePort.accepts(port));
      Exec.Result r = smbclient(b.endpoint(), "mkdir d; ls", tmp);
      assertTrue(r.ok() && r.stdout().contains("d"), r.describe());
      pids = b.serverPids();
      assertFalse(pids.isEmpty());
      assertTrue(
          Files.readString(b.confFile()).contains("vfs objects = acl_xattr streams_xattr ceph"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      b.close();
    }
    for (long p : pids) {
      assertFalse(
          ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false),
          "pid " + p + " still runs");
    }
    assertFalse(FreePort.accepts(port), "port " + port + " still accepts connections");
    assertFalse(b.isRunning());
  }
}
