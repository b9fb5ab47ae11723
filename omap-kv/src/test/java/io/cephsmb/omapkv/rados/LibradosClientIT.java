package io.cephsmb.omapkv.rados;

import static io.cephsmb.omapkv.rados.RadosTestSupport.await;
import static io.cephsmb.omapkv.rados.RadosTestSupport.b;
import static io.cephsmb.omapkv.rados.RadosTestSupport.failure;
import static io.cephsmb.omapkv.rados.RadosTestSupport.snapshot;
import static io.cephsmb.omapkv.rados.RadosTestSupport.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.omapkv.BlocklistedException;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.PoolNotFoundException;
import io.cephsmb.omapkv.ReadOp;
import io.cephsmb.omapkv.WriteOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client: identity, pools, fencing by blocklist, concurrency, threads, listing. */
@ExtendWith(CephDevClusterExtension.class)
class LibradosClientIT {

  @Test
  void identityAndMissingPool(DevCluster cluster) {
    try (LibradosClient c = RadosTestSupport.connect(cluster);
        LibradosClient d = RadosTestSupport.connect(cluster)) {
      assertTrue(c.instanceId() > 0);
      assertNotEquals(c.instanceId(), d.instanceId());
      assertTrue(c.address().matches("[0-9.]+:[0-9]+/[0-9]+"), c.address());
      PoolNotFoundException e =
          assertThrows(PoolNotFoundException.class, () -> c.store(unique("nopool"), ""));
      assertEquals(Errno.ENOENT, e.errno());
    }
  }

  @Test
  void aBlocklistedClientCannotWriteAndTheObjectKeepsItsValue(DevCluster cluster) {
    String ns = unique("ns-fence");
    String oid = unique("fenced");
    try (LibradosClient fencer = RadosTestSupport.connect(cluster);
        LibradosClient victim = RadosTestSupport.connect(cluster)) {
      ObjectStore v = victim.store(cluster.statePool(), ns);
      ObjectStore f = fencer.store(cluster.statePool(), ns);
      await(v.write(oid, WriteOp.builder().omapSet("owner", b("victim-1")).build()));

      await(fencer.blocklistAdd(victim.address(), Duration.ofMinutes(10)));
      await(fencer.waitForLatestOsdMap());

      BlocklistedException e =
          failure(
              BlocklistedException.class,
              v.write(
                  oid,
                  WriteOp.builder()
                      .omapSet("owner", b("victim-2"))
                      .timeout(Duration.ofSeconds(30))
                      .build()));
      assertEquals(Errno.ESHUTDOWN, e.errno());
      assertEquals(b("victim-1"), snapshot(f, oid).vals().get("owner"));
      await(f.write(oid, WriteOp.builder().omapSet("owner", b("fencer")).build()));
      assertEquals(b("fencer"), snapshot(f, oid).vals().get("owner"));
    }
  }

  @Test
  void concurrentAsyncWritesAllCompleteOnTheClientsThreads(DevCluster cluster) {
    try (LibradosClient c = RadosTestSupport.connect(cluster)) {
      ObjectStore s = c.store(cluster.statePool(), unique("ns-many"));
      String caller = Thread.currentThread().getName();
      // A continuation attached before the write completes runs on the thread that completes it;
      // one attached after completion runs on the attaching thread (CompletableFuture's rule), so
      // only the former says which thread completed the write.
      List<java.util.concurrent.atomic.AtomicReference<String>> observed = new ArrayList<>();
      List<CompletableFuture<Long>> writes = new ArrayList<>();
      for (int i = 0; i < 256; i++) {
        java.util.concurrent.atomic.AtomicReference<String> ran =
            new java.util.concurrent.atomic.AtomicReference<>();
        CompletableFuture<Long> w =
            s.write(
                    "obj-" + i,
                    WriteOp.builder()
                        .omapSet("i", b(Integer.toString(i)))
                        .writeFull(b("d"))
                        .build())
                .whenComplete((v, e) -> ran.set(Thread.currentThread().getName()));
        if (!w.isDone()) {
          observed.add(ran);
        }
        writes.add(w);
      }
      CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).join();
      for (CompletableFuture<Long> w : writes) {
        assertTrue(w.join() > 0);
      }
      assertFalse(observed.isEmpty(), "some writes were still in flight when observed");
      for (java.util.concurrent.atomic.AtomicReference<String> r : observed) {
        String t = r.get();
        assertTrue(t.startsWith("cephsmb-rados-") && t.contains("-cb-"), t);
        assertNotEquals(caller, t);
      }
      for (int i = 0; i < 256; i += 51) {
        assertEquals(
            b(Integer.toString(i)),
            await(s.read("obj-" + i, ReadOp.builder().omapGetByKeys("i").build()))
                .byKeys()
                .get("i"));
      }
      List<String> names = await(s.listObjects());
      assertEquals(256, names.size());
      assertEquals("obj-0", names.get(0));
      assertEquals(names.stream().sorted().toList(), names);
    }
  }

  @Test
  void storesOfOneClientAreSeparatedByNamespace(DevCluster cluster) {
    try (LibradosClient c = RadosTestSupport.connect(cluster)) {
      ObjectStore one = c.store(cluster.statePool(), unique("ns-one"));
      ObjectStore two = c.store(cluster.statePool(), unique("ns-two"));
      await(one.write("same", WriteOp.builder().omapSet("k", b("one")).build()));
      await(two.write("same", WriteOp.builder().omapSet("k", b("two")).build()));
      assertEquals(b("one"), snapshot(one, "same").vals().get("k"));
      assertEquals(b("two"), snapshot(two, "same").vals().get("k"));
      assertEquals(List.of("same"), await(one.listObjects()));
    }
  }
}
