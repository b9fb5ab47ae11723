package io.cephsmb.omapkv;

import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * <p>Transactions of one store on one object that read something are queued and run one at a time
 * (per object when they read a prefix, per object and key set when they read keys only), so a hot
 * object costs this node no conflicts and retries, only those with other nodes; a body must
 * therefore never wait for another transaction of the same store on the same object.
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

  /**
   * The last transaction queued on each object by this store: transactions of one store on one
   * object run one after the other (FIFO), so local callers never conflict with each other (and
   * each starts from the state the previous one committed, from the cache); only other stores'
   * writes can conflict.
   */
  private final java.util.concurrent.ConcurrentHashMap<String, CompletableFuture<?>> tails =
      new java.util.concurrent.ConcurrentHashMap<>();

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
   */
  public <T> CompletableFuture<T> update(String oid, ReadSet reads, Function<Txn, T> body) {
    if (reads.keys().isEmpty() && reads.prefix() == null) {
      // a blind write (guarded by existence only) conflicts with nobody: no need to queue
      return attempt(oid, reads, body, 1, true);
    }
    // transactions that read only keys conflict only over those keys: they queue per key set, so
    // transactions on different keys of one object still run side by side
    String queue = reads.prefix() != null ? oid : oid + '\0' + String.join("\0", reads.keys());
    CompletableFuture<T> result = new CompletableFuture<>();
    CompletableFuture<?> before = tails.put(queue, result);
    Runnable start =
        () -> {
          CompletableFuture<T> run;
          try {
            run = attempt(oid, reads, body, 1, true);
          } catch (RuntimeException | Error e) {
            run = CompletableFuture.failedFuture(e);
          }
          CompletableFuture<?> unused =
              run.whenComplete(
                  (v, e) -> {
                    tails.remove(oid, result);
                    if (e != null) {
                      result.completeExceptionally(Futures.unwrap(e));
                    } else {
                      result.complete(v);
                    }
                  });
        };
    if (before == null) {
      start.run();
    } else {
      CompletableFuture<?> unused = before.whenComplete((v, e) -> start.run());
    }
    return result;
  }

  /** The committed result, or {@code stale} when a cached snapshot served a read-only body. */
  private record Outcome<T>(T result, boolean stale) {}

  private <T> CompletableFuture<T> attempt(
      String oid, ReadSet reads, Function<Txn, T> body, int attempt, boolean useCache) {
    Snapshot cached = useCache ? cache.lookup(oid, reads) : null;
    CompletableFuture<Outcome<T>> committed;
    if (cached != null) {
      try {
        committed = commit(oid, reads, body, cached, true);
      } catch (RuntimeException | Error e) {
        // the body threw: the same failure as on a read snapshot, as a failed future
        committed = CompletableFuture.failedFuture(e);
      }
    } else {
      committed = read(oid, reads).thenCompose(snap -> commit(oid, reads, body, snap, false));
    }
    return Futures.flatHandle(
        committed,
        (out, cause) -> {
          if (cause == null) {
            if (out.stale()) {
              return attempt(oid, reads, body, attempt, false);
            }
            return CompletableFuture.completedFuture(out.result());
          }
          if (!isConflict(cause)) {
            return CompletableFuture.<T>failedFuture(cause);
          }
          if (cached != null) {
            // the cached state was not current: a cache miss, not a contended object
            cache.stale(oid, cached.version());
            return attempt(oid, reads, body, attempt, false);
          }
          if (attempt >= retry.maxAttempts()) {
            return CompletableFuture.<T>failedFuture(
                new ConflictException(
                    "transaction on " + oid + " gave up after " + attempt + " conflicts", cause));
          }
          return later(attempt, () -> attempt(oid, reads, body, attempt + 1, false));
        });
  }

  /** Runs the body on {@code snap} and writes its result back, guarded. */
  private <T> CompletableFuture<Outcome<T>> commit(
      String oid, ReadSet reads, Function<Txn, T> body, Snapshot snap, boolean fromCache) {
    Map<String, Bytes> readKeys = new TreeMap<>();
    for (String k : reads.keys()) {
      readKeys.put(k, snap.entries().getOrDefault(k, Bytes.EMPTY));
    }
    NavigableMap<String, Bytes> entries = new TreeMap<>(snap.entries());
    Txn txn =
        new Txn(oid, snap.exists(), snap.version(), entries, reads.prefix() != null, readKeys);
    T result = body.apply(txn);
    if (!txn.hasWrites()) {
      if (fromCache) {
        return CompletableFuture.completedFuture(new Outcome<>(null, true));
      }
      cache.read(oid, reads, snap);
      return CompletableFuture.completedFuture(new Outcome<>(result, false));
    }
    return store
        .write(oid, txn.toWriteOp())
        .thenApply(
            version -> {
              cache.committed(oid, reads, snap, txn, version);
              return new Outcome<>(result, false);
            });
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
