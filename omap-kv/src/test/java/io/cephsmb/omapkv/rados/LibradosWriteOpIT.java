package io.cephsmb.omapkv.rados;

import static io.cephsmb.omapkv.rados.RadosTestSupport.await;
import static io.cephsmb.omapkv.rados.RadosTestSupport.b;
import static io.cephsmb.omapkv.rados.RadosTestSupport.failure;
import static io.cephsmb.omapkv.rados.RadosTestSupport.snapshot;
import static io.cephsmb.omapkv.rados.RadosTestSupport.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.CmpOp;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.GuardFailedException;
import io.cephsmb.omapkv.InvalidArgumentException;
import io.cephsmb.omapkv.ObjectNotFoundException;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.ReadOp;
import io.cephsmb.omapkv.ReadResult;
import io.cephsmb.omapkv.WriteOp;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every write step and every guard, passing and failing (then nothing is applied). */
@ExtendWith(CephDevClusterExtension.class)
class LibradosWriteOpIT {
  private static LibradosClient client;
  private static ObjectStore store;

  @BeforeAll
  static void connect(DevCluster cluster) {
    client = RadosTestSupport.connect(cluster);
    store = client.store(cluster.statePool(), unique("ns-write"));
  }

  @AfterAll
  static void close() {
    client.close();
  }

  private static long seed(String oid) {
    return await(
        store.write(
            oid,
            WriteOp.builder()
                .omapSet(Map.of("a", b("1"), "b", b("2")))
                .writeFull(b("data"))
                .setXattr("x", b("xv"))
                .build()));
  }

  private static boolean exists(String oid) {
    try {
      await(store.read(oid, ReadOp.builder().stat().build()));
      return true;
    } catch (ObjectNotFoundException e) {
      return false;
    }
  }

  @Test
  void mutationsCreateTheObjectAndApplyInOrder() {
    String oid = unique("steps");
    long v1 = seed(oid);
    ReadResult r = snapshot(store, oid);
    assertEquals(v1, r.version());
    assertEquals(Map.of("a", b("1"), "b", b("2")), r.vals());
    assertEquals(b("data"), r.data());

    long v2 =
        await(
            store.write(
                oid,
                WriteOp.builder()
                    .omapRemove("a")
                    .omapSet("c", b("3"))
                    .writeFull(b("new"))
                    .setXattr("y", Bytes.EMPTY)
                    .build()));
    assertTrue(v2 > v1, "the version grows: " + v1 + " -> " + v2);
    r =
        await(
            store.read(
                oid,
                ReadOp.builder()
                    .omapGetVals("", "", 100)
                    .readData(0, 100)
                    .getXattr("x")
                    .getXattr("y")
                    .getXattr("missing")
                    .build()));
    assertEquals(Map.of("b", b("2"), "c", b("3")), r.vals());
    assertEquals(b("new"), r.data());
    assertEquals(Map.of("x", b("xv"), "y", Bytes.EMPTY), r.xattrs());

    await(store.write(oid, WriteOp.builder().omapClear().build()));
    assertTrue(snapshot(store, oid).vals().isEmpty());

    await(store.write(oid, WriteOp.builder().remove().build()));
    assertEquals(false, exists(oid));
    ObjectNotFoundException gone =
        failure(
            ObjectNotFoundException.class, store.write(oid, WriteOp.builder().remove().build()));
    assertEquals(Errno.ENOENT, gone.errno());
  }

  @Test
  void createIdempotentAndExclusive() {
    String oid = unique("create");
    await(store.write(oid, WriteOp.builder().create(true).build()));
    assertTrue(exists(oid));
    await(store.write(oid, WriteOp.builder().create(false).build()));
    GuardFailedException e =
        failure(
            GuardFailedException.class,
            store.write(oid, WriteOp.builder().create(true).omapSet("k", b("v")).build()));
    assertEquals(Errno.EEXIST, e.errno());
    assertTrue(snapshot(store, oid).vals().isEmpty(), "nothing applied");
  }

  @Test
  void assertExists() {
    String oid = unique("exists");
    failure(
        ObjectNotFoundException.class,
        store.write(oid, WriteOp.builder().assertExists().omapSet("k", b("v")).build()));
    assertEquals(false, exists(oid), "the failed op did not create the object");
    seed(oid);
    await(store.write(oid, WriteOp.builder().assertExists().omapSet("k", b("v")).build()));
    assertEquals(b("v"), snapshot(store, oid).vals().get("k"));
  }

  @Test
  void assertVersionExactOlderNewerMissing() {
    String oid = unique("version");
    seed(oid);
    long v = seed(oid);
    GuardFailedException older =
        failure(
            GuardFailedException.class,
            store.write(oid, WriteOp.builder().assertVersion(v - 1).omapSet("z", b("1")).build()));
    assertEquals(Errno.ERANGE, older.errno(), "object newer than asserted: ERANGE");
    GuardFailedException newer =
        failure(
            GuardFailedException.class,
            store.write(oid, WriteOp.builder().assertVersion(v + 1).omapSet("z", b("1")).build()));
    assertEquals(Errno.EOVERFLOW, newer.errno(), "object older than asserted: EOVERFLOW");
    ReadResult r = snapshot(store, oid);
    assertEquals(v, r.version(), "nothing applied");
    assertEquals(null, r.vals().get("z"));
    long v2 =
        await(store.write(oid, WriteOp.builder().assertVersion(v).omapSet("z", b("1")).build()));
    assertTrue(v2 > v, "failed writes advance the PG log, not the object: " + v + " -> " + v2);
    assertEquals(v2, snapshot(store, oid).version());

    InvalidArgumentException zero =
        failure(
            InvalidArgumentException.class,
            store.write(oid, WriteOp.builder().assertVersion(0).omapSet("z", b("2")).build()));
    assertEquals(Errno.EINVAL, zero.errno(), "version 0 is never valid");

    String missing = unique("version-missing");
    GuardFailedException onMissing =
        failure(
            GuardFailedException.class,
            store.write(missing, WriteOp.builder().assertVersion(v).omapSet("z", b("1")).build()));
    assertEquals(Errno.EOVERFLOW, onMissing.errno(), "a missing object has version 0");
    assertEquals(false, exists(missing));
  }

  @Test
  void omapCmpPassFailAndMissingKey() {
    String oid = unique("omapcmp");
    long v = seed(oid);
    await(
        store.write(
            oid,
            WriteOp.builder()
                .omapCmp("a", CmpOp.EQ, b("1"))
                .omapCmp("b", CmpOp.GT, b("1"))
                .omapCmp("b", CmpOp.LT, b("3"))
                .omapSet("ok", b("1"))
                .build()));
    GuardFailedException e =
        failure(
            GuardFailedException.class,
            store.write(
                oid,
                WriteOp.builder()
                    .omapCmp("a", CmpOp.EQ, b("1"))
                    .omapCmp("b", CmpOp.LT, b("2"))
                    .omapSet("bad", b("1"))
                    .build()));
    assertEquals(Errno.ECANCELED, e.errno());
    assertTrue(e.getMessage().contains("step 1"), e.getMessage());
    ReadResult r = snapshot(store, oid);
    assertTrue(r.version() > v);
    assertEquals(b("1"), r.vals().get("ok"));
    assertEquals(null, r.vals().get("bad"), "nothing applied");

    // a missing key compares as the empty value
    await(
        store.write(
            oid,
            WriteOp.builder()
                .omapCmp("nokey", CmpOp.EQ, Bytes.EMPTY)
                .omapCmp("nokey", CmpOp.LT, b("a"))
                .omapSet("created", b("1"))
                .build()));
    failure(
        GuardFailedException.class,
        store.write(
            oid,
            WriteOp.builder().omapCmp("nokey2", CmpOp.EQ, b("x")).omapSet("bad", b("1")).build()));
    assertEquals(b("1"), snapshot(store, oid).vals().get("created"));
    assertEquals(null, snapshot(store, oid).vals().get("bad"));
  }

  @Test
  void omapCmpSupportsOnlyEqLtGt() {
    String oid = unique("omapcmp-ops");
    seed(oid);
    for (CmpOp op : new CmpOp[] {CmpOp.NE, CmpOp.GTE, CmpOp.LTE}) {
      InvalidArgumentException e =
          failure(
              InvalidArgumentException.class,
              store.write(
                  oid, WriteOp.builder().omapCmp("a", op, b("1")).omapSet("bad", b("1")).build()));
      assertEquals(Errno.EINVAL, e.errno(), op.toString());
    }
    assertEquals(null, snapshot(store, oid).vals().get("bad"));
  }

  @Test
  void omapCmpOnMissingObject() {
    String oid = unique("omapcmp-missing");
    failure(
        ObjectNotFoundException.class,
        store.write(
            oid,
            WriteOp.builder().omapCmp("k", CmpOp.EQ, Bytes.EMPTY).omapSet("k", b("v")).build()));
    assertEquals(false, exists(oid));
  }

  @Test
  void cmpXattrPassFailAndMissing() {
    String oid = unique("cmpxattr");
    seed(oid);
    await(
        store.write(
            oid, WriteOp.builder().cmpXattr("x", CmpOp.EQ, b("xv")).omapSet("p", b("1")).build()));
    GuardFailedException e =
        failure(
            GuardFailedException.class,
            store.write(
                oid,
                WriteOp.builder()
                    .cmpXattr("x", CmpOp.EQ, b("other"))
                    .omapSet("f", b("1"))
                    .build()));
    assertEquals(Errno.ECANCELED, e.errno());
    assertEquals(null, snapshot(store, oid).vals().get("f"));
    assertEquals(b("1"), snapshot(store, oid).vals().get("p"));
    await(
        store.write(
            oid,
            WriteOp.builder()
                .cmpXattr("missing", CmpOp.EQ, Bytes.EMPTY)
                .omapSet("m", b("1"))
                .build()));
    assertEquals(b("1"), snapshot(store, oid).vals().get("m"));
  }

  @Test
  void execInAWriteOpAndItsFailureNamesTheStep() {
    String oid = unique("exec");
    await(
        store.write(
            oid,
            WriteOp.builder()
                .exec("hello", "record_hello", b("world"))
                .omapSet("k", b("1"))
                .build()));
    ReadResult r = snapshot(store, oid);
    assertEquals(b("Hello, world!"), r.data());
    assertEquals(b("1"), r.vals().get("k"));
    // record_hello refuses an object that already has data (EEXIST): nothing else is applied
    GuardFailedException e =
        failure(
            GuardFailedException.class,
            store.write(
                oid,
                WriteOp.builder()
                    .omapSet("k", b("2"))
                    .exec("hello", "record_hello", b("again"))
                    .build()));
    assertEquals(Errno.EEXIST, e.errno());
    assertTrue(e.getMessage().contains("step 1"), e.getMessage());
    assertEquals(b("1"), snapshot(store, oid).vals().get("k"));
    assertEquals(b("Hello, world!"), snapshot(store, oid).data());
  }

  @Test
  void execOutsideAWriteOpReturnsTheOutput() {
    String oid = unique("exec-read");
    seed(oid);
    assertEquals(b("Hello, cephsmb!"), await(store.exec(oid, "hello", "say_hello", b("cephsmb"))));
  }
}
