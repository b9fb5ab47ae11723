package io.cephsmb.radoslock;

import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.LockBusyException;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.WriteOp;
import io.cephsmb.omapkv.memory.MemoryClient;
import io.cephsmb.omapkv.memory.MemoryCluster;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mutex on the twin: acquisition, exclusion, renewal, loss and takeover. */
class ClusterMutexTest {
  private MemoryCluster cluster;
  private ScheduledExecutorService timer;

  @BeforeEach
  void setUp() {
    cluster = new MemoryCluster().createPool("p");
    timer = Executors.newScheduledThreadPool(2);
  }

  @AfterEach
  void tearDown() {
    timer.shutdownNow();
    cluster.close();
  }

  /** Records the listener's events. */
  static final class Events implements ClusterMutex.Listener {
    final BlockingQueue<String> q = new LinkedBlockingQueue<>();

    @Override
    public void acquired() {
      q.add("acquired");
    }

    @Override
    public void lost(String reason) {
      q.add("lost: " + reason);
    }

    String next(long ms) throws InterruptedException {
      return q.poll(ms, TimeUnit.MILLISECONDS);
    }
  }

  private ClusterMutex mutex(ObjectStore s, String cookie, Duration d, Events ev) {
    return new ClusterMutex(s, "cluster.state", "leader", cookie, d, timer, ev);
  }

  @Test
  void onlyOneHolderAndItRenewsPastTheDuration() throws Exception {
    ObjectStore s1 = cluster.connect().store("p", "");
    ObjectStore s2 = cluster.connect().store("p", "");
    Events e1 = new Events();
    Events e2 = new Events();
    try (ClusterMutex m1 = mutex(s1, "a", Duration.ofMillis(600), e1);
        ClusterMutex m2 = mutex(s2, "b", Duration.ofMillis(600), e2)) {
      assertTrue(join(m1.tryAcquire()));
      assertEquals("acquired", e1.next(1000));
      assertFalse(join(m2.tryAcquire()));
      Thread.sleep(1500); // well past one duration: renewals keep it
      assertTrue(m1.isHeld());
      assertFalse(join(m2.tryAcquire()));
      assertEquals(null, e1.next(0), "no loss reported");
    }
  }

  @Test
  void aCrashedHoldersLockIsTakenOverWithinTheDuration() throws Exception {
    MemoryClient c1 = cluster.connect();
    ObjectStore s2 = cluster.connect().store("p", "");
    Events e1 = new Events();
    Events e2 = new Events();
    Duration d = Duration.ofMillis(800);
    try (ClusterMutex m1 = mutex(c1.store("p", ""), "a", d, e1);
        ClusterMutex m2 = mutex(s2, "b", d, e2)) {
      assertTrue(join(m1.tryAcquire()));
      assertEquals("acquired", e1.next(1000));
      long t0 = System.nanoTime();
      c1.crash();
      m2.acquireLoop(Duration.ofMillis(50));
      assertEquals("acquired", e2.next(3000));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms <= d.toMillis() + 2000, "took over after " + ms + " ms");
      String lost = e1.next(3000);
      assertTrue(lost != null && lost.startsWith("lost"), "the crashed holder notices: " + lost);
      assertFalse(m1.isHeld());
    }
  }

  @Test
  void theGuardRefusesWritesOfAHolderThatLostTheLock() throws Exception {
    MemoryClient c1 = cluster.connect();
    ObjectStore s1 = c1.store("p", "");
    ObjectStore s2 = cluster.connect().store("p", "");
    Events e1 = new Events();
    Events e2 = new Events();
    ClusterMutex m1 = mutex(s1, "a", Duration.ofMillis(500), e1);
    ClusterMutex m2 = mutex(s2, "b", Duration.ofSeconds(5), e2);
    try {
      assertTrue(join(m1.tryAcquire()));
      join(
          s1.write(
              "cluster.state",
              WriteOp.builder().add(m1.guard()).omapSet("k", Bytes.utf8("1")).build()));
      m1.close(); // stops renewing and unlocks, like a holder that lost it
      assertTrue(join(m2.tryAcquire()));
      assertThrows(
          LockBusyException.class,
          () ->
              join(
                  s1.write(
                      "cluster.state",
                      WriteOp.builder()
                          .add(m1.guard())
                          .omapSet("k", Bytes.utf8("stale"))
                          .build())));
      join(
          s2.write(
              "cluster.state",
              WriteOp.builder().add(m2.guard()).omapSet("k", Bytes.utf8("2")).build()));
    } finally {
      m2.close();
    }
  }

  @Test
  void closeReleasesTheLock() throws Exception {
    ObjectStore s1 = cluster.connect().store("p", "");
    ObjectStore s2 = cluster.connect().store("p", "");
    Events e2 = new Events();
    ClusterMutex m1 = mutex(s1, "a", Duration.ofSeconds(30), new Events());
    assertTrue(join(m1.tryAcquire()));
    m1.close();
    try (ClusterMutex m2 = mutex(s2, "b", Duration.ofSeconds(30), e2)) {
      assertTrue(join(m2.tryAcquire()), "released at once, not after 30 s");
    }
  }
}
