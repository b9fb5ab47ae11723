package io.cephsmb.radoslock;

import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.omapkv.BlocklistedException;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.WriteOp;
import io.cephsmb.omapkv.memory.MemoryClient;
import io.cephsmb.omapkv.memory.MemoryCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Membership, leadership and fencing on the twin, with fast timings. */
class ClusterNodeTest {
  private MemoryCluster cluster;

  @BeforeEach
  void setUp() {
    cluster = new MemoryCluster().createPool("p");
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  static ClusterNode.Config fast(String id) {
    return new ClusterNode.Config(
        id,
        List.of("127.0.0.1:4450"),
        "cluster.state",
        Duration.ofMillis(100),
        Duration.ofMillis(900),
        Duration.ofMillis(400),
        Duration.ofMillis(900),
        Duration.ofMinutes(5));
  }

  static void await(String what, long ms, BooleanSupplier cond) throws InterruptedException {
    long end = System.nanoTime() + ms * 1_000_000;
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  static final class Fenced implements ClusterNode.Listener {
    final CountDownLatch latch = new CountDownLatch(1);
    volatile String reason;

    @Override
    public void fenced(String r) {
      reason = r;
      latch.countDown();
    }
  }

  @Test
  void nodesJoinEpochsGrowAndOneLeads() throws Exception {
    try (ClusterNode a = new ClusterNode(cluster.connect(), "p", "", fast("a"), new Fenced());
        ClusterNode b = new ClusterNode(cluster.connect(), "p", "", fast("b"), new Fenced())) {
      ClusterView va = join(a.start());
      assertEquals(1, va.epoch());
      join(b.start());
      await("a sees b", 2000, () -> a.view() != null && a.view().nodes().containsKey("b"));
      assertEquals(2, a.view().epoch());
      assertEquals(NodeStatus.UP, a.view().nodes().get("b").status());
      await("a leader", 2000, () -> a.isLeader() || b.isLeader());
      Thread.sleep(300);
      assertTrue(a.isLeader() ^ b.isLeader(), "exactly one leader");
    }
  }

  @Test
  void aSilentNodeIsSuspectedThenFencedAndCannotWrite() throws Exception {
    MemoryClient bc = cluster.connect();
    Fenced bl = new Fenced();
    ClusterNode b = new ClusterNode(bc, "p", "", fast("b"), bl);
    try (ClusterNode a = new ClusterNode(cluster.connect(), "p", "", fast("a"), new Fenced())) {
      join(a.start());
      await("a leader", 3000, a::isLeader);
      join(b.start());
      long incB = b.incarnation();
      b.close(); // b goes silent, like a paused process: no heartbeats, no leave
      await(
          "b suspected",
          3000,
          () ->
              a.view().nodes().get("b").status() == NodeStatus.SUSPECT
                  || a.view().nodes().get("b").status() == NodeStatus.DOWN);
      await("b down", 5000, () -> a.view().nodes().get("b").status() == NodeStatus.DOWN);
      assertEquals(incB, a.view().nodes().get("b").incarnation());
      assertThrows(
          BlocklistedException.class,
          () ->
              join(
                  bc.store("p", "")
                      .write(
                          "cluster.state",
                          WriteOp.builder().omapSet("x", Bytes.utf8("late")).build())));
      assertTrue(a.view().epoch() >= 4, "join a, join b, suspect, down: " + a.view().epoch());
    }
  }

  @Test
  void aFencedNodeThatComesBackNoticesAndStops() throws Exception {
    MemoryClient bc = cluster.connect();
    Fenced bl = new Fenced();
    try (ClusterNode a = new ClusterNode(cluster.connect(), "p", "", fast("a"), new Fenced())) {
      join(a.start());
      await("a leader", 3000, a::isLeader);
      ClusterNode b = new ClusterNode(bc, "p", "", fast("b"), bl);
      join(b.start());
      // b is alive: fence it directly, as a leader that judged it dead would
      NodeRecord rec = a.view().nodes().get("b");
      join(
          new Fencer(cluster.connect(), a.state(), Duration.ofMinutes(5))
              .fence(rec, a.leaderGuard()));
      assertTrue(bl.latch.await(3, TimeUnit.SECONDS), "b noticed it was fenced");
      assertTrue(bl.reason != null && !bl.reason.isEmpty());
      assertTrue(!b.isLeader());
    }
  }

  @Test
  void aCleanLeaveIsLeftNotDown() throws Exception {
    try (ClusterNode a = new ClusterNode(cluster.connect(), "p", "", fast("a"), new Fenced())) {
      join(a.start());
      ClusterNode b = new ClusterNode(cluster.connect(), "p", "", fast("b"), new Fenced());
      join(b.start());
      join(b.leave());
      await("b left", 2000, () -> a.view().nodes().get("b").status() == NodeStatus.LEFT);
    }
  }
}
