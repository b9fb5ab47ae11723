package io.cephsmb.gateway.fileservice;

import io.cephsmb.gateway.server.ShareDefinition;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.cephfs.CephFsMounts;
import io.cephsmb.vfs.local.LocalVfs;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Vfs} rooted at a share's path. Implementations cache one per (share, path) and may
 * block (called off the event loop).
 */
@FunctionalInterface
public interface ShareVfsProvider {
  /** The VFS for {@code share}; fails when its path does not exist. */
  Vfs vfs(ShareDefinition share) throws VfsException;

  /** Shares as directories of CephFS, through the process's mount pool. */
  static ShareVfsProvider cephFs(CephFsMounts mounts) {
    Map<String, Vfs> cache = new ConcurrentHashMap<>();
    return share -> {
      Vfs v = cache.get(share.path());
      if (v == null) {
        v = mounts.share(share.path());
        Vfs prev = cache.putIfAbsent(share.path(), v);
        if (prev != null) {
          v = prev;
        }
      }
      return v;
    };
  }

  /**
   * Shares as directories under a local directory (the embedded default and tests): the share path
   * {@code /a/b} is {@code root/a/b}.
   */
  static ShareVfsProvider local(Path root) {
    Map<String, Vfs> cache = new ConcurrentHashMap<>();
    return share -> {
      Vfs v = cache.get(share.path());
      if (v == null) {
        String rel = share.path().replaceFirst("^/+", "");
        v = new LocalVfs(rel.isEmpty() ? root : root.resolve(rel));
        Vfs prev = cache.putIfAbsent(share.path(), v);
        if (prev != null) {
          v = prev;
        }
      }
      return v;
    };
  }
}
