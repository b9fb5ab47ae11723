package io.cephsmb.vfs.cephfs;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.cephsmb.vfs.DirEntry;
import io.cephsmb.vfs.DirStream;
import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code ceph_dir_result} read with {@code ceph_readdirplus_r}: name and {@code struct
 * ceph_statx} of each entry in one call, no separate stat. The native cursor stays open between
 * batches, so a batch continues exactly where the last one stopped (libcephfs' directory offsets
 * are stable across MDS fragment changes, which is what lets {@code telldir}/{@code seekdir} work).
 */
final class CephFsDirStream implements DirStream {
  private final Pointer cm;
  private final VfsPath path;
  private final int want;
  private final Memory dirent = new Memory(LibCephFs.Dirent.SIZEOF);
  private final Memory stx = new Memory(LibCephFs.Statx.SIZEOF);
  private Pointer dirp;
  private long position;

  CephFsDirStream(Pointer cm, VfsPath path, Pointer dirp, int want) {
    this.cm = cm;
    this.path = path;
    this.dirp = dirp;
    this.want = want;
  }

  @Override
  public synchronized List<DirEntry> next(int max) throws VfsException {
    if (dirp == null) {
      throw new VfsException(Errno.EBADF, path, "directory stream is closed");
    }
    if (max < 1) {
      throw new VfsException(Errno.EINVAL, path, "batch size " + max);
    }
    List<DirEntry> out = new ArrayList<>(Math.min(max, 1024));
    while (out.size() < max) {
      stx.clear();
      int rc =
          LibCephFs.ceph_readdirplus_r(
              cm, dirp, dirent, stx, want, LibCephFs.AT_SYMLINK_NOFOLLOW, null);
      if (rc < 0) {
        throw new VfsException(-rc, path, "readdirplus");
      }
      if (rc == 0) {
        break;
      }
      String name = name(dirent);
      if (name.equals(".") || name.equals("..")) {
        continue;
      }
      position++;
      out.add(new DirEntry(name, CephFsVfs.toStat(stx), position));
    }
    return out;
  }

  private static String name(Pointer de) {
    byte[] b = de.getByteArray(LibCephFs.Dirent.D_NAME, LibCephFs.Dirent.NAME_MAX_BYTES);
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void rewind() throws VfsException {
    if (dirp == null) {
      throw new VfsException(Errno.EBADF, path, "directory stream is closed");
    }
    LibCephFs.ceph_rewinddir(cm, dirp);
    position = 0;
  }

  @Override
  public VfsPath path() {
    return path;
  }

  @Override
  public synchronized void close() throws VfsException {
    if (dirp == null) {
      throw new VfsException(Errno.EBADF, path, "directory stream is closed");
    }
    Pointer d = dirp;
    dirp = null;
    dirent.close();
    stx.close();
    int rc = LibCephFs.ceph_closedir(cm, d);
    if (rc < 0) {
      throw new VfsException(-rc, path, "closedir");
    }
  }
}
