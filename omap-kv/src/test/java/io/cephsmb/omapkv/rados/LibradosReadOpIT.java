package io.cephsmb.omapkv.rados;

import static io.cephsmb.omapkv.rados.RadosTestSupport.await;
import static io.cephsmb.omapkv.rados.RadosTestSupport.b;
import static io.cephsmb.omapkv.rados.RadosTestSupport.failure;
import static io.cephsmb.omapkv.rados.RadosTestSupport.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.CmpOp;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.GuardFailedException;
import io.cephsmb.omapkv.ObjectNotFoundException;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.ReadOp;
import io.cephsmb.omapkv.ReadResult;
import io.cephsmb.omapkv.WriteOp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every read step, the read guards, and omap pagination past 1,000 keys. */
@ExtendWith(CephDevClusterExtension.class)
class LibradosReadOpIT {
  private static LibradosClient client;
  private static ObjectStore store;

  @BeforeAll
  static void connect(DevCluster cluster) {
    client = RadosTestSupport.connect(cluster);
    store = client.store(cluster.statePool(), unique("ns-read"));
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void everyReadStep() {
    String oid = unique("read");
    Instant before = Instant.now().minusSeconds(2);
    long v =
        await(
            store.write(
                oid,
                WriteOp.builder()
                    .omapSet(Map.of("k1", b("v1"), "k2", b("v2"), "k3", Bytes.EMPTY))
                    .writeFull(b("0123456789"))
                    .setXattr("attr", b("value"))
                    .build()));
    ReadResult r =
        await(
            store.read(
                oid,
                ReadOp.builder()
                    .assertExists()
                    .assertVersion(v)
                    .omapCmp("k1", CmpOp.EQ, b("v1"))
                    .omapGetByKeys("k1", "k3", "absent")
                    .omapGetVals("k1", "k", 10)
                    .readData(2, 5)
                    .stat()
                    .getXattr("attr")
                    .getXattr("absent")
                    .build()));
    assertEquals(v, r.version());
    assertEquals(Map.of("k1", b("v1"), "k3", Bytes.EMPTY), r.byKeys());
    assertEquals(Map.of("k2", b("v2"), "k3", Bytes.EMPTY), r.vals());
    assertFalse(r.more());
    assertEquals(b("23456"), r.data());
    assertEquals(10, r.size());
    assertTrue(r.mtime().isAfter(before) && r.mtime().isBefore(Instant.now().plusSeconds(2)));
    assertEquals(Map.of("attr", b("value")), r.xattrs());

    ReadResult tail = await(store.read(oid, ReadOp.builder().readData(8, 100).build()));
    assertEquals(b("89"), tail.data(), "short read at the end");
    assertNull(tail.mtime());
    assertEquals(-1, tail.size());
  }

  @Test
  void guardsFailTheRead() {
    String oid = unique("read-guards");
    long v = await(store.write(oid, WriteOp.builder().omapSet("k", b("v")).build()));
    GuardFailedException cmp =
        failure(
            GuardFailedException.class,
            store.read(
                oid,
                ReadOp.builder().omapCmp("k", CmpOp.GT, b("v")).omapGetVals("", "", 1).build()));
    assertEquals(Errno.ECANCELED, cmp.errno());
    GuardFailedException ver =
        failure(
            GuardFailedException.class,
            store.read(oid, ReadOp.builder().assertVersion(v + 1).stat().build()));
    assertEquals(Errno.EOVERFLOW, ver.errno());
    // a missing key is the empty value in a read guard too
    ReadResult r =
        await(
            store.read(
                oid,
                ReadOp.builder()
                    .omapCmp("nokey", CmpOp.EQ, Bytes.EMPTY)
                    .omapGetByKeys("k")
                    .build()));
    assertEquals(b("v"), r.byKeys().get("k"));
  }

  @Test
  void aMissingObjectFailsEveryRead() {
    String oid = unique("read-missing");
    failure(ObjectNotFoundException.class, store.read(oid, ReadOp.builder().stat().build()));
    failure(
        ObjectNotFoundException.class,
        store.read(oid, ReadOp.builder().omapGetVals("", "", 10).build()));
    failure(
        ObjectNotFoundException.class,
        store.read(oid, ReadOp.builder().assertExists().omapGetByKeys("k").build()));
  }

  @Test
  void omapPaginationPastAThousandKeysWithPrefixAndStartAfter() {
    String oid = unique("page");
    TreeMap<String, Bytes> all = new TreeMap<>();
    for (int i = 0; i < 1500; i++) {
      all.put(String.format("p/%05d", i), b("v" + i));
    }
    for (int i = 0; i < 300; i++) {
      all.put(String.format("q/%05d", i), b("w" + i));
    }
    all.put("a", b("before"));
    List<String> keys = new ArrayList<>(all.keySet());
    for (int i = 0; i < keys.size(); i += 500) {
      TreeMap<String, Bytes> chunk = new TreeMap<>();
      for (String k : keys.subList(i, Math.min(keys.size(), i + 500))) {
        chunk.put(k, all.get(k));
      }
      await(store.write(oid, WriteOp.builder().omapSet(chunk).build()));
    }

    ReadResult first = await(store.read(oid, ReadOp.builder().omapGetVals("", "p/", 1000).build()));
    assertEquals(1000, first.vals().size());
    assertTrue(first.more());
    assertEquals("p/00000", first.vals().firstKey());
    assertEquals("p/00999", first.vals().lastKey());
    ReadResult second =
        await(
            store.read(
                oid, ReadOp.builder().omapGetVals(first.vals().lastKey(), "p/", 1000).build()));
    assertEquals(500, second.vals().size());
    assertFalse(second.more(), "the prefix is exhausted");
    assertEquals("p/01000", second.vals().firstKey());
    assertEquals(b("v1499"), second.vals().get("p/01499"));

    // every key, in pages of 700
    TreeMap<String, Bytes> seen = new TreeMap<>();
    String after = "";
    boolean more = true;
    int pages = 0;
    while (more) {
      ReadResult p = await(store.read(oid, ReadOp.builder().omapGetVals(after, "", 700).build()));
      seen.putAll(p.vals());
      more = p.more();
      after = p.vals().lastKey();
      pages++;
    }
    assertEquals(all, seen);
    assertEquals(3, pages);

    ReadResult big = await(store.read(oid, ReadOp.builder().omapGetVals("", "", 5000).build()));
    // the OSD caps a page at osd_max_omap_entries_per_request (1024 by default)
    assertEquals(1024, big.vals().size());
    assertTrue(big.more());
    assertEquals(keys.subList(0, 1024), new ArrayList<>(big.vals().keySet()));
  }

  @Test
  void timeoutLongerThanTheOperationDoesNotFire() {
    String oid = unique("timeout");
    await(store.write(oid, WriteOp.builder().omapSet("k", b("v")).build()));
    ReadResult r =
        await(
            store.read(
                oid, ReadOp.builder().omapGetByKeys("k").timeout(Duration.ofSeconds(30)).build()));
    assertEquals(b("v"), r.byKeys().get("k"));
  }
}
