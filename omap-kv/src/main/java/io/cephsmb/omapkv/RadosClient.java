package io.cephsmb.omapkv;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A connection to a Ceph cluster (one RADOS client instance, one address the OSDs know it by).
 * Real: {@code io.cephsmb.omapkv.rados.LibradosClient}; twin: {@code
 * io.cephsmb.omapkv.memory.MemoryCluster#connect}.
 */
public interface RadosClient extends AutoCloseable {

  /**
   * The objects of {@code pool} in {@code namespace}.
   *
   * @throws PoolNotFoundException if the pool does not exist
   */
  ObjectStore store(String pool, String namespace);

  /** This client's address as the OSDs know it, e.g. {@code 127.0.0.1:0/1880531641}. */
  String address();

  /** This client's global id (the watcher id others see in {@link NotifyResult}). */
  long instanceId();

  /**
   * Blocklists a client address for {@code expiry}: its further operations fail with {@link
   * BlocklistedException} once the OSDs have the new map.
   */
  CompletableFuture<Void> blocklistAdd(String clientAddress, Duration expiry);

  /** Completes once this client has the latest OSD map (so a blocklist just added is in force). */
  CompletableFuture<Void> waitForLatestOsdMap();

  /** Disconnects; pending operations fail. */
  @Override
  void close();
}
