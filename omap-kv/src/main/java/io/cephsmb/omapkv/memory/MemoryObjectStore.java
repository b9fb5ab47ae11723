package io.cephsmb.omapkv.memory;

import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.Locker;
import io.cephsmb.omapkv.NotifyResult;
import io.cephsmb.omapkv.NotifyResult.WatcherId;
import io.cephsmb.omapkv.ObjectNotFoundException;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.ReadOp;
import io.cephsmb.omapkv.ReadResult;
import io.cephsmb.omapkv.Watch;
import io.cephsmb.omapkv.WatchListener;
import io.cephsmb.omapkv.WriteOp;
import io.cephsmb.omapkv.cls.ClassEmulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The twin's {@link ObjectStore}: one pool and namespace seen through one client. */
final class MemoryObjectStore implements ObjectStore {
  private final MemoryCluster cluster;
  private final MemoryClient client;
  private final String pool;
  private final String namespace;

  MemoryObjectStore(MemoryCluster cluster, MemoryClient client, String pool, String namespace) {
    this.cluster = cluster;
    this.client = client;
    this.pool = pool;
    this.namespace = namespace;
  }

  @Override
  public String pool() {
    return pool;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  private MemoryCluster.ObjKey key(String oid) {
    return new MemoryCluster.ObjKey(pool, namespace, oid);
  }

  private <T> CompletableFuture<T> async(String what, Supplier<T> body) {
    return CompletableFuture.supplyAsync(
        () -> {
          client.checkUsable(what);
          synchronized (cluster.monitor) {
            return body.get();
          }
        },
        cluster.executor);
  }

  /** Runs {@code mutation} on a copy of the object and keeps the copy only if it succeeded. */
  private long mutate(String oid, MutationBody mutation) {
    MemoryCluster.ObjKey k = key(oid);
    MemoryObject cur = cluster.objects.getOrDefault(k, new MemoryObject());
    MemoryObject w = cur.copy();
    if (mutation.apply(w)) {
      w.version = cluster.nextVersion();
      w.mtime = Instant.now();
      cluster.objects.put(k, w);
    }
    return w.version;
  }

  private interface MutationBody {
    boolean apply(MemoryObject w);
  }

  private MemoryObject current(String oid) {
    return cluster.objects.getOrDefault(key(oid), new MemoryObject());
  }

  @Override
  public CompletableFuture<Long> write(String oid, WriteOp op) {
    String what = "write " + oid;
    return async(
        what, () -> mutate(oid, w -> MemoryOps.applyWrite(w, op, client.instanceId(), what)));
  }

  @Override
  public CompletableFuture<ReadResult> read(String oid, ReadOp op) {
    String what = "read " + oid;
    return async(what, () -> MemoryOps.applyRead(current(oid), op, what));
  }

  @Override
  public CompletableFuture<Bytes> exec(String oid, String cls, String method, Bytes input) {
    String what = "exec " + cls + "." + method + " on " + oid;
    if (ClassEmulation.writes(cls, method)) {
      return write(oid, WriteOp.builder().exec(cls, method, input).build())
          .thenApply(v -> Bytes.EMPTY);
    }
    return async(
        what,
        () -> ClassEmulation.run(MemoryOps.view(current(oid).copy()), cls, method, input, what));
  }

  @Override
  public CompletableFuture<List<String>> listObjects() {
    return async(
        "list " + pool,
        () ->
            cluster.objects.entrySet().stream()
                .filter(e -> e.getValue().exists)
                .map(Map.Entry::getKey)
                .filter(k -> k.pool().equals(pool) && k.namespace().equals(namespace))
                .map(MemoryCluster.ObjKey::oid)
                .sorted()
                .toList());
  }

  @Override
  public CompletableFuture<Void> lockExclusive(
      String oid,
      String name,
      String cookie,
      String tag,
      String description,
      Duration duration,
      LockMode mode) {
    String what = "lock " + oid + " " + name;
    return async(
        what,
        () -> {
          mutate(
              oid,
              w -> {
                MemoryLocks.lock(
                    w,
                    name,
                    client.instanceId(),
                    client.address(),
                    cookie,
                    tag,
                    description,
                    duration,
                    mode,
                    what);
                return true;
              });
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> unlock(String oid, String name, String cookie) {
    String what = "unlock " + oid + " " + name;
    return async(
        what,
        () -> {
          mutate(
              oid,
              w -> {
                MemoryOps.requireExists(w, what);
                MemoryLocks.unlock(w, name, client.instanceId(), cookie, what);
                return true;
              });
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> breakLock(
      String oid, String name, String lockClient, String cookie) {
    String what = "break_lock " + oid + " " + name;
    return async(
        what,
        () -> {
          mutate(
              oid,
              w -> {
                MemoryOps.requireExists(w, what);
                MemoryLocks.breakLock(w, name, lockClient, cookie, what);
                return true;
              });
          return null;
        });
  }

  @Override
  public CompletableFuture<List<Locker>> lockers(String oid, String name) {
    String what = "list_lockers " + oid;
    return async(
        what,
        () -> {
          MemoryObject o = current(oid);
          return o.exists ? MemoryLocks.lockers(o, name) : List.<Locker>of();
        });
  }

  @Override
  public Watch watch(String oid, WatchListener listener) {
    String what = "watch " + oid;
    client.checkUsable(what);
    synchronized (cluster.monitor) {
      MemoryOps.requireExists(current(oid), what);
      MemoryWatch w = new MemoryWatch(cluster, key(oid), client, listener, cluster.nextCookie());
      cluster.watches.computeIfAbsent(key(oid), k -> new ConcurrentHashMap<>()).put(w.cookie(), w);
      return w;
    }
  }

  @Override
  public CompletableFuture<NotifyResult> notify(String oid, Bytes payload, Duration timeout) {
    String what = "notify " + oid;
    return async(
            what,
            () -> {
              if (!current(oid).exists) {
                throw new ObjectNotFoundException(Errno.ENOENT, what + ": ENOENT (2)");
              }
              return List.copyOf(cluster.watches.getOrDefault(key(oid), Map.of()).values());
            })
        .thenCompose(watchers -> deliver(watchers, payload, timeout));
  }

  private CompletableFuture<NotifyResult> deliver(
      List<MemoryWatch> watchers, Bytes payload, Duration timeout) {
    long notifyId = cluster.nextNotifyId();
    Map<WatcherId, Bytes> acks = new ConcurrentHashMap<>();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (MemoryWatch w : watchers) {
      WatcherId id = new WatcherId(w.client.instanceId(), w.cookie());
      // null = no ack (dead watcher, listener failed or never answered): it times out
      CompletableFuture<Bytes> reply =
          w.client.alive()
              ? CompletableFuture.completedFuture(payload)
                  .thenComposeAsync(
                      p -> w.listener.onNotify(notifyId, client.instanceId(), p), cluster.executor)
                  .thenApply(r -> r == null ? Bytes.EMPTY : r)
                  .exceptionally(e -> null)
              : new CompletableFuture<>();
      all.add(
          reply
              .completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
              .thenAccept(
                  r -> {
                    if (r != null) {
                      acks.put(id, r);
                    }
                  }));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              Set<WatcherId> timedOut = new HashSet<>();
              for (MemoryWatch w : watchers) {
                WatcherId id = new WatcherId(w.client.instanceId(), w.cookie());
                if (!acks.containsKey(id)) {
                  timedOut.add(id);
                }
              }
              return new NotifyResult(acks, timedOut);
            });
  }
}
