package io.cephsmb.gateway.daemon;

import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.gateway.config.PassDb;
import io.cephsmb.gateway.config.ShareConfig;
import io.cephsmb.gateway.config.ShareRecord;
import io.cephsmb.gateway.msnlmp.NtlmCrypto;
import io.cephsmb.gateway.testing.ClientProcess;
import io.cephsmb.gateway.testing.ClientProcess.Result;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.rados.LibradosClient;
import io.cephsmb.radoslock.ClusterState;
import io.cephsmb.radoslock.ClusterView;
import io.cephsmb.radoslock.Fencer;
import io.cephsmb.radoslock.NodeRecord;
import io.cephsmb.radoslock.NodeStatus;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A gateway node on the dev cluster: users, shares and settings from RADOS, membership in
 * cluster.state, smbclient against it, a clean leave, and a fenced node that stops serving.
 */
@ExtendWith(CephDevClusterExtension.class)
class GatewayNodeIT {
  private final DevCluster cluster;
  private String ns;
  private RadosClient admin;
  private KvStore kv;

  GatewayNodeIT(DevCluster cluster) {
    this.cluster = cluster;
  }

  @BeforeEach
  void seed() {
    ns = "gw-" + UUID.randomUUID();
    admin = LibradosClient.connect(cluster.confPath(), cluster.clientId());
    kv = new KvStore(admin.store(cluster.statePool(), ns));
    join(new PassDb(kv).add("alice", Bytes.wrap(NtlmCrypto.ntHash("Secret-1")), -1, -1));
    join(new ShareConfig(kv).add(new ShareRecord("data", "/", "", false, false, false)));
  }

  @AfterEach
  void disconnect() {
    admin.close();
  }

  private GatewayNode start(String node) throws InterruptedException {
    return GatewayNode.start(
        new GatewayNode.Bootstrap(
            cluster.confPath(), cluster.clientId(), cluster.statePool(), ns, node, "127.0.0.1", 0));
  }

  static Result smbclient(int port, String share, String user, String... extra) throws Exception {
    return ClientProcess.smbclient(null, port, share, user, "exit", Duration.ofMinutes(1), extra);
  }

  private ClusterView view() {
    return join(new ClusterState(kv, ClusterState.DEFAULT_OID).read());
  }

  @Test
  void servesUsersAndSharesFromRadosAndLeavesCleanly() throws Exception {
    GatewayNode g = start("node-a");
    try {
      for (String dialect : List.of("SMB2_02", "SMB3_11")) {
        Result ok = smbclient(g.port(), "data", "alice%Secret-1", "-m", dialect);
        assertEquals(0, ok.exit(), dialect + ": " + ok.output());
      }
      Result bad = smbclient(g.port(), "data", "alice%wrong");
      assertTrue(bad.output().contains("NT_STATUS_LOGON_FAILURE"), bad.output());
      Result unknown = smbclient(g.port(), "nosuch", "alice%Secret-1");
      assertTrue(unknown.output().contains("NT_STATUS_BAD_NETWORK_NAME"), unknown.output());
      // a share added while the node runs is served at once (no restart, no reload)
      join(new ShareConfig(kv).add(new ShareRecord("later", "/", "", false, false, false)));
      assertEquals(0, smbclient(g.port(), "later", "alice%Secret-1").exit());
      NodeRecord me = view().nodes().get("node-a");
      assertEquals(NodeStatus.UP, me.status());
      assertEquals(g.incarnation(), me.incarnation());
    } finally {
      g.close();
    }
    assertEquals(NodeStatus.LEFT, view().nodes().get("node-a").status());
  }

  @Test
  void listsTheSharesInRadosOverDceRpcThroughTheEndpointMapper() throws Exception {
    // rpcclient always asks the endpoint mapper on port 135
    GatewayNode g =
        GatewayNode.start(
            new GatewayNode.Bootstrap(
                    cluster.confPath(),
                    cluster.clientId(),
                    cluster.statePool(),
                    ns,
                    "node-rpc",
                    "127.0.0.1",
                    0)
                .withRpc(135, 0));
    try {
      assertEquals(135, g.epmapperPort());
      Process p =
          new ProcessBuilder(
                  "rpcclient",
                  "-U",
                  "alice%Secret-1",
                  "ncacn_ip_tcp:127.0.0.1[sign]",
                  "-c",
                  "netshareenumall 1")
              .redirectErrorStream(true)
              .start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "rpcclient hung");
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.contains("netname: data"), out);
      assertTrue(out.contains("netname: IPC$"), out);
    } finally {
      g.close();
    }
  }

  @Test
  void aFencedNodeStopsServing() throws Exception {
    GatewayNode g = start("node-b");
    try {
      int port = g.port();
      NodeRecord rec = view().nodes().get("node-b");
      // the leader of the others fences it (here: directly, as a leader that judged it dead)
      join(
          new Fencer(admin, new ClusterState(kv, ClusterState.DEFAULT_OID), Duration.ofMinutes(10))
              .fence(rec, null));
      String reason = g.fenced().get(30, TimeUnit.SECONDS);
      assertTrue(!reason.isEmpty());
      assertEquals(NodeStatus.DOWN, view().nodes().get("node-b").status());
      java.net.InetSocketAddress addr =
          new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port);
      assertThrows(
          IOException.class,
          () -> {
            try (Socket s = new Socket()) {
              s.connect(addr, 2000);
            }
          },
          "port closed");
    } finally {
      g.close();
    }
  }
}
