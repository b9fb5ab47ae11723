package io.cephsmb.gateway.daemon;

import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.gateway.config.PassDb;
import io.cephsmb.gateway.config.ShareConfig;
import io.cephsmb.gateway.config.ShareRecord;
import io.cephsmb.gateway.msnlmp.NtlmCrypto;
import io.cephsmb.gateway.testing.ClientProcess;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.rados.LibradosClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients against a gateway node on the dev cluster (users and shares in RADOS), DCE/RPC over
 * named pipes on IPC$: {@code smbclient -L} lists the shares; rpcclient's srvinfo, netshareenumall
 * and netsharegetinfo over ncacn_np, plain, with SMB signing required on the IPC$ connection, and
 * with DCE/RPC sign and seal over NTLMSSP and over SPNEGO; smbtorture rpc.srvsvc and rpc.epmapper
 * over ncacn_np. No pipe open is left behind.
 */
@ExtendWith(CephDevClusterExtension.class)
class GatewayPipesIT {
  private static final String USER = "alice";
  private static final String PASSWORD = "Pipe-Secret-1";

  private final DevCluster cluster;
  private RadosClient admin;
  private GatewayNode node;
  private Path smbConf;
  @TempDir Path local;

  GatewayPipesIT(DevCluster cluster) {
    this.cluster = cluster;
  }

  @BeforeEach
  void start() throws Exception {
    String ns = "pipes-" + UUID.randomUUID();
    admin = LibradosClient.connect(cluster.confPath(), cluster.clientId());
    KvStore kv = new KvStore(admin.store(cluster.statePool(), ns));
    join(new PassDb(kv).add(USER, Bytes.wrap(NtlmCrypto.ntHash(PASSWORD)), -1, -1));
    ShareConfig shares = new ShareConfig(kv);
    join(shares.add(new ShareRecord("data", "/data", "the data share", false, false, false)));
    join(shares.add(new ShareRecord("docs", "/docs", "documents", true, false, false)));
    Files.createDirectories(local.resolve("data"));
    Files.createDirectories(local.resolve("docs"));
    node =
        GatewayNode.start(
            new GatewayNode.Bootstrap(
                    cluster.confPath(),
                    cluster.clientId(),
                    cluster.statePool(),
                    ns,
                    "pipes",
                    "127.0.0.1",
                    0)
                .withLocalRoot(local));
    smbConf = Files.createTempFile("pipes", ".conf");
    Files.writeString(smbConf, "[global]\n  workgroup = WORKGROUP\n  client min protocol = SMB2\n");
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    admin.close();
    Files.deleteIfExists(smbConf);
  }

  private String run(List<String> cmd) throws Exception {
    return run(cmd, true);
  }

  private String run(List<String> cmd, boolean mustSucceed) throws Exception {
    ClientProcess.Result r = ClientProcess.run(null, cmd, Duration.ofMinutes(4));
    String s = r.output();
    System.out.println("$ " + String.join(" ", cmd) + " -> " + r.exit() + "\n" + s);
    if (mustSucceed) {
      assertEquals(0, r.exit(), s);
    }
    return s;
  }

  private void noPipeLeft() throws InterruptedException {
    for (int i = 0; i < 100 && node.pipes().openCount() > 0; i++) {
      Thread.sleep(50);
    }
    assertEquals(0, node.pipes().openCount(), "pipe opens left after the client went away");
  }

  @Test
  void smbclientListsTheShares() throws Exception {
    String out =
        run(
            List.of(
                "smbclient",
                "-s",
                smbConf.toString(),
                "-L",
                "//127.0.0.1",
                "-p",
                Integer.toString(node.port()),
                "-U",
                USER + "%" + PASSWORD));
    assertTrue(Pattern.compile("(?m)^\\s+IPC\\$\\s+IPC\\s+IPC Service").matcher(out).find(), out);
    assertTrue(
        Pattern.compile("(?m)^\\s+data\\s+Disk\\s+the data share$").matcher(out).find(), out);
    assertTrue(Pattern.compile("(?m)^\\s+docs\\s+Disk\\s+documents$").matcher(out).find(), out);
    noPipeLeft();
  }

  private String rpcclient(String binding, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("rpcclient", "-s", smbConf.toString()));
    cmd.addAll(List.of(extra));
    cmd.addAll(
        List.of(
            "-p",
            Integer.toString(node.port()),
            "-U",
            USER + "%" + PASSWORD,
            binding,
            "-c",
            "srvinfo; netshareenumall; netsharegetinfo docs"));
    return run(cmd);
  }

  private static void checkRpcclient(String out) {
    assertTrue(out.contains("platform_id     :\t500"), out);
    assertTrue(out.contains("netname: data"), out);
    assertTrue(out.contains("netname: IPC$"), out);
    assertTrue(out.contains("\tremark:\tdocuments\n\tpath:\tC:\\docs\n"), out);
    assertTrue(out.contains("max_uses:\t-1"), out);
  }

  @Test
  void rpcclientOverNamedPipes() throws Exception {
    checkRpcclient(rpcclient("//127.0.0.1"));
    checkRpcclient(rpcclient("ncacn_np:127.0.0.1[sign]"));
    checkRpcclient(rpcclient("ncacn_np:127.0.0.1[seal]"));
    checkRpcclient(rpcclient("//127.0.0.1", "--option=clientipcsigning=required"));
    checkRpcclient(rpcclient("ncacn_np:127.0.0.1[seal]", "--option=clientipcsigning=required"));
    noPipeLeft();
  }

  private Map<String, Boolean> smbtorture(String suite) throws Exception {
    String out =
        run(
            List.of(
                "smbtorture",
                "-s",
                smbConf.toString(),
                "ncacn_np:127.0.0.1",
                "--smb-ports=" + node.port(),
                "-U",
                USER + "%" + PASSWORD,
                suite),
            false);
    Map<String, Boolean> results = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^(success|failure|error): (.+?)( \\[)?$").matcher(out);
    while (m.find()) {
      results.put(m.group(2), m.group(1).equals("success"));
    }
    return results;
  }

  @Test
  void smbtortureOverNamedPipes() throws Exception {
    Map<String, Boolean> srvsvc = smbtorture("rpc.srvsvc");
    long passed = srvsvc.values().stream().filter(b -> b).count();
    assertTrue(passed >= 13, "rpc.srvsvc passes at least 13 (Samba: 7): " + srvsvc);
    srvsvc.forEach(
        (test, ok) ->
            assertTrue(ok || test.startsWith("srvsvc anonymous access."), test + " " + srvsvc));
    Map<String, Boolean> epm = smbtorture("rpc.epmapper");
    for (String t :
        List.of(
            "epmapper.Map_simple", "epmapper.Lookup_simple", "epmapper.Lookup_terminate_search")) {
      assertEquals(Boolean.TRUE, epm.get(t), t + " " + epm);
    }
    noPipeLeft();
  }
}
