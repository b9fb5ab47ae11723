package io.cephsmb.omapkv;

import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.omapkv.NotifyResult.WatcherId;
import io.cephsmb.omapkv.ObjectStore.LockMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics every {@link ObjectStore} must have, run against the in-memory twin ({@code
 * MemoryObjectStoreContractTest}) and the real cluster ({@code RadosObjectStoreContractIT}). Each
 * test works in a fresh namespace.
 */
public abstract class ObjectStoreContract {

  /** A new client connection to the cluster under test. */
  protected abstract RadosClient newClient();

  /** An existing pool to work in. */
  protected abstract String pool();

  private final List<RadosClient> clients = new ArrayList<>();
  protected String ns;
  protected ObjectStore store;

  protected ObjectStore storeOf(RadosClient c) {
    return c.store(pool(), ns);
  }

  protected RadosClient client() {
    RadosClient c = newClient();
    clients.add(c);
    return c;
  }

  @BeforeEach
  void openStore() {
    ns = "contract-" + UUID.randomUUID();
    store = storeOf(client());
  }

  @AfterEach
  void closeClients() {
    clients.forEach(RadosClient::close);
    clients.clear();
  }

  static Bytes b(String s) {
    return Bytes.utf8(s);
  }

  long put(String oid, String key, String value) {
    return join(store.write(oid, WriteOp.builder().omapSet(key, b(value)).build()));
  }

  SortedMap<String, Bytes> getKeys(String oid, String... keys) {
    return join(store.read(oid, ReadOp.builder().omapGetByKeys(keys).build())).byKeys();
  }

  @Test
  void omapSetCreatesTheObjectAndVersionsGrow() {
    long v1 = put("o", "a", "1");
    long v2 = put("o", "b", "2");
    assertTrue(v2 > v1, v1 + " then " + v2);
    ReadResult r = join(store.read("o", ReadOp.builder().omapGetByKeys("a", "b", "zz").build()));
    assertEquals(v2, r.version());
    assertEquals(Map.of("a", b("1"), "b", b("2")), r.byKeys());
  }

  @Test
  void readOfMissingObjectIsNotFound() {
    assertThrows(
        ObjectNotFoundException.class,
        () -> join(store.read("missing", ReadOp.builder().omapGetByKeys("a").build())));
  }

  @Test
  void assertVersionGuardsTheWholeWrite() {
    long v = put("o", "a", "1");
    join(store.write("o", WriteOp.builder().assertVersion(v).omapSet("a", b("2")).build()));
    GuardFailedException older =
        assertThrows(
            GuardFailedException.class,
            () ->
                join(
                    store.write(
                        "o", WriteOp.builder().assertVersion(v).omapSet("a", b("3")).build())));
    assertEquals(Errno.ERANGE, older.errno());
    long now = join(store.read("o", ReadOp.builder().stat().build())).version();
    GuardFailedException newer =
        assertThrows(
            GuardFailedException.class,
            () ->
                join(
                    store.write(
                        "o",
                        WriteOp.builder().assertVersion(now + 1000).omapSet("a", b("4")).build())));
    assertEquals(Errno.EOVERFLOW, newer.errno());
    assertEquals(b("2"), getKeys("o", "a").get("a"));
  }

  @Test
  void omapCmpComparesAndAMissingKeyIsEmpty() {
    put("o", "a", "5");
    join(
        store.write(
            "o",
            WriteOp.builder()
                .omapCmp("a", CmpOp.EQ, b("5"))
                .omapCmp("absent", CmpOp.EQ, Bytes.EMPTY)
                .omapCmp("a", CmpOp.GT, b("4"))
                .omapSet("a", b("6"))
                .build()));
    GuardFailedException e =
        assertThrows(
            GuardFailedException.class,
            () ->
                join(
                    store.write(
                        "o",
                        WriteOp.builder()
                            .omapSet("x", b("applied?"))
                            .omapCmp("a", CmpOp.EQ, b("5"))
                            .build())));
    assertEquals(Errno.ECANCELED, e.errno());
    assertEquals(Map.of("a", b("6")), getKeys("o", "a", "x"), "nothing of the failed op applied");
  }

  @Test
  void exclusiveCreateFailsOnExistingObject() {
    join(store.write("o", WriteOp.builder().create(true).build()));
    GuardFailedException e =
        assertThrows(
            GuardFailedException.class,
            () -> join(store.write("o", WriteOp.builder().create(true).build())));
    assertEquals(Errno.EEXIST, e.errno());
    join(store.write("o", WriteOp.builder().create(false).build()));
  }

  @Test
  void removeDeletesAndRemovingAMissingObjectIsNotFound() {
    put("o", "a", "1");
    join(store.write("o", WriteOp.builder().remove().build()));
    assertThrows(
        ObjectNotFoundException.class,
        () -> join(store.read("o", ReadOp.builder().stat().build())));
    assertThrows(
        ObjectNotFoundException.class,
        () -> join(store.write("o", WriteOp.builder().remove().build())));
  }

  @Test
  void assertExistsOnMissingObjectIsNotFound() {
    assertThrows(
        ObjectNotFoundException.class,
        () ->
            join(
                store.write(
                    "nope", WriteOp.builder().assertExists().omapSet("a", b("1")).build())));
    assertThrows(
        ObjectNotFoundException.class,
        () -> join(store.read("nope", ReadOp.builder().stat().build())));
  }

  @Test
  void removeKeysClearAndData() {
    join(
        store.write(
            "o",
            WriteOp.builder()
                .omapSet(Map.of("a", b("1"), "b", b("2"), "c", b("3")))
                .writeFull(b("payload"))
                .setXattr("x", b("xv"))
                .build()));
    join(store.write("o", WriteOp.builder().omapRemove("a", "nonexistent").build()));
    assertEquals(Map.of("b", b("2"), "c", b("3")), getKeys("o", "a", "b", "c"));
    ReadResult r =
        join(store.read("o", ReadOp.builder().readData(3, 100).stat().getXattr("x").build()));
    assertEquals(b("load"), r.data());
    assertEquals(7, r.size());
    assertEquals(Map.of("x", b("xv")), r.xattrs());
    join(store.write("o", WriteOp.builder().omapClear().build()));
    assertEquals(Map.of(), getKeys("o", "b", "c"));
    join(
        store.write(
            "o", WriteOp.builder().cmpXattr("x", CmpOp.EQ, b("xv")).omapSet("d", b("4")).build()));
    assertThrows(
        GuardFailedException.class,
        () ->
            join(
                store.write(
                    "o",
                    WriteOp.builder()
                        .cmpXattr("x", CmpOp.EQ, b("no"))
                        .omapSet("e", b("5"))
                        .build())));
    assertEquals(Map.of("d", b("4")), getKeys("o", "d", "e"));
  }

  @Test
  void prefixListingPaginatesPastOneThousandKeys() {
    TreeMap<String, Bytes> batch = new TreeMap<>();
    for (int i = 0; i < 2500; i++) {
      batch.put(String.format("open.%05d", i), b("v" + i));
    }
    batch.put("lock.1", b("l"));
    batch.put("aaa", b("first"));
    batch.put("zzz", b("last"));
    join(store.write("big", WriteOp.builder().omapSet(batch).build()));
    List<String> seen = new ArrayList<>();
    String after = "";
    int pages = 0;
    while (true) {
      ReadResult r =
          join(store.read("big", ReadOp.builder().omapGetVals(after, "open.", 1000).build()));
      pages++;
      seen.addAll(r.vals().keySet());
      if (!r.more()) {
        break;
      }
      after = r.vals().lastKey();
    }
    assertEquals(3, pages);
    assertEquals(2500, seen.size());
    assertEquals("open.00000", seen.get(0));
    assertEquals("open.02499", seen.get(2499));
    assertTrue(seen.stream().allMatch(k -> k.startsWith("open.")));
    // the OSD answers at most 1024 entries per request, whatever max says
    ReadResult capped = join(store.read("big", ReadOp.builder().omapGetVals("", "", 5000).build()));
    assertEquals(1024, capped.vals().size());
    assertTrue(capped.more());
    ReadResult tail =
        join(store.read("big", ReadOp.builder().omapGetVals("open.02000", "", 5000).build()));
    assertEquals(List.of("open.02001"), tail.vals().keySet().stream().limit(1).toList());
    assertEquals(499 + 1, tail.vals().size());
    assertFalse(tail.more());
  }

  @Test
  void listObjectsSeesOnlyThisNamespace() {
    put("b-obj", "k", "v");
    put("a-obj", "k", "v");
    assertEquals(List.of("a-obj", "b-obj"), join(store.listObjects()));
  }

  @Test
  void exclusiveLockAcquireBusyRenewUnlock() {
    ObjectStore other = storeOf(client());
    Duration d = Duration.ofSeconds(30);
    join(store.lockExclusive("lk", "leader", "c1", "", "test", d, LockMode.ACQUIRE));
    assertThrows(
        LockBusyException.class,
        () -> join(other.lockExclusive("lk", "leader", "c2", "", "test", d, LockMode.ACQUIRE)));
    assertThrows(
        LockBusyException.class,
        () -> join(store.lockExclusive("lk", "leader", "c2", "", "test", d, LockMode.ACQUIRE)));
    join(store.lockExclusive("lk", "leader", "c1", "", "test", d, LockMode.MAY_RENEW));
    join(store.lockExclusive("lk", "leader", "c1", "", "test", d, LockMode.MUST_RENEW));
    List<Locker> lockers = join(other.lockers("lk", "leader"));
    assertEquals(1, lockers.size());
    assertEquals("c1", lockers.get(0).cookie());
    assertTrue(lockers.get(0).exclusive());
    assertThrows(LockNotHeldException.class, () -> join(other.unlock("lk", "leader", "c1")));
    join(store.unlock("lk", "leader", "c1"));
    assertEquals(List.of(), join(other.lockers("lk", "leader")));
    join(other.lockExclusive("lk", "leader", "c2", "", "test", d, LockMode.ACQUIRE));
  }

  @Test
  void expiredLockCannotBeRenewedAndCanBeTakenByAnother() throws Exception {
    ObjectStore other = storeOf(client());
    join(
        store.lockExclusive(
            "lk", "leader", "c1", "", "test", Duration.ofSeconds(1), LockMode.ACQUIRE));
    Thread.sleep(1500);
    join(
        other.lockExclusive(
            "lk", "leader", "c2", "", "test", Duration.ofSeconds(30), LockMode.ACQUIRE));
    assertThrows(
        LockNotHeldException.class,
        () ->
            join(
                store.lockExclusive(
                    "lk", "leader", "c1", "", "test", Duration.ofSeconds(1), LockMode.MUST_RENEW)));
  }

  @Test
  void breakLockFreesIt() {
    RadosClient holder = client();
    ObjectStore h = storeOf(holder);
    join(h.lockExclusive("lk", "leader", "c1", "", "t", Duration.ZERO, LockMode.ACQUIRE));
    Locker l = join(store.lockers("lk", "leader")).get(0);
    assertEquals(holder.address(), l.address());
    join(store.breakLock("lk", "leader", l.client(), l.cookie()));
    join(store.lockExclusive("lk", "leader", "me", "", "t", Duration.ZERO, LockMode.ACQUIRE));
  }

  @Test
  void assertLockedLetsOnlyTheHolderWrite() {
    ObjectStore other = storeOf(client());
    join(store.lockExclusive("st", "leader", "c1", "", "t", Duration.ZERO, LockMode.ACQUIRE));
    join(
        store.write(
            "st",
            WriteOp.builder().assertLocked("leader", "c1", "").omapSet("a", b("mine")).build()));
    KvException e =
        assertThrows(
            KvException.class,
            () ->
                join(
                    other.write(
                        "st",
                        WriteOp.builder()
                            .assertLocked("leader", "c1", "")
                            .omapSet("a", b("theirs"))
                            .build())));
    assertTrue(e instanceof LockBusyException, e.toString());
    assertEquals(Errno.EBUSY, e.errno());
    assertEquals(b("mine"), getKeys("st", "a").get("a"));
    assertThrows(
        LockNotHeldException.class,
        () ->
            join(
                store.write(
                    "no-such-object",
                    WriteOp.builder()
                        .assertLocked("leader", "c1", "")
                        .omapSet("a", b("x"))
                        .build())));
  }

  @Test
  void lockersOfAMissingObjectAreNone() {
    assertEquals(List.of(), join(store.lockers("never-created", "leader")));
  }

  @Test
  void assertVersionOnAMissingObjectFailsAndVersionZeroIsInvalid() {
    GuardFailedException e =
        assertThrows(
            GuardFailedException.class,
            () ->
                join(
                    store.write(
                        "never", WriteOp.builder().assertVersion(5).omapSet("a", b("1")).build())));
    assertEquals(Errno.EOVERFLOW, e.errno());
    put("o", "a", "1");
    assertThrows(
        InvalidArgumentException.class,
        () ->
            join(
                store.write("o", WriteOp.builder().assertVersion(0).omapSet("a", b("2")).build())));
  }

  @Test
  void omapCmpKnowsOnlyEqLtGt() {
    put("o", "a", "5");
    for (CmpOp op : new CmpOp[] {CmpOp.NE, CmpOp.GTE, CmpOp.LTE}) {
      assertThrows(
          InvalidArgumentException.class,
          () ->
              join(
                  store.write(
                      "o",
                      WriteOp.builder().omapCmp("a", op, b("1")).omapSet("x", b("1")).build())),
          op.toString());
    }
    join(
        store.write(
            "o", WriteOp.builder().omapCmp("a", CmpOp.LT, b("6")).omapSet("x", b("1")).build()));
    assertEquals(b("1"), getKeys("o", "x").get("x"));
  }

  @Test
  void notifyReachesEveryWatcherWithPayloadAndCollectsReplies() throws Exception {
    put("w", "k", "v");
    RadosClient c2 = client();
    ObjectStore s2 = storeOf(c2);
    List<Bytes> got = java.util.Collections.synchronizedList(new ArrayList<>());
    Watch w1 = store.watch("w", listener(got, "one"));
    Watch w2 = s2.watch("w", listener(got, "two"));
    try {
      NotifyResult r = join(store.notify("w", b("hello"), Duration.ofSeconds(10)));
      assertEquals(
          Map.of(
              new WatcherId(clients.get(0).instanceId(), w1.cookie()),
              b("one"),
              new WatcherId(c2.instanceId(), w2.cookie()),
              b("two")),
          r.acks());
      assertEquals(0, r.timedOut().size());
      assertEquals(List.of(b("hello"), b("hello")), got);
      assertTrue(w1.check() >= 0);
    } finally {
      w1.close();
      w2.close();
    }
  }

  @Test
  void aWatcherThatNeverAcksTimesOut() {
    put("w", "k", "v");
    RadosClient silent = client();
    Watch ok = store.watch("w", listener(new ArrayList<>(), "ok"));
    Watch mute =
        storeOf(silent)
            .watch(
                "w",
                new WatchListener() {
                  @Override
                  public CompletableFuture<Bytes> onNotify(long id, long notifier, Bytes p) {
                    return new CompletableFuture<>();
                  }

                  @Override
                  public void onError(KvException error) {}
                });
    try {
      long t0 = System.nanoTime();
      NotifyResult r = join(store.notify("w", b("x"), Duration.ofSeconds(2)));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(
          Map.of(new WatcherId(clients.get(0).instanceId(), ok.cookie()), b("ok")), r.acks());
      assertEquals(
          java.util.Set.of(new WatcherId(silent.instanceId(), mute.cookie())), r.timedOut());
      assertTrue(ms >= 1500 && ms < 8000, "notify returned after " + ms + " ms");
    } finally {
      ok.close();
      mute.close();
    }
  }

  @Test
  void blocklistedClientCannotWrite() {
    RadosClient victim = client();
    ObjectStore v = storeOf(victim);
    join(v.write("f", WriteOp.builder().omapSet("a", b("before")).build()));
    join(clients.get(0).blocklistAdd(victim.address(), Duration.ofMinutes(10)));
    join(clients.get(0).waitForLatestOsdMap());
    BlocklistedException e =
        assertThrows(
            BlocklistedException.class,
            () -> join(v.write("f", WriteOp.builder().omapSet("a", b("after")).build())));
    assertEquals(Errno.ESHUTDOWN, e.errno());
    assertEquals(b("before"), getKeys("f", "a").get("a"));
  }

  @Test
  void unknownPoolIsPoolNotFound() {
    RadosClient c = client();
    assertThrows(PoolNotFoundException.class, () -> c.store("no-such-pool-" + ns, ""));
  }

  @Test
  void distinctClientsHaveDistinctIdentities() {
    RadosClient c2 = client();
    assertNotEquals(clients.get(0).instanceId(), c2.instanceId());
    assertNotEquals(clients.get(0).address(), c2.address());
  }

  private static WatchListener listener(List<Bytes> got, String reply) {
    return new WatchListener() {
      @Override
      public CompletableFuture<Bytes> onNotify(long notifyId, long notifierId, Bytes payload) {
        got.add(payload);
        return CompletableFuture.completedFuture(b(reply));
      }

      @Override
      public void onError(KvException error) {}
    };
  }
}
