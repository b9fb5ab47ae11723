package io.cephsmb.omapkv.cls;

import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.GuardFailedException;
import io.cephsmb.omapkv.InvalidArgumentException;
import io.cephsmb.omapkv.KvException;
import io.cephsmb.omapkv.ObjectNotFoundException;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.ReadOp;
import io.cephsmb.omapkv.WriteOp;
import io.cephsmb.omapkv.cls.ClsCmpOmap.Mode;
import io.cephsmb.omapkv.cls.ClsCmpOmap.Op;
import io.cephsmb.omapkv.cls.ClsVersion.Cond;
import io.cephsmb.omapkv.cls.ClsVersion.Condition;
import io.cephsmb.omapkv.cls.ClsVersion.ObjVersion;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * cls_version and cls_cmpomap through their typed wrappers, on the twin ({@code
 * MemoryObjectClassContractTest}) and on the real OSD ({@code RadosObjectClassContractIT}).
 */
public abstract class ObjectClassContract {
  protected abstract RadosClient newClient();

  protected abstract String pool();

  private RadosClient client;
  private ObjectStore store;

  @BeforeEach
  void open() {
    client = newClient();
    store = client.store(pool(), "cls-" + UUID.randomUUID());
  }

  @AfterEach
  void close() {
    client.close();
  }

  private void write(String oid, WriteOp.Step... steps) {
    WriteOp.Builder b = WriteOp.builder();
    for (WriteOp.Step s : steps) {
      b.add(s);
    }
    join(store.write(oid, b.build()));
  }

  private SortedMap<String, Bytes> omap(String oid, String... keys) {
    return join(store.read(oid, ReadOp.builder().omapGetByKeys(keys).build())).byKeys();
  }

  private boolean exists(String oid) {
    try {
      join(store.read(oid, ReadOp.builder().stat().build()));
      return true;
    } catch (ObjectNotFoundException e) {
      return false;
    }
  }

  @Test
  void versionIncCreatesTheObjectAtTwoThenCounts() {
    assertThrows(ObjectNotFoundException.class, () -> join(ClsVersion.read(store, "v")));
    write("v", ClsVersion.inc());
    ObjVersion first = join(ClsVersion.read(store, "v"));
    assertEquals(2, first.ver(), "the OSD stores 1, then increments");
    assertEquals(24, first.tag().length(), first.tag());
    write("v", ClsVersion.inc());
    assertEquals(new ObjVersion(3, first.tag()), join(ClsVersion.read(store, "v")));
  }

  @Test
  void conditionalIncrementIsAGuardForTheWholeOperation() {
    write("v", ClsVersion.inc());
    ObjVersion now = join(ClsVersion.read(store, "v"));
    write(
        "v",
        ClsVersion.incIf(List.of(new Condition(now, Cond.EQ))),
        new WriteOp.OmapSet(new java.util.TreeMap<>(Map.of("k", Bytes.utf8("1")))));
    assertThrows(
        GuardFailedException.class,
        () ->
            write(
                "v",
                ClsVersion.incIf(List.of(new Condition(now, Cond.EQ))),
                new WriteOp.OmapSet(new java.util.TreeMap<>(Map.of("k", Bytes.utf8("2"))))));
    assertEquals(Bytes.utf8("1"), omap("v", "k").get("k"), "the failed guard wrote nothing");
    assertEquals(now.ver() + 1, join(ClsVersion.read(store, "v")).ver());
    write(
        "v",
        ClsVersion.check(List.of(new Condition(now, Cond.GT), new Condition(now, Cond.TAG_EQ))));
    assertThrows(
        GuardFailedException.class,
        () -> write("v", ClsVersion.check(List.of(new Condition(now, Cond.LE)))));
  }

  @Test
  void versionSetAndAnObjectWithoutOne() {
    write("v", ClsVersion.set(new ObjVersion(42, "tag")));
    assertEquals(new ObjVersion(42, "tag"), join(ClsVersion.read(store, "v")));
    write("plain", new WriteOp.OmapSet(new java.util.TreeMap<>(Map.of("a", Bytes.utf8("b")))));
    assertEquals(new ObjVersion(0, ""), join(ClsVersion.read(store, "plain")));
    // a missing object has version 0 for check_conds
    write(
        "fresh",
        ClsVersion.check(List.of(new Condition(new ObjVersion(0, ""), Cond.LE))),
        new WriteOp.OmapSet(new java.util.TreeMap<>(Map.of("a", Bytes.utf8("b")))));
    assertTrue(exists("fresh"));
  }

  @Test
  void cmpSetValsKeepsTheMaximum() {
    Map<String, Bytes> five = Map.of("hi", ClsCmpOmap.u64(5));
    write("m", ClsCmpOmap.cmpSetVals(Mode.U64, Op.GT, five, ClsCmpOmap.u64(0)));
    assertTrue(exists("m"), "a write with a default creates the object");
    write("m", ClsCmpOmap.cmpSetVals(Mode.U64, Op.GT, Map.of("hi", ClsCmpOmap.u64(3)), null));
    assertEquals(ClsCmpOmap.u64(5), omap("m", "hi").get("hi"));
    write("m", ClsCmpOmap.cmpSetVals(Mode.U64, Op.GT, Map.of("hi", ClsCmpOmap.u64(9)), null));
    assertEquals(ClsCmpOmap.u64(9), omap("m", "hi").get("hi"));
    // a missing key without a default is skipped
    write("m", ClsCmpOmap.cmpSetVals(Mode.U64, Op.GT, Map.of("other", ClsCmpOmap.u64(1)), null));
    assertFalse(omap("m", "other").containsKey("other"));
  }

  @Test
  void cmpValsGuardsAWrite() {
    write("g", new WriteOp.OmapSet(new java.util.TreeMap<>(Map.of("s", Bytes.utf8("open")))));
    write(
        "g",
        ClsCmpOmap.cmpVals(Mode.STRING, Op.EQ, Map.of("s", Bytes.utf8("open")), null),
        new WriteOp.OmapSet(new java.util.TreeMap<>(Map.of("n", Bytes.utf8("1")))));
    assertThrows(
        GuardFailedException.class,
        () ->
            write(
                "g",
                ClsCmpOmap.cmpVals(Mode.STRING, Op.EQ, Map.of("s", Bytes.utf8("closed")), null),
                new WriteOp.OmapSet(new java.util.TreeMap<>(Map.of("n", Bytes.utf8("2"))))));
    assertThrows(
        GuardFailedException.class,
        () ->
            write(
                "g", ClsCmpOmap.cmpVals(Mode.STRING, Op.EQ, Map.of("zz", Bytes.utf8("a")), null)));
    assertEquals(Bytes.utf8("1"), omap("g", "n").get("n"));
    assertThrows(
        ObjectNotFoundException.class,
        () ->
            write(
                "none",
                ClsCmpOmap.cmpVals(
                    Mode.U64, Op.EQ, Map.of("k", ClsCmpOmap.u64(0)), ClsCmpOmap.u64(0))));
    assertFalse(exists("none"));
  }

  @Test
  void cmpRmKeysRemovesOnlyMatchingKeys() {
    write(
        "r",
        new WriteOp.OmapSet(
            new java.util.TreeMap<>(
                Map.of("a", ClsCmpOmap.u64(1), "b", ClsCmpOmap.u64(2), "c", ClsCmpOmap.u64(3)))));
    write(
        "r",
        ClsCmpOmap.cmpRmKeys(
            Mode.U64,
            Op.EQ,
            Map.of("a", ClsCmpOmap.u64(1), "b", ClsCmpOmap.u64(7), "z", ClsCmpOmap.u64(0))));
    SortedMap<String, Bytes> left = omap("r", "a", "b", "c");
    assertEquals(List.of("b", "c"), List.copyOf(left.keySet()));
    write("gone", ClsCmpOmap.cmpRmKeys(Mode.U64, Op.EQ, Map.of("a", ClsCmpOmap.u64(1))));
    assertFalse(exists("gone"), "removing from a missing object creates nothing");
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    write("b", new WriteOp.OmapSet(new java.util.TreeMap<>(Map.of("k", Bytes.utf8("abc")))));
    assertThrows(
        InvalidArgumentException.class,
        () ->
            write(
                "b",
                new WriteOp.Exec("cmpomap", "cmp_vals", Bytes.utf8("xx")),
                new WriteOp.OmapSet(new java.util.TreeMap<>(Map.of("k", Bytes.utf8("new"))))));
    assertThrows(
        InvalidArgumentException.class,
        () -> write("b", ClsCmpOmap.cmpVals(Mode.U64, Op.EQ, Map.of("k", Bytes.utf8("a")), null)));
    KvException eio =
        assertThrows(
            KvException.class,
            () ->
                write(
                    "b",
                    ClsCmpOmap.cmpVals(Mode.U64, Op.EQ, Map.of("k", ClsCmpOmap.u64(1)), null)));
    assertEquals(5, eio.errno(), "a stored value that is not a u64: EIO");
    assertThrows(
        InvalidArgumentException.class,
        () -> write("b", new WriteOp.Exec("version", "inc_conds", Bytes.utf8("garbage"))));
    assertEquals(Bytes.utf8("abc"), omap("b", "k").get("k"));
    assertThrows(
        IllegalArgumentException.class,
        () -> {
          Map<String, Bytes> many = new java.util.HashMap<>();
          for (int i = 0; i <= ClsCmpOmap.MAX_KEYS; i++) {
            many.put("k" + i, ClsCmpOmap.u64(i));
          }
          ClsCmpOmap.cmpRmKeys(Mode.U64, Op.EQ, many);
        });
  }
}
