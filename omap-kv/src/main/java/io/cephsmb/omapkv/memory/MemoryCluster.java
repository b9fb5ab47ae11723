package io.cephsmb.omapkv.memory;

import io.cephsmb.omapkv.PoolNotFoundException;
import io.cephsmb.omapkv.RadosClient;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory twin of a Ceph cluster: pools, namespaces, objects with versions, omap, xattrs and
 * cls_lock locks, watch/notify with acks and timeouts, and client blocklisting. Same semantics as
 * the real cluster for everything the {@link io.cephsmb.omapkv.ObjectStore} SPI offers (the
 * contract suite runs against both), for fast unit tests.
 *
 * <p>All object state sits behind one monitor: the twin is about semantics, not speed. Operations
 * run on the cluster's own threads, so futures never complete on the caller's thread.
 */
public final class MemoryCluster implements AutoCloseable {

  /** Key of one object: pool, namespace, name. */
  record ObjKey(String pool, String namespace, String oid) {}

  final Object monitor = new Object();
  final Map<ObjKey, MemoryObject> objects = new ConcurrentHashMap<>();
  final Map<ObjKey, Map<Long, MemoryWatch>> watches = new ConcurrentHashMap<>();
  final Map<String, Long> blocklist = new ConcurrentHashMap<>();
  private final Set<String> pools = ConcurrentHashMap.newKeySet();
  private final AtomicLong versions = new AtomicLong(0);
  private final AtomicLong clientIds = new AtomicLong(4100);
  private final AtomicLong cookies = new AtomicLong(1);
  private final AtomicLong notifyIds = new AtomicLong(1);
  final ScheduledExecutorService executor;

  /** A cluster with no pools. */
  public MemoryCluster() {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf =
        r -> {
          Thread t = new Thread(r, "memory-rados-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.executor = Executors.newScheduledThreadPool(4, tf);
  }

  /** Creates a pool (a no-op if it exists). */
  public MemoryCluster createPool(String name) {
    pools.add(name);
    return this;
  }

  /** A new client connection (its own id and address). */
  public MemoryClient connect() {
    long id = clientIds.getAndIncrement();
    return new MemoryClient(this, id, "127.0.0.1:0/" + (1_000_000_000L + id * 7919));
  }

  /** Same as {@link #connect()}, typed as the SPI. */
  public RadosClient connectClient() {
    return connect();
  }

  void requirePool(String pool) {
    if (!pools.contains(pool)) {
      throw new PoolNotFoundException(2, "pool " + pool + ": ENOENT (2)");
    }
  }

  long nextVersion() {
    return versions.incrementAndGet();
  }

  long nextCookie() {
    return cookies.getAndIncrement();
  }

  long nextNotifyId() {
    return notifyIds.getAndIncrement();
  }

  boolean isBlocklisted(String address) {
    Long until = blocklist.get(address);
    if (until == null) {
      return false;
    }
    if (until - System.nanoTime() <= 0) {
      blocklist.remove(address, until);
      return false;
    }
    return true;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
