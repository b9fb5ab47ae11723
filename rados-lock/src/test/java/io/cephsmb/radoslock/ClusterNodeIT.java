package io.cephsmb.radoslock;

import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.omapkv.BlocklistedException;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.WriteOp;
import io.cephsmb.omapkv.rados.LibradosClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Membership, leadership and fencing with real RADOS clients (one per node). */
@ExtendWith(CephDevClusterExtension.class)
class ClusterNodeIT {
  private final DevCluster cluster;

  ClusterNodeIT(DevCluster cluster) {
    this.cluster = cluster;
  }

  static ClusterNode.Config timing(String id) {
    return new ClusterNode.Config(
        id,
        List.of("127.0.0.1:445"),
        ClusterState.DEFAULT_OID,
        Duration.ofMillis(250),
        Duration.ofSeconds(2),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofMinutes(10));
  }

  @Test
  void aSilentNodeIsFencedByTheLeaderAndItsClientCanNoLongerWrite() throws Exception {
    String ns = "node-" + UUID.randomUUID();
    LibradosClient ca = LibradosClient.connect(cluster.confPath(), cluster.clientId());
    LibradosClient cb = LibradosClient.connect(cluster.confPath(), cluster.clientId());
    ClusterNodeTest.Fenced fb = new ClusterNodeTest.Fenced();
    ClusterNode b = new ClusterNode(cb, cluster.statePool(), ns, timing("b"), fb);
    try (ClusterNode a =
        new ClusterNode(ca, cluster.statePool(), ns, timing("a"), new ClusterNodeTest.Fenced())) {
      join(a.start());
      ClusterNodeTest.await("a leads", 10_000, a::isLeader);
      join(b.start());
      ClusterNodeTest.await("a sees b up", 5000, () -> a.view().nodes().containsKey("b"));
      long incB = b.incarnation();
      String addrB = cb.address();
      b.close(); // b falls silent without leaving, like a hung process
      ClusterNodeTest.await(
          "b down", 15_000, () -> a.view().nodes().get("b").status() == NodeStatus.DOWN);
      NodeRecord rb = a.view().nodes().get("b");
      assertEquals(incB, rb.incarnation());
      assertEquals(addrB, rb.radosAddress());
      assertThrows(
          BlocklistedException.class,
          () ->
              join(
                  cb.store(cluster.statePool(), ns)
                      .write(
                          "cluster.state",
                          WriteOp.builder().omapSet("late", Bytes.utf8("x")).build())));
      assertTrue(a.view().epoch() >= 4, "epoch " + a.view().epoch());
    } finally {
      ca.close();
      cb.close();
    }
  }
}
