package io.cephsmb.omapkv;

import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transaction layer's semantics, on the twin and on the real cluster. */
public abstract class KvStoreContract {

  protected abstract RadosClient newClient();

  protected abstract String pool();

  private final List<RadosClient> clients = new ArrayList<>();
  private String ns;

  @BeforeEach
  void namespace() {
    ns = "kv-" + UUID.randomUUID();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(RadosClient::close);
    clients.clear();
  }

  protected KvStore kv() {
    RadosClient c = newClient();
    clients.add(c);
    return new KvStore(c.store(pool(), ns));
  }

  static Bytes u64(long v) {
    return Bytes.wrap(ByteBuffer.allocate(8).putLong(v).array());
  }

  static long u64(Bytes b) {
    return ByteBuffer.wrap(b.toArray()).getLong();
  }

  static CompletableFuture<Long> increment(KvStore kv, String oid, String key) {
    return kv.update(
        oid,
        ReadSet.of(key),
        txn -> {
          long next = txn.get(key).map(KvStoreContract::u64).orElse(0L) + 1;
          txn.set(key, u64(next));
          return next;
        });
  }

  @Test
  void missingObjectReadsEmpty() {
    KvStore kv = kv();
    KvStore.Snapshot s = join(kv.read("none", ReadSet.of("a").andPrefix("x.")));
    assertFalse(s.exists());
    assertEquals(Map.of(), s.entries());
    assertEquals(Map.of(), join(kv.get("none", "a")));
    assertFalse(join(kv.list("none", "", "", 10)).more());
  }

  @Test
  void updateCommitsAndReturnsTheBodysResult() {
    KvStore kv = kv();
    assertEquals(1L, join(increment(kv, "ctr", "n")));
    assertEquals(2L, join(increment(kv, "ctr", "n")));
    assertEquals(u64(2), join(kv.get("ctr", "n")).get("n"));
  }

  @Test
  void aBodyThatWritesNothingCommitsNothing() {
    KvStore kv = kv();
    join(increment(kv, "o", "n"));
    long before = join(kv.read("o", ReadSet.of("n"))).version();
    String r = join(kv.update("o", ReadSet.of("n"), txn -> "read only"));
    assertEquals("read only", r);
    assertEquals(before, join(kv.read("o", ReadSet.of("n"))).version());
  }

  @Test
  void concurrentIncrementsLoseNoUpdate() throws Exception {
    int clientsN = 2;
    int threads = 8;
    int perThread = 50;
    List<KvStore> stores = new ArrayList<>();
    for (int i = 0; i < clientsN; i++) {
      stores.add(
          new KvStore(
              kv().objects(),
              new RetryPolicy(10_000, Duration.ofNanos(100_000), Duration.ofMillis(10))));
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> ts = new ArrayList<>();
    AtomicInteger failures = new AtomicInteger();
    for (int i = 0; i < clientsN * threads; i++) {
      KvStore kv = stores.get(i % clientsN);
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                  for (int j = 0; j < perThread; j++) {
                    join(increment(kv, "hot", "counter"));
                  }
                } catch (Exception e) {
                  failures.incrementAndGet();
                }
              });
      t.start();
      ts.add(t);
    }
    go.countDown();
    for (Thread t : ts) {
      t.join();
    }
    assertEquals(0, failures.get());
    long expected = (long) clientsN * threads * perThread;
    assertEquals(u64(expected), join(stores.get(0).get("hot", "counter")).get("counter"));
  }

  @Test
  void transactionsOnDifferentKeysOfOneObjectDoNotConflict() {
    KvStore kv = kv();
    KvStore other = new KvStore(kv.objects()); // another node: its writes conflict
    join(increment(kv, "o", "a"));
    join(increment(kv, "o", "b"));
    AtomicInteger runs = new AtomicInteger();
    // a's transaction reads a; meanwhile b changes: a's commit must still go through first time
    long r =
        join(
            kv.update(
                "o",
                ReadSet.of("a"),
                txn -> {
                  if (runs.incrementAndGet() == 1) {
                    join(increment(other, "o", "b"));
                  }
                  txn.set("a", u64(42));
                  return 42L;
                }));
    assertEquals(42L, r);
    assertEquals(1, runs.get());
  }

  @Test
  void aConflictOnAReadKeyRunsTheBodyAgain() {
    KvStore kv = kv();
    KvStore other = new KvStore(kv.objects()); // another node: its writes conflict
    join(increment(kv, "o", "a"));
    AtomicInteger runs = new AtomicInteger();
    long r =
        join(
            kv.update(
                "o",
                ReadSet.of("a"),
                txn -> {
                  if (runs.incrementAndGet() == 1) {
                    join(increment(other, "o", "a")); // a concurrent writer changes what we read
                  }
                  long next = u64(txn.get("a").orElseThrow()) + 10;
                  txn.set("a", u64(next));
                  return next;
                }));
    assertEquals(2, runs.get());
    assertEquals(12L, r);
  }

  @Test
  void aPrefixReadConflictsWithAnInsertUnderThePrefix() {
    KvStore kv = kv();
    KvStore other = new KvStore(kv.objects()); // another node: its writes conflict
    join(kv.update("f", ReadSet.NONE, txn -> txn.set("open.1", Bytes.utf8("x"))));
    AtomicInteger runs = new AtomicInteger();
    int seen =
        join(
            kv.update(
                "f",
                ReadSet.prefix("open."),
                txn -> {
                  if (runs.incrementAndGet() == 1) {
                    join(other.update("f", ReadSet.NONE, t -> t.set("open.2", Bytes.utf8("y"))));
                  }
                  txn.set("open.3", Bytes.utf8("z"));
                  return txn.prefix("open.").size();
                }));
    assertEquals(2, runs.get(), "the first attempt saw a stale set of opens");
    assertEquals(2, seen);
    assertEquals(3, join(kv.listAll("f", "open.")).size());
  }

  @Test
  void firstCreationRacesAreResolved() {
    KvStore a = kv();
    KvStore b = kv();
    List<CompletableFuture<Long>> fs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      fs.add(increment(i % 2 == 0 ? a : b, "fresh", "n"));
    }
    fs.forEach(Futures::join);
    assertEquals(u64(20), join(a.get("fresh", "n")).get("n"));
  }

  @Test
  void listAllReadsPastOnePage() {
    KvStore kv = kv();
    TreeMap<String, Bytes> m = new TreeMap<>();
    for (int i = 0; i < 2100; i++) {
      m.put(String.format("e.%05d", i), Bytes.utf8("v"));
    }
    m.put("other", Bytes.utf8("v"));
    join(kv.objects().write("big", WriteOp.builder().omapSet(m).build()));
    SortedMap<String, Bytes> all = join(kv.listAll("big", "e."));
    assertEquals(2100, all.size());
    assertEquals("e.02099", all.lastKey());
    KvStore.Page p = join(kv.list("big", "e.", "e.00999", 10));
    assertEquals("e.01000", p.entries().firstKey());
    assertTrue(p.more());
  }

  @Test
  void giveUpAfterTheRetryBound() {
    KvStore kv = kv();
    KvStore other = new KvStore(kv.objects()); // another node: its writes conflict
    KvStore tight =
        new KvStore(kv.objects(), new RetryPolicy(3, Duration.ofNanos(1000), Duration.ofMillis(1)));
    join(increment(kv, "o", "a"));
    ConflictException e =
        assertThrows(
            ConflictException.class,
            () ->
                join(
                    tight.update(
                        "o",
                        ReadSet.of("a"),
                        txn -> {
                          join(increment(other, "o", "a")); // always a conflicting writer
                          return txn.set("a", u64(0));
                        })));
    assertTrue(e.getMessage().contains("3 conflicts"), e.getMessage());
  }

  @Test
  void deleteIsIdempotent() {
    KvStore kv = kv();
    join(increment(kv, "o", "a"));
    join(kv.delete("o"));
    join(kv.delete("o"));
    assertFalse(join(kv.read("o", ReadSet.of("a"))).exists());
  }

  @Test
  void aCorruptRecordFailsTheTransactionAndNothingIsOverwritten() {
    KvStore kv = kv();
    join(kv.objects().write("o", WriteOp.builder().omapSet("rec", Bytes.utf8("corrupt")).build()));
    long before = join(kv.read("o", ReadSet.of("rec"))).version();
    CorruptRecordException e =
        assertThrows(
            CorruptRecordException.class,
            () ->
                join(
                    kv.update(
                        "o",
                        ReadSet.of("rec"),
                        txn -> {
                          Envelope.decode(txn.get("rec").orElseThrow());
                          return txn.set("rec", Bytes.utf8("overwritten"));
                        })));
    assertTrue(e.getMessage().contains("too short"), e.getMessage());
    KvStore.Snapshot after = join(kv.read("o", ReadSet.of("rec")));
    assertEquals(before, after.version());
    assertEquals(Bytes.utf8("corrupt"), after.entries().get("rec"));
  }

  @Test
  void aTransactionOnAMissingPoolFailsClearly() {
    RadosClient c = newClient();
    clients.add(c);
    assertThrows(PoolNotFoundException.class, () -> c.store("missing-pool-" + ns, ""));
  }

  @Test
  void emptyValuesAreRefused() {
    KvStore kv = kv();
    assertThrows(
        IllegalArgumentException.class,
        () -> join(kv.update("o", ReadSet.NONE, txn -> txn.set("a", Bytes.EMPTY))));
  }

  /** An object store that counts the reads (and, if given, writes) that reach it. */
  static ObjectStore countingReads(ObjectStore inner, AtomicInteger reads) {
    return counting(inner, reads, new AtomicInteger());
  }

  static ObjectStore counting(ObjectStore inner, AtomicInteger reads, AtomicInteger writes) {
    return (ObjectStore)
        java.lang.reflect.Proxy.newProxyInstance(
            ObjectStore.class.getClassLoader(),
            new Class<?>[] {ObjectStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("read")) {
                reads.incrementAndGet();
              }
              if (method.getName().equals("write")) {
                writes.incrementAndGet();
              }
              try {
                return method.invoke(inner, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void aTransactionAfterThisStoresCommitSkipsTheRead() {
    AtomicInteger reads = new AtomicInteger();
    KvStore kv = new KvStore(countingReads(kv().objects(), reads));
    join(increment(kv, "o", "a"));
    int afterFirst = reads.get();
    for (int i = 0; i < 5; i++) {
      join(increment(kv, "o", "a"));
    }
    assertEquals(afterFirst, reads.get(), "commits after the first start from the cached state");
    assertEquals(6L, u64(join(kv.get("o", "a")).get("a")));
    assertEquals(1, kv.cachedObjects());
  }

  @Test
  void theCacheKeepsWhatItKnewOfKeysATransactionDidNotRead() {
    AtomicInteger reads = new AtomicInteger();
    KvStore kv = new KvStore(countingReads(kv().objects(), reads));
    join(increment(kv, "o", "a"));
    join(increment(kv, "o", "b"));
    assertEquals(2, reads.get(), "b was not known yet");
    for (int i = 0; i < 3; i++) {
      join(increment(kv, "o", "a"));
      join(increment(kv, "o", "b"));
    }
    assertEquals(2, reads.get(), "a and b both known after b's commit");
    assertEquals(4L, u64(join(kv.get("o", "a")).get("a")));
    assertEquals(4L, u64(join(kv.get("o", "b")).get("b")));
  }

  @Test
  void aStaleCachedStateIsAConflictAndLosesNoUpdate() {
    KvStore a = kv();
    KvStore b = new KvStore(a.objects());
    join(increment(a, "o", "n")); // a caches n=1
    join(increment(b, "o", "n")); // n=2 behind a's back
    join(increment(b, "o", "n")); // n=3
    assertEquals(4L, join(increment(a, "o", "n")), "a's cached n=1 must not win");
    assertEquals(4L, u64(join(b.get("o", "n")).get("n")));
  }

  @Test
  void aReadOnlyTransactionNeverAnswersFromTheCache() {
    KvStore a = kv();
    KvStore b = new KvStore(a.objects());
    join(increment(a, "o", "n"));
    join(increment(b, "o", "n"));
    long seen = join(a.update("o", ReadSet.of("n"), txn -> u64(txn.get("n").orElseThrow())));
    assertEquals(2L, seen);
  }

  @Test
  void aCachedPrefixSeesAnotherStoresInsert() {
    KvStore a = kv();
    KvStore b = new KvStore(a.objects());
    join(a.update("f", ReadSet.prefix("open."), txn -> txn.set("open.1", Bytes.utf8("x"))));
    join(b.update("f", ReadSet.NONE, txn -> txn.set("open.2", Bytes.utf8("y"))));
    int seen =
        join(
            a.update(
                "f",
                ReadSet.prefix("open."),
                txn -> {
                  txn.set("open.3", Bytes.utf8("z"));
                  return txn.prefix("open.").size();
                }));
    assertEquals(2, seen, "the body's last run saw open.1 and open.2");
    assertEquals(3, join(a.listAll("f", "open.")).size());
  }

  @Test
  void aRemovedObjectIsKnownAbsentAndRecreatedWithoutARead() {
    AtomicInteger reads = new AtomicInteger();
    KvStore kv = new KvStore(countingReads(kv().objects(), reads));
    join(increment(kv, "o", "n"));
    join(kv.update("o", ReadSet.of("n"), Txn::removeObject));
    int before = reads.get();
    assertEquals(1L, join(increment(kv, "o", "n")));
    assertEquals(before, reads.get(), "the store removed it: no read to learn it is gone");
    assertEquals(1L, u64(join(kv.get("o", "n")).get("n")));
  }

  @Test
  void anObjectRemovedHereAndRecreatedElsewhereLosesNoUpdate() {
    KvStore a = kv();
    KvStore b = new KvStore(a.objects());
    join(increment(a, "o", "n"));
    join(a.update("o", ReadSet.of("n"), Txn::removeObject)); // a: known absent
    join(increment(b, "o", "n")); // n=1, created behind a's back
    assertEquals(2L, join(increment(a, "o", "n")), "a's exclusive create fails, a reads");
    assertEquals(2L, u64(join(b.get("o", "n")).get("n")));
  }

  @Test
  void expectAbsentSkipsTheReadOfANewObject() {
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger writes = new AtomicInteger();
    KvStore kv = new KvStore(counting(kv().objects(), reads, writes));
    kv.expectAbsent("fresh");
    int seen =
        join(
            kv.update(
                "fresh",
                ReadSet.prefix(""),
                txn -> {
                  int before = txn.all().size() + (txn.exists() ? 100 : 0);
                  txn.set("open.1", Bytes.utf8("x"));
                  return before;
                }));
    assertEquals(0, seen, "the body ran on the empty state of a missing object");
    assertEquals(0, reads.get());
    assertEquals(1, writes.get());
    assertEquals(Bytes.utf8("x"), join(kv.get("fresh", "open.1")).get("open.1"));
  }

  @Test
  void aWrongExpectAbsentCostsARetryNeverAnUpdate() {
    KvStore a = kv();
    KvStore b = new KvStore(a.objects());
    for (int i = 0; i < 5; i++) {
      join(increment(b, "o", "n"));
    }
    a.expectAbsent("o");
    assertEquals(6L, join(increment(a, "o", "n")), "the exclusive create failed; a read n=5");
    a.expectAbsent("o");
    long seen = join(a.update("o", ReadSet.of("n"), txn -> u64(txn.get("n").orElseThrow())));
    assertEquals(6L, seen, "a read-only body never answers from a guess");
  }

  @Test
  void aDisabledCacheReadsEveryTime() {
    AtomicInteger reads = new AtomicInteger();
    KvStore kv = new KvStore(countingReads(kv().objects(), reads), RetryPolicy.DEFAULT, 0);
    for (int i = 0; i < 3; i++) {
      join(increment(kv, "o", "a"));
    }
    assertEquals(3, reads.get());
    assertEquals(0, kv.cachedObjects());
  }

  @Test
  void oneStoresTransactionsOnOneObjectQueueInsteadOfConflicting() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger writes = new AtomicInteger();
    KvStore kv = new KvStore(counting(kv().objects(), reads, writes));
    int n = 200;
    List<CompletableFuture<Long>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(increment(kv, "hot", "k"));
    }
    for (CompletableFuture<Long> f : all) {
      join(f);
    }
    assertEquals((long) n, u64(join(kv.get("hot", "k")).get("k")));
    assertTrue(writes.get() <= n, "no conflict, no retry: " + writes.get() + " writes");
    assertEquals(2, reads.get(), "the first transaction's read and the final get");
    List<Long> results = new ArrayList<>();
    for (CompletableFuture<Long> f : all) {
      results.add(join(f));
    }
    for (int i = 0; i < n; i++) {
      assertEquals(i + 1L, results.get(i), "FIFO per object");
    }
  }

  @Test
  void aBodyThatThrowsFailsItsTransactionAndTheNextOneRuns() {
    KvStore kv = kv();
    join(increment(kv, "o", "n")); // cached: the next body runs on the caller's thread
    CompletableFuture<Long> bad =
        kv.update(
            "o",
            ReadSet.of("n"),
            txn -> {
              throw new IllegalStateException("body failed");
            });
    assertThrows(IllegalStateException.class, () -> join(bad));
    assertEquals(2L, join(increment(kv, "o", "n")), "the queue moved on");
  }

  /**
   * A store whose writes wait for {@code gate} (the first {@code held} ones): lets a test queue
   * transactions behind a write in flight, as under load.
   */
  static ObjectStore gatedWrites(
      ObjectStore inner, CompletableFuture<Void> gate, List<WriteOp> seen) {
    return (ObjectStore)
        java.lang.reflect.Proxy.newProxyInstance(
            ObjectStore.class.getClassLoader(),
            new Class<?>[] {ObjectStore.class},
            (proxy, method, args) -> {
              try {
                if (method.getName().equals("write")) {
                  synchronized (seen) {
                    seen.add((WriteOp) args[1]);
                  }
                  return gate.thenCompose(
                      v -> {
                        try {
                          return (CompletableFuture<?>) method.invoke(inner, args);
                        } catch (ReflectiveOperationException e) {
                          throw new IllegalStateException(e);
                        }
                      });
                }
                return method.invoke(inner, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void transactionsQueuedBehindAWriteInFlightCommitTogether() {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    List<WriteOp> writes = new ArrayList<>();
    KvStore kv = new KvStore(gatedWrites(kv().objects(), gate, writes));
    int n = 1 + 2 * KvStore.MAX_GROUP + 5;
    List<CompletableFuture<Long>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(increment(kv, "hot", "k"));
    }
    // the first transaction runs alone (its read may still be in flight); the others wait for it
    gate.complete(null);
    for (int i = 0; i < n; i++) {
      assertEquals(i + 1L, join(all.get(i)), "each body saw the writes of those before it");
    }
    assertEquals(4, writes.size(), "1 + two full groups + the rest");
    assertEquals((long) n, u64(join(kv.get("hot", "k")).get("k")));
  }

  @Test
  void inAGroupAThrowingBodyFailsAloneAndItsWritesAreDropped() {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    List<WriteOp> writes = new ArrayList<>();
    KvStore kv = new KvStore(gatedWrites(kv().objects(), gate, writes));
    CompletableFuture<Long> first = increment(kv, "o", "n");
    CompletableFuture<Long> second = increment(kv, "o", "n");
    CompletableFuture<Long> bad =
        kv.update(
            "o",
            ReadSet.of("n"),
            txn -> {
              txn.set("n", u64(999));
              txn.set("junk", Bytes.utf8("x"));
              throw new IllegalStateException("body failed");
            });
    CompletableFuture<Long> third = increment(kv, "o", "n");
    gate.complete(null);
    assertEquals(1L, join(first));
    assertEquals(2L, join(second));
    assertThrows(IllegalStateException.class, () -> join(bad));
    assertEquals(3L, join(third), "the failed body's write of n is not seen");
    assertEquals(2, writes.size());
    assertFalse(join(kv.get("o", "junk")).containsKey("junk"));
  }

  @Test
  void aBodysOwnGuardNeverFailsAnotherBodysCommit() {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    List<WriteOp> writes = new ArrayList<>();
    KvStore kv =
        new KvStore(
            gatedWrites(kv().objects(), gate, writes),
            new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2)));
    CompletableFuture<Long> first = increment(kv, "o", "n");
    CompletableFuture<Long> second = increment(kv, "o", "n");
    CompletableFuture<Long> guarded =
        kv.update(
            "o",
            ReadSet.of("n"),
            txn -> {
              // a guard that never holds: an omap_cmp on another object's key value
              txn.require(new WriteOp.OmapCmp("absent-key", CmpOp.EQ, Bytes.utf8("never")));
              txn.set("n", u64(999));
              return -1L;
            });
    CompletableFuture<Long> third = increment(kv, "o", "n");
    gate.complete(null);
    assertEquals(1L, join(first));
    assertEquals(2L, join(second));
    assertThrows(ConflictException.class, () -> join(guarded));
    assertEquals(3L, join(third), "committed although the guarded body before it could not");
  }

  @Test
  void inAGroupARemovedObjectEndsTheGroup() {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    List<WriteOp> writes = new ArrayList<>();
    KvStore kv = new KvStore(gatedWrites(kv().objects(), gate, writes));
    CompletableFuture<Long> first = increment(kv, "o", "n");
    CompletableFuture<Long> second = increment(kv, "o", "n");
    CompletableFuture<Void> gone =
        kv.update(
            "o",
            ReadSet.of("n"),
            txn -> {
              txn.removeObject();
              return null;
            });
    CompletableFuture<Long> after = increment(kv, "o", "n");
    gate.complete(null);
    assertEquals(1L, join(first));
    assertEquals(2L, join(second));
    join(gone);
    assertEquals(1L, join(after), "a new object after the removal");
    assertEquals(3, writes.size(), "first; second and the removal; the new object");
  }
}
