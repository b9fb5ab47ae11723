package io.cephsmb.radoslock;

import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.NotifyResult;
import io.cephsmb.omapkv.NotifyResult.WatcherId;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.WriteOp;
import io.cephsmb.omapkv.rados.LibradosClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster mutex, fencing, transactions and notify across real processes on the real dev
 * cluster: each {@link Probe} is a separate JVM with its own RADOS client.
 */
@ExtendWith(CephDevClusterExtension.class)
class MultiProcessIT {
  private final DevCluster cluster;
  private String ns;
  private LibradosClient client;
  private ObjectStore store;

  MultiProcessIT(DevCluster cluster) {
    this.cluster = cluster;
  }

  @BeforeEach
  void connect() {
    ns = "mp-" + UUID.randomUUID();
    client = LibradosClient.connect(cluster.confPath(), cluster.clientId());
    store = client.store(cluster.statePool(), ns);
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void afterSigkillOfTheHolderTheOtherHoldsWithinTheDurationPlusTwoSeconds() throws Exception {
    long durationMs = 3000;
    try (Probe a = new Probe(cluster, ns, "mutex", "cluster.state", "" + durationMs, "200");
        Probe b = new Probe(cluster, ns, "mutex", "cluster.state", "" + durationMs, "200")) {
      String ga = a.poll("ACQUIRED", 15_000);
      Probe holder = ga != null ? a : b;
      Probe other = ga != null ? b : a;
      if (ga == null) {
        holder.expect("ACQUIRED", 15_000);
      }
      assertEquals(null, other.poll("ACQUIRED", 1000), "only one holder");
      holder.signal("KILL");
      long t0 = System.nanoTime();
      other.expect("ACQUIRED", durationMs + 2000);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms <= durationMs + 2000, "took over after " + ms + " ms");
    }
  }

  @Test
  void aStoppedHolderIsFencedAndNoneOfItsWritesLandsAfterward() throws Exception {
    long durationMs = 3000;
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    try (Probe h = new Probe(cluster, ns, "mutex", "cluster.state", "" + durationMs, "100")) {
      h.expect("ACQUIRED", 15_000);
      h.expect("WROTE 3", 5000);
      h.signal("STOP");
      String key = "writes.probe-" + h.process.pid();

      // the survivor takes the lock once it expires, fences the stopped holder, then looks
      ClusterMutex m =
          new ClusterMutex(
              store,
              "cluster.state",
              "leader",
              "survivor",
              Duration.ofMillis(durationMs),
              timer,
              new ClusterMutex.Listener() {
                @Override
                public void acquired() {}

                @Override
                public void lost(String reason) {}
              });
      m.acquireLoop(Duration.ofMillis(100));
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMs + 5000);
      while (!m.isHeld()) {
        assertTrue(System.nanoTime() < deadline, "survivor never got the lock");
        Thread.sleep(50);
      }
      join(client.blocklistAdd(h.address, Duration.ofMinutes(10)));
      join(client.waitForLatestOsdMap());
      Bytes atFence = read(key);
      assertNotNull(atFence);

      h.signal("CONT");
      // it notices: the renewal fails or its next write is refused as fenced
      String noticed = h.expect("FENCED", 15_000);
      assertTrue(
          h.all.stream().anyMatch(l -> l.startsWith("LOST") || l.startsWith("FENCED")), noticed);
      assertTrue(h.process.waitFor(10, TimeUnit.SECONDS), "the fenced probe exits");
      assertEquals(atFence, read(key), "no write of the stopped holder landed after fencing");
      // the survivor's own guarded writes still go through
      join(
          store.write(
              "cluster.state",
              WriteOp.builder().add(m.guard()).omapSet("ok", Bytes.utf8("1")).build()));
      m.close();
    } finally {
      timer.shutdownNow();
    }
  }

  private Bytes read(String key) {
    SortedMap<String, Bytes> m = join(new KvStore(store).get("cluster.state", key));
    return m.get(key);
  }

  @Test
  void twoProcessesTimesSixteenThreadsLoseNoIncrement() throws Exception {
    int total = 10_000;
    long t0 = System.nanoTime();
    try (Probe p1 = new Probe(cluster, ns, "counter", "ctr", "16", "" + total / 2);
        Probe p2 = new Probe(cluster, ns, "counter", "ctr", "16", "" + total / 2)) {
      p1.expect("DONE", 600_000);
      p2.expect("DONE", 600_000);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    Bytes v = join(new KvStore(store).get("ctr", "counter")).get("counter");
    assertEquals(total, ByteBuffer.wrap(v.toArray()).getLong());
    System.out.printf(
        "2 processes x 16 threads, %d increments of one key: %d ms, %.0f commits/s%n",
        total, ms, total * 1000.0 / ms);
  }

  @Test
  void aNotifyToAKilledWatcherListsItAsTimedOutWithinTheTimeout() throws Exception {
    join(store.write("watched", WriteOp.builder().omapSet("k", Bytes.utf8("v")).build()));
    try (Probe w = new Probe(cluster, ns, "watch", "watched")) {
      long cookie = Long.parseLong(w.expect("WATCHING ", 15_000).split(" ")[1]);
      WatcherId id = new WatcherId(w.instanceId, cookie);
      NotifyResult alive = join(store.notify("watched", Bytes.utf8("ping"), Duration.ofSeconds(5)));
      assertEquals(Map.of(id, Bytes.utf8("alive")), alive.acks());
      w.signal("KILL");
      assertTrue(w.process.waitFor(10, TimeUnit.SECONDS));
      long t0 = System.nanoTime();
      NotifyResult dead = join(store.notify("watched", Bytes.utf8("ping"), Duration.ofSeconds(3)));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(java.util.Set.of(id), dead.timedOut());
      assertEquals(Map.of(), dead.acks());
      assertTrue(ms < 3000 + 2000, "notify came back after " + ms + " ms");
    }
  }
}
