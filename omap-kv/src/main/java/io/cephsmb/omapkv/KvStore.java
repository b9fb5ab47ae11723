package io.cephsmb.omapkv;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Transactional key-value state over the omap of RADOS objects: the replacement for a TDB
 * transaction. {@link #update} reads a consistent snapshot of some keys of one object, lets a body
 * compute, and writes the result back as one guarded compound operation; a concurrent change to
 * what was read makes the write fail as a whole, and the transaction runs again (with jittered
 * backoff, up to the {@link RetryPolicy} bound). Reads, listing and delete round it off.
 *
 * <p>Everything is asynchronous; bodies run on a store thread (or, when the snapshot comes from the
 * cache, on the caller's) and must not block.
 *
 * <p>Transactions of one store on one object are queued (one lane for those that read a prefix, one
 * for the others) and each lane has one compound write in flight at a time, carrying every
 * transaction that queued meanwhile (group commit, see {@link #update}). So a hot object costs this
 * node no conflicts and retries, only those with other nodes, and one round trip per group, not per
 * transaction; a body must therefore never wait for another transaction of the same store on the
 * same object.
 *
 * <p>A {@link SnapshotCache} remembers the last committed state of small objects, so a transaction
 * on an object this store changed last costs one round trip (the guarded write) instead of two. The
 * guards are the same as after a read, so a stale cache entry is only a conflict that sends the
 * transaction back to a fresh read; read-only transactions always read.
 */
public final class KvStore {

  /** Entries per omap read (RADOS answers at most this many in one reply by default). */
  static final int PAGE = 1000;

  /** Objects whose last state a store remembers by default. */
  public static final int DEFAULT_CACHED_OBJECTS = 1024;

  private final ObjectStore store;
  private final RetryPolicy retry;
  private final SnapshotCache cache;

  /** The transactions waiting on each object (and read kind) of this store; see update(). */
  private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

  public KvStore(ObjectStore store) {
    this(store, RetryPolicy.DEFAULT);
  }

  public KvStore(ObjectStore store, RetryPolicy retry) {
    this(store, retry, DEFAULT_CACHED_OBJECTS);
  }

  /**
   * @param cachedObjects how many objects' last state to remember (0: every transaction reads)
   */
  public KvStore(ObjectStore store, RetryPolicy retry, int cachedObjects) {
    this.store = store;
    this.retry = retry;
    this.cache = new SnapshotCache(cachedObjects);
  }

  /** How many objects' state the cache holds now (for tests and metrics). */
  public int cachedObjects() {
    return cache.size();
  }

  /**
   * Tells the store that {@code oid} most likely does not exist (it names something the caller just
   * created, such as a new inode): the next transaction on it runs its bodies on the empty state
   * without reading, and its write creates the object exclusively. If the object exists after all,
   * that write fails as a conflict and the transaction reads and runs again, so a wrong guess costs
   * a round trip, never correctness. Without a cache ({@code cachedObjects} 0) this does nothing.
   */
  public void expectAbsent(String oid) {
    cache.absent(oid);
  }

  /** The object store underneath. */
  public ObjectStore objects() {
    return store;
  }

  /** A consistent read of one object: the read set's entries and the object's version. */
  public record Snapshot(boolean exists, long version, SortedMap<String, Bytes> entries) {}

  /**
   * Reads the keys and prefix of {@code reads} from one version of the object (pages past the first
   * are guarded by that version and the read restarts if the object changes meanwhile). A missing
   * object reads as empty, version 0.
   */
  public CompletableFuture<Snapshot> read(String oid, ReadSet reads) {
    return readAttempt(oid, reads, 1);
  }

  private CompletableFuture<Snapshot> readAttempt(String oid, ReadSet reads, int attempt) {
    ReadOp.Builder first = ReadOp.builder();
    if (!reads.keys().isEmpty()) {
      first.omapGetByKeys(reads.keys());
    }
    if (reads.prefix() != null) {
      first.omapGetVals("", reads.prefix(), PAGE);
    }
    if (reads.keys().isEmpty() && reads.prefix() == null) {
      first.stat();
    }
    CompletableFuture<Snapshot> pages =
        store
            .read(oid, first.build())
            .thenCompose(
                r -> {
                  TreeMap<String, Bytes> entries = new TreeMap<>(r.byKeys());
                  entries.putAll(r.vals());
                  if (!r.more()) {
                    return CompletableFuture.completedFuture(
                        new Snapshot(true, r.version(), entries));
                  }
                  return nextPages(oid, reads.prefix(), r.version(), r.vals().lastKey(), entries);
                });
    return Futures.flatHandle(
        pages,
        (snap, cause) -> {
          if (cause == null) {
            return CompletableFuture.completedFuture(snap);
          }
          if (cause instanceof ObjectNotFoundException) {
            return CompletableFuture.completedFuture(
                new Snapshot(false, 0, new TreeMap<String, Bytes>()));
          }
          if (cause instanceof GuardFailedException && attempt < retry.maxAttempts()) {
            return later(attempt, () -> readAttempt(oid, reads, attempt + 1));
          }
          return CompletableFuture.<Snapshot>failedFuture(cause);
        });
  }

  private CompletableFuture<Snapshot> nextPages(
      String oid, String prefix, long version, String after, SortedMap<String, Bytes> acc) {
    ReadOp op = ReadOp.builder().assertVersion(version).omapGetVals(after, prefix, PAGE).build();
    return store
        .read(oid, op)
        .thenCompose(
            r -> {
              acc.putAll(r.vals());
              if (!r.more()) {
                return CompletableFuture.completedFuture(new Snapshot(true, version, acc));
              }
              return nextPages(oid, prefix, version, r.vals().lastKey(), acc);
            });
  }

  /**
   * Runs a transaction on one object: reads {@code reads}, applies {@code body} to a {@link Txn}
   * holding the snapshot, and commits the body's writes atomically, guarded so that it fails if
   * anything read has changed since; on such a conflict it starts over. A body that writes nothing
   * commits nothing. Completes with the body's result of the attempt that committed, or fails with
   * {@link ConflictException} after the retry bound, or with the store's error.
   *
   * <p>Group commit: transactions of this store on one object that wait behind a running one are
   * committed together in the next round trip (up to {@value #MAX_GROUP}): their bodies run one
   * after the other on the same snapshot, each seeing the writes of those before it, and the writes
   * go out as one compound operation guarded by everything any of them read. Under load a hot
   * object thus costs one RADOS write per round trip, not one per transaction. A body that throws
   * fails alone; a body that adds guards of its own ({@link Txn#require}) or removes the object
   * ends its group, so that a guard of one caller can never fail another's commit.
   */
  public <T> CompletableFuture<T> update(String oid, ReadSet reads, Function<Txn, T> body) {
    // prefix readers of an object form one lane, key readers (and blind writers) another: key
    // readers never wait for prefix readers, as their guards do not cover each other's keys
    String laneKey = oid + (reads.prefix() != null ? "\0p" : "\0k");
    Pending<T> p = new Pending<>(reads, body);
    boolean[] start = {false};
    lanes.compute(
        laneKey,
        (k, lane) -> {
          Lane l = lane == null ? new Lane() : lane;
          l.waiting.add(p);
          if (!l.running) {
            l.running = true;
            start[0] = true;
          }
          return l;
        });
    if (start[0]) {
      drain(oid, laneKey);
    }
    return p.result;
  }

  /** Transactions committed together at most. */
  static final int MAX_GROUP = 32;

  /** The transactions of one lane: those waiting, and whether a group is running. */
  private static final class Lane {
    final ArrayDeque<Pending<?>> waiting = new ArrayDeque<>();
    boolean running;
  }

  /** One caller's transaction, with its body's result in the current attempt. */
  private static final class Pending<T> {
    final ReadSet reads;
    final Function<Txn, T> body;
    final CompletableFuture<T> result = new CompletableFuture<>();
    T value;

    Pending(ReadSet reads, Function<Txn, T> body) {
      this.reads = reads;
      this.body = body;
    }

    /** Runs the body on {@code txn}, keeping its result for {@link #complete}. */
    void run(Txn txn) {
      value = body.apply(txn);
    }

    void complete() {
      result.complete(value);
    }

    void fail(Throwable t) {
      result.completeExceptionally(Futures.unwrap(t));
    }
  }

  /** Runs the lane's groups one after the other until nothing waits (no recursion per group). */
  private void drain(String oid, String laneKey) {
    while (true) {
      List<Pending<?>> group = take(laneKey);
      if (group == null) {
        return;
      }
      CompletableFuture<Void> done;
      try {
        done = runGroup(oid, laneKey, group);
      } catch (RuntimeException | Error e) {
        group.forEach(p -> p.fail(e));
        continue;
      }
      if (!done.isDone()) {
        CompletableFuture<?> unused = done.whenComplete((v, e) -> drain(oid, laneKey));
        return;
      }
    }
  }

  /** The next group of the lane (same prefix, FIFO), or null after marking the lane idle. */
  private List<Pending<?>> take(String laneKey) {
    List<Pending<?>> group = new ArrayList<>();
    lanes.compute(
        laneKey,
        (k, lane) -> {
          if (lane == null || lane.waiting.isEmpty()) {
            return null;
          }
          Pending<?> first = lane.waiting.poll();
          group.add(first);
          while (group.size() < MAX_GROUP
              && !lane.waiting.isEmpty()
              && Objects.equals(lane.waiting.peek().reads.prefix(), first.reads.prefix())) {
            group.add(lane.waiting.poll());
          }
          return lane;
        });
    return group.isEmpty() ? null : group;
  }

  /** Puts members back at the head of the lane, in order, for the next group. */
  private void requeue(String laneKey, List<Pending<?>> members) {
    if (members.isEmpty()) {
      return;
    }
    lanes.compute(
        laneKey,
        (k, lane) -> {
          for (int i = members.size() - 1; i >= 0; i--) {
            lane.waiting.addFirst(members.get(i));
          }
          return lane;
        });
  }

  /** Completes when every member of the group is completed (never exceptionally). */
  private CompletableFuture<Void> runGroup(String oid, String laneKey, List<Pending<?>> group) {
    ReadSet union = group.get(0).reads;
    if (group.size() > 1) {
      SortedSet<String> keys = new TreeSet<>();
      for (Pending<?> p : group) {
        keys.addAll(p.reads.keys());
      }
      union = new ReadSet(keys, union.prefix());
    }
    List<Pending<?>> members = new ArrayList<>(group);
    return attempt(oid, laneKey, union, members, 1, true)
        .handle(
            (v, e) -> {
              if (e != null) {
                members.forEach(p -> p.fail(e));
              }
              return null;
            });
  }

  /**
   * One attempt of a group: snapshot (cached or read), bodies, guarded write. Completes when the
   * members still in {@code members} have committed (their results are then completed); fails if
   * the attempt failed for them all.
   */
  private CompletableFuture<Void> attempt(
      String oid,
      String laneKey,
      ReadSet reads,
      List<Pending<?>> members,
      int attempt,
      boolean useCache) {
    Snapshot cached = useCache ? cache.lookup(oid, reads) : null;
    CompletableFuture<Boolean> committed;
    if (cached != null) {
      committed = commit(oid, laneKey, reads, members, cached, true);
    } else {
      committed =
          read(oid, reads).thenCompose(snap -> commit(oid, laneKey, reads, members, snap, false));
    }
    return Futures.flatHandle(
        committed,
        (done, cause) -> {
          if (cause == null) {
            if (!done) {
              // read-only bodies answered from the cache: run them again on a fresh read
              return attempt(oid, laneKey, reads, members, attempt, false);
            }
            members.forEach(Pending::complete);
            return CompletableFuture.completedFuture((Void) null);
          }
          if (!isConflict(cause)) {
            return CompletableFuture.<Void>failedFuture(cause);
          }
          if (cached != null) {
            // the cached state was not current: a cache miss, not a contended object
            cache.stale(oid, cached.version());
            return attempt(oid, laneKey, reads, members, attempt, false);
          }
          if (attempt >= retry.maxAttempts()) {
            return CompletableFuture.<Void>failedFuture(
                new ConflictException(
                    "transaction on " + oid + " gave up after " + attempt + " conflicts", cause));
          }
          return later(attempt, () -> attempt(oid, laneKey, reads, members, attempt + 1, false));
        });
  }

  /**
   * Runs the members' bodies in order on {@code snap} and writes what they wrote back as one
   * guarded operation. A body that throws fails its caller and leaves the group; the members from
   * one that must be alone onwards go back to the lane. Completes with true once written (or when
   * nothing was to be written on a fresh read), false when read-only bodies ran on a cached
   * snapshot and must run again.
   */
  private CompletableFuture<Boolean> commit(
      String oid,
      String laneKey,
      ReadSet reads,
      List<Pending<?>> members,
      Snapshot snap,
      boolean fromCache) {
    Map<String, Bytes> readKeys = new TreeMap<>();
    for (String k : reads.keys()) {
      readKeys.put(k, snap.entries().getOrDefault(k, Bytes.EMPTY));
    }
    boolean prefixRead = reads.prefix() != null;
    // the first body sees the snapshot itself (a map of this attempt's own that nothing changes:
    // its result may keep views of it); later ones see a copy of the state the bodies before them
    // left
    Txn all =
        new Txn(
            oid, snap.exists(), snap.version(), navigable(snap.entries()), prefixRead, readKeys);
    NavigableMap<String, Bytes> state =
        members.size() > 1 ? new TreeMap<>(snap.entries()) : new TreeMap<>();
    List<Pending<?>> ran = new ArrayList<>(members.size());
    List<Pending<?>> back = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Pending<?> p = members.get(i);
      Txn txn =
          i == 0
              ? all
              : new Txn(
                  oid,
                  snap.exists() || all.hasWrites(),
                  snap.version(),
                  new TreeMap<>(state),
                  prefixRead,
                  readKeys);
      try {
        p.run(txn);
      } catch (RuntimeException | Error e) {
        p.fail(e);
        continue;
      }
      if (i > 0 && txn.hasGuards()) {
        // its own guard must not be able to fail the others' commit: it goes first next time
        back.addAll(members.subList(i, members.size()));
        break;
      }
      ran.add(p);
      if (i > 0) {
        all.merge(txn);
      }
      if (txn.removesObject() || (i == 0 && txn.hasGuards())) {
        back.addAll(members.subList(i + 1, members.size()));
        break;
      }
      if (members.size() > 1) {
        all.applyTo(state);
      }
    }
    members.retainAll(ran);
    requeue(laneKey, back);
    if (!all.hasWrites()) {
      if (fromCache) {
        return CompletableFuture.completedFuture(false);
      }
      cache.read(oid, reads, snap);
      return CompletableFuture.completedFuture(true);
    }
    return store
        .write(oid, all.toWriteOp())
        .thenApply(
            version -> {
              cache.committed(oid, reads, snap, all, version);
              return true;
            });
  }

  private static NavigableMap<String, Bytes> navigable(SortedMap<String, Bytes> m) {
    return m instanceof NavigableMap<String, Bytes> n ? n : new TreeMap<>(m);
  }

  /** A guard failed, or the object vanished under a key-guarded write: run again. */
  private static boolean isConflict(Throwable t) {
    return t instanceof GuardFailedException || t instanceof ObjectNotFoundException;
  }

  private <T> CompletableFuture<T> later(int attempt, Supplier<CompletableFuture<T>> next) {
    return Futures.delay(retry.delayNanos(attempt)).thenCompose(v -> next.get());
  }

  /** Reads the given keys (missing keys, or a missing object, give no entry). */
  public CompletableFuture<SortedMap<String, Bytes>> get(String oid, String... keys) {
    return read(oid, ReadSet.of(keys)).thenApply(Snapshot::entries);
  }

  /** One page of a listing. */
  public record Page(SortedMap<String, Bytes> entries, boolean more) {}

  /** Up to {@code max} entries under {@code prefix} after {@code startAfter}, in key order. */
  public CompletableFuture<Page> list(String oid, String prefix, String startAfter, int max) {
    ReadOp op = ReadOp.builder().omapGetVals(startAfter, prefix, max).build();
    return store
        .read(oid, op)
        .thenApply(r -> new Page(r.vals(), r.more()))
        .exceptionally(
            err -> {
              if (unwrap(err) instanceof ObjectNotFoundException) {
                return new Page(new TreeMap<>(), false);
              }
              throw new CompletionException(unwrap(err));
            });
  }

  /** Every entry under {@code prefix}, read from one version of the object. */
  public CompletableFuture<SortedMap<String, Bytes>> listAll(String oid, String prefix) {
    return read(oid, ReadSet.prefix(prefix)).thenApply(Snapshot::entries);
  }

  /** Deletes the object; a missing object is not an error. */
  public CompletableFuture<Void> delete(String oid) {
    return store
        .write(oid, WriteOp.builder().remove().build())
        .<Void>thenApply(v -> null)
        .exceptionally(
            err -> {
              if (unwrap(err) instanceof ObjectNotFoundException) {
                return null;
              }
              throw new CompletionException(unwrap(err));
            });
  }

  private static Throwable unwrap(Throwable t) {
    return Futures.unwrap(t);
  }
}
