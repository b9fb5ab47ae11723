package io.cephsmb.it.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway target runs {@code bin/cephsmb serve}. While that command does not exist, start()
 * must fail saying so (and leave nothing running); once it exists, the gateway must start and serve
 * the share to smbclient.
 */
@ExtendWith(CephDevClusterExtension.class)
class GatewayTargetIT {

  @Test
  void startsOrSaysClearlyWhyNot(DevCluster cluster) {
    Path repo = Path.of(System.getProperty(DevCluster.REPO_ROOT_PROPERTY, ".."));
    TargetConfig c =
        new TargetConfig(
            cluster.confPath(),
            cluster.clientId(),
            cluster.fsName(),
            "share",
            "/harness/it-gw-" + UUID.randomUUID().toString().substring(0, 8),
            TargetConfig.DEFAULT_USER,
            TargetConfig.DEFAULT_PASSWORD);
    try (GatewayTarget g = new GatewayTarget(c, repo, cluster.statePool(), List.of())) {
      g.start();
      Endpoint e = g.endpoint();
      Exec.Result r =
          Exec.run(
              List.of(
                  Exec.require("smbclient", "smbclient"),
                  e.unc(),
                  "-p",
                  Integer.toString(e.port()),
                  "-U",
                  e.userPercentPassword(),
                  "-c",
                  "ls"),
              Duration.ofSeconds(60));
      assertTrue(r.ok(), r.describe());
      assertFalse(g.serverPids().isEmpty());

      // CI enforces the gateway's knownfail list on the quick suites
      List<String> suites =
          List.of(System.getProperty("cephsmb.ci.suites", String.join(",", CI_SUITES)).split(","));
      KnownFail kf = KnownFail.load(repo.resolve("it/knownfail/gateway.txt"));
      Compliance.Report rep =
          new Compliance(Smbtorture.locate(), Duration.ofMinutes(2), SUITE_TIMEOUTS)
              .run(List.of(g), suites, java.util.Map.of(g.name(), kf), System.out);
      Compliance.print(rep, System.out, false);
      assertTrue(rep.ok(), "knownfail violations: " + rep.violations());
    }
  }

  /** Suites that take seconds on Samba: the ones CI runs against the gateway. */
  static final List<String> CI_SUITES =
      List.of(
          "smb2.connect",
          "smb2.credits",
          "smb2.session",
          "smb2.read",
          "smb2.rw",
          "smb2.create",
          "smb2.getinfo",
          "smb2.setinfo",
          "smb2.timestamps",
          "smb2.delete-on-close-perms",
          "smb2.compound",
          "smb2.streams",
          "smb2.ioctl",
          "smb2.dir",
          "smb2.rename",
          "smb2.sharemode",
          "rpc.epmapper",
          "rpc.srvsvc");

  /**
   * Suites that need more than the default two minutes on a loaded machine: smb2.dir creates and
   * lists thousands of files (about 110 s on the 2-core dev machine).
   */
  static final java.util.Map<String, Duration> SUITE_TIMEOUTS =
      java.util.Map.of("smb2.dir", Duration.ofMinutes(6));
}
