package io.cephsmb.omapkv.memory;

import io.cephsmb.omapkv.Watch;
import io.cephsmb.omapkv.WatchListener;

/** A watch registered on a twin object. */
final class MemoryWatch implements Watch {
  private final MemoryCluster cluster;
  private final MemoryCluster.ObjKey key;
  final MemoryClient client;
  final WatchListener listener;
  private final long cookie;
  private volatile boolean closed;

  MemoryWatch(
      MemoryCluster cluster,
      MemoryCluster.ObjKey key,
      MemoryClient client,
      WatchListener listener,
      long cookie) {
    this.cluster = cluster;
    this.key = key;
    this.client = client;
    this.listener = listener;
    this.cookie = cookie;
  }

  @Override
  public long cookie() {
    return cookie;
  }

  @Override
  public long check() {
    client.checkUsable("watch_check " + key.oid());
    if (closed) {
      throw new io.cephsmb.omapkv.NotConnectedException(107, "watch " + cookie + " is closed");
    }
    return 0;
  }

  @Override
  public void close() {
    closed = true;
    cluster.watches.computeIfPresent(
        key,
        (k, m) -> {
          m.remove(cookie);
          return m.isEmpty() ? null : m;
        });
  }
}
