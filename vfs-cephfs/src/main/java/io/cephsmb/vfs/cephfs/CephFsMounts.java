package io.cephsmb.vfs.cephfs;

import io.cephsmb.vfs.AsyncVfs;
import io.cephsmb.vfs.VfsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few libcephfs mounts one gateway process shares among all its connections and shares (not one
 * Ceph client per connection, as Samba's forked smbd has). Each mount has its own bounded executor;
 * a share is bound to one mount, chosen round robin when it is opened, and all its calls run on
 * that mount's executor. libcephfs is thread-safe per mount, so an executor has several threads.
 */
public final class CephFsMounts implements AutoCloseable {
  /**
   * How to reach the file system and how big the pool is.
   *
   * @param conf ceph.conf path
   * @param clientId cephx id without {@code client.}
   * @param fsName CephFS file system name ({@code client_fs}); null for the default
   * @param mounts number of libcephfs mounts
   * @param threadsPerMount executor threads per mount
   * @param queuePerMount calls that may wait per mount before new ones are refused ({@code EAGAIN})
   */
  public record Config(
      Path conf,
      String clientId,
      String fsName,
      int mounts,
      int threadsPerMount,
      int queuePerMount) {
    /** Two mounts, eight threads and 1024 queued calls each. */
    public static Config defaults(Path conf, String clientId, String fsName) {
      return new Config(conf, clientId, fsName, 2, 8, 1024);
    }
  }

  private final List<CephFsMount> mounts;
  private final AtomicInteger next = new AtomicInteger();

  private CephFsMounts(List<CephFsMount> mounts) {
    this.mounts = mounts;
  }

  /** Mounts {@code config.mounts()} clients; on failure unmounts those already made. */
  public static CephFsMounts open(Config config) throws VfsException {
    if (config.mounts() < 1 || config.threadsPerMount() < 1 || config.queuePerMount() < 1) {
      throw new IllegalArgumentException("pool sizes must be >= 1: " + config);
    }
    List<CephFsMount> made = new ArrayList<>();
    try {
      for (int i = 0; i < config.mounts(); i++) {
        String name = "cephfs-" + i;
        made.add(
            CephFsMount.open(
                name,
                config.conf(),
                config.clientId(),
                config.fsName(),
                AsyncVfs.boundedExecutor(name, config.threadsPerMount(), config.queuePerMount())));
      }
    } catch (VfsException | RuntimeException e) {
      made.forEach(CephFsMount::close);
      throw e;
    }
    return new CephFsMounts(List.copyOf(made));
  }

  /** The mounts, for inspection. */
  public List<CephFsMount> mounts() {
    return mounts;
  }

  private CephFsMount pick() {
    return mounts.get(Math.floorMod(next.getAndIncrement(), mounts.size()));
  }

  /**
   * A blocking VFS for the share rooted at the absolute CephFS path {@code root} (which must be an
   * existing directory, not a symlink), on the next mount of the pool.
   */
  public CephFsVfs share(String root) throws VfsException {
    return new CephFsVfs(pick(), root);
  }

  /** {@link #share} wrapped in an {@link AsyncVfs} on its mount's executor. */
  public AsyncVfs asyncShare(String root) throws VfsException {
    CephFsVfs vfs = share(root);
    return new AsyncVfs(vfs, vfs.mount().executor());
  }

  /** Stops every executor and unmounts every mount. */
  @Override
  public void close() {
    mounts.forEach(CephFsMount::close);
  }
}
