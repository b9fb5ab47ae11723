package io.cephsmb.omapkv;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The objects of one RADOS pool and namespace, as this project uses them: compound guarded writes
 * and reads, object-class calls, cls_lock exclusive locks, and watch/notify. Implemented over
 * librados ({@code io.cephsmb.omapkv.rados}) and in memory (the twin, {@code
 * io.cephsmb.omapkv.memory}); one contract test suite holds both to the same semantics.
 *
 * <p>Every operation is asynchronous: the future completes on a thread of the store (never the
 * caller's), exceptionally with a {@link KvException} subclass that says what went wrong. Callers
 * must not block in a continuation that runs on the store's thread; use the {@code *Async} variants
 * with their own executor for real work.
 */
public interface ObjectStore {

  /** The pool's name. */
  String pool();

  /** The RADOS namespace ("" is the default namespace). */
  String namespace();

  /**
   * Applies a compound write atomically.
   *
   * @return the object's version after the write (undefined after a {@link WriteOp.Remove})
   */
  CompletableFuture<Long> write(String oid, WriteOp op);

  /** Executes a compound read. */
  CompletableFuture<ReadResult> read(String oid, ReadOp op);

  /** Calls an object-class method outside a compound operation; returns its output. */
  CompletableFuture<Bytes> exec(String oid, String cls, String method, Bytes input);

  /** The names of the objects in this pool and namespace, sorted. */
  CompletableFuture<List<String>> listObjects();

  /**
   * Takes (or, with {@code renew}, renews) the cls_lock exclusive lock {@code name} on the object
   * for {@code duration} (zero = until unlocked). Fails with {@link LockBusyException} if another
   * client or cookie holds it. With {@code mustRenew} it fails with {@link LockNotHeldException}
   * unless this client and cookie still hold it (librados {@code LIBRADOS_LOCK_FLAG_MUST_RENEW}):
   * the lock expired or was broken in the meantime. Taking a lock on a missing object creates the
   * object. {@link LockBusyException} carries EBUSY for another holder (or another tag) and EEXIST
   * for {@link LockMode#ACQUIRE} of a lock this client and cookie already hold.
   */
  CompletableFuture<Void> lockExclusive(
      String oid,
      String name,
      String cookie,
      String tag,
      String description,
      Duration duration,
      LockMode mode);

  /** Releases the lock; fails with {@link LockNotHeldException} if this client does not hold it. */
  CompletableFuture<Void> unlock(String oid, String name, String cookie);

  /** Breaks another client's lock ({@code client} as in {@link Locker#client()}). */
  CompletableFuture<Void> breakLock(String oid, String name, String client, String cookie);

  /**
   * The current holders of the lock {@code name} (empty if none, expired, or the object does not
   * exist).
   */
  CompletableFuture<List<Locker>> lockers(String oid, String name);

  /**
   * Watches the object: every notify on it reaches {@code listener}. The object must exist.
   * Synchronous: the watch is registered when this returns.
   */
  Watch watch(String oid, WatchListener listener);

  /**
   * Notifies every watcher of the object and waits for their acks, at most {@code timeout}.
   * Completes normally even if some watchers timed out: they are in {@link
   * NotifyResult#timedOut()}.
   */
  CompletableFuture<NotifyResult> notify(String oid, Bytes payload, Duration timeout);

  /** How {@link #lockExclusive} treats an existing lock of the same client and cookie. */
  enum LockMode {
    /** Take the lock; fail with {@link LockBusyException} if anybody holds it (also us). */
    ACQUIRE,
    /** Take the lock, or extend it if this client and cookie hold it. */
    MAY_RENEW,
    /** Extend the lock; fail with {@link LockNotHeldException} unless we still hold it. */
    MUST_RENEW
  }
}
