package io.cephsmb.omapkv.rados;

import static io.cephsmb.omapkv.rados.RadosTestSupport.await;
import static io.cephsmb.omapkv.rados.RadosTestSupport.b;
import static io.cephsmb.omapkv.rados.RadosTestSupport.failure;
import static io.cephsmb.omapkv.rados.RadosTestSupport.snapshot;
import static io.cephsmb.omapkv.rados.RadosTestSupport.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceph.rados.Rados;
import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.ReadOp;
import io.cephsmb.omapkv.TimedOutException;
import io.cephsmb.omapkv.WriteOp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-operation timeouts: with client I/O paused cluster-wide ({@code ceph osd pause}) a write and
 * a read with a timeout fail with {@link TimedOutException}; the write librados still holds is sent
 * after {@code osd unpause} and applied.
 */
@ExtendWith(CephDevClusterExtension.class)
class LibradosTimeoutIT {

  private static void mon(Rados admin, String prefix) throws Exception {
    admin.executeRadosMonCommand(new String[] {"{\"prefix\": \"" + prefix + "\"}"}, "");
  }

  @Test
  void timedOutOperationsFailAndTheirNativeOpCompletesLater(DevCluster cluster) throws Exception {
    Rados admin = new Rados(cluster.clientId());
    admin.confReadFile(cluster.confPath().toFile());
    admin.connect();
    try (LibradosClient c = RadosTestSupport.connect(cluster)) {
      ObjectStore s = c.store(cluster.statePool(), unique("ns-timeout"));
      String oid = unique("paused");
      await(s.write(oid, WriteOp.builder().omapSet("k", b("before")).build()));
      CompletableFuture<Long> late;
      try {
        mon(admin, "osd pause");
        await(c.waitForLatestOsdMap());
        long start = System.nanoTime();
        late =
            s.write(
                oid,
                WriteOp.builder().omapSet("k", b("late")).timeout(Duration.ofSeconds(1)).build());
        TimedOutException w = failure(TimedOutException.class, late);
        assertEquals(Errno.ETIMEDOUT, w.errno());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 900 && ms < 10_000, "failed after about a second: " + ms);
        failure(
            TimedOutException.class,
            s.read(oid, ReadOp.builder().stat().timeout(Duration.ofMillis(300)).build()));
      } finally {
        mon(admin, "osd unpause");
      }
      await(c.waitForLatestOsdMap());
      Bytes seen = null;
      for (int i = 0; i < 100 && !b("late").equals(seen); i++) {
        seen = snapshot(s, oid).vals().get("k");
        Thread.sleep(100);
      }
      assertEquals(b("late"), seen, "the timed-out write was still sent once I/O resumed");
    } finally {
      admin.shutDown();
    }
  }
}
