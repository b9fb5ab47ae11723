package io.cephsmb.omapkv.memory;

import io.cephsmb.omapkv.BlocklistedException;
import io.cephsmb.omapkv.NotConnectedException;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.RadosClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection to a {@link MemoryCluster}. {@link #crash()} makes it behave like a killed
 * process: its operations fail and its watches stay registered but never ack.
 */
public final class MemoryClient implements RadosClient {
  private final MemoryCluster cluster;
  private final long id;
  private final String address;
  private volatile boolean closed;
  private volatile boolean crashed;

  MemoryClient(MemoryCluster cluster, long id, String address) {
    this.cluster = cluster;
    this.id = id;
    this.address = address;
  }

  @Override
  public ObjectStore store(String pool, String namespace) {
    cluster.requirePool(pool);
    return new MemoryObjectStore(cluster, this, pool, namespace);
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public long instanceId() {
    return id;
  }

  @Override
  public CompletableFuture<Void> blocklistAdd(String clientAddress, Duration expiry) {
    return CompletableFuture.runAsync(
        () -> {
          checkUsable("blocklist add");
          cluster.blocklist.put(clientAddress, System.nanoTime() + expiry.toNanos());
        },
        cluster.executor);
  }

  @Override
  public CompletableFuture<Void> waitForLatestOsdMap() {
    return CompletableFuture.runAsync(() -> checkUsable("wait for osdmap"), cluster.executor);
  }

  /** Simulates SIGKILL: no more operations, watches stay but never answer. */
  public void crash() {
    crashed = true;
  }

  boolean alive() {
    return !closed && !crashed && !cluster.isBlocklisted(address);
  }

  void checkUsable(String what) {
    if (closed || crashed) {
      throw new NotConnectedException(107, what + ": client closed");
    }
    if (cluster.isBlocklisted(address)) {
      throw new BlocklistedException(108, what + ": ESHUTDOWN (blocklisted) (108)");
    }
  }

  @Override
  public void close() {
    closed = true;
    cluster.watches.values().forEach(m -> m.values().removeIf(w -> w.client == this));
  }
}
