package io.cephsmb.it.harness;

import com.ceph.fs.CephMount;
import com.ceph.fs.CephNotDirectoryException;
import com.ceph.fs.CephStat;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A libcephfs mount of the dev cluster's CephFS (Debian's Java binding): share directories for the
 * targets, and the raw sequential I/O that is the benchmark's ceiling.
 */
public final class CephFs implements AutoCloseable {
  private final CephMount mount;

  private CephFs(CephMount mount) {
    this.mount = mount;
  }

  /** Mounts file system {@code fsName} as cephx {@code clientId} with the given ceph.conf. */
  public static CephFs mount(Path conf, String clientId, String fsName) {
    CephMount m = new CephMount(clientId);
    try {
      m.conf_read_file(conf.toString());
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("cannot read " + conf, e);
    }
    m.conf_set("client_fs", fsName);
    m.mount("/");
    return new CephFs(m);
  }

  /**
   * Creates a directory (and its parents) if missing and sets its mode and owner, so a share served
   * as an unprivileged user is writable.
   */
  public void ensureDir(String path, int mode, int uid, int gid) {
    try {
      mount.mkdirs(path, mode);
    } catch (IOException e) {
      // mkdirs fails when the directory exists; stat below tells whether it does
    }
    CephStat st = new CephStat();
    try {
      mount.stat(path, st);
      if (!st.isDir()) {
        throw new IllegalStateException(path + " exists in CephFS and is not a directory");
      }
      mount.chmod(path, mode);
      CephStat owner = new CephStat();
      owner.uid = uid;
      owner.gid = gid;
      mount.setattr(path, owner, CephMount.SETATTR_UID | CephMount.SETATTR_GID);
    } catch (FileNotFoundException | CephNotDirectoryException e) {
      throw new IllegalStateException("cannot create " + path + " in CephFS", e);
    }
  }

  /** Size of a file, or -1 if it does not exist. */
  public long size(String path) {
    CephStat st = new CephStat();
    try {
      mount.stat(path, st);
      return st.size;
    } catch (FileNotFoundException | CephNotDirectoryException e) {
      return -1;
    }
  }

  /** Removes a file if it exists. */
  public void unlinkIfExists(String path) {
    try {
      mount.unlink(path);
    } catch (FileNotFoundException e) {
      // already gone
    }
  }

  /**
   * Writes {@code totalBytes} of {@code block} repeated to a new file in {@code blockSize} writes,
   * then fsyncs; returns the seconds taken (open to fsync).
   */
  public double sequentialWrite(String path, byte[] block, long totalBytes) {
    long t0 = System.nanoTime();
    int fd;
    try {
      fd = mount.open(path, CephMount.O_CREAT | CephMount.O_TRUNC | CephMount.O_WRONLY, 0644);
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("cannot create " + path, e);
    }
    try {
      long off = 0;
      while (off < totalBytes) {
        long n = Math.min(block.length, totalBytes - off);
        long w = mount.write(fd, block, n, off);
        if (w != n) {
          throw new IllegalStateException("short write at " + off + ": " + w + " of " + n);
        }
        off += n;
      }
      mount.fsync(fd, false);
    } finally {
      mount.close(fd);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * Reads a file sequentially in {@code blockSize} reads, checking every block against {@code
   * expected} (the block the file was written with); returns the seconds taken.
   */
  public double sequentialRead(String path, byte[] expected, long totalBytes) {
    long t0 = System.nanoTime();
    int fd;
    try {
      fd = mount.open(path, CephMount.O_RDONLY, 0);
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("cannot open " + path, e);
    }
    byte[] buf = new byte[expected.length];
    try {
      long off = 0;
      while (off < totalBytes) {
        long n = Math.min(buf.length, totalBytes - off);
        long r = mount.read(fd, buf, n, off);
        if (r != n) {
          throw new IllegalStateException("short read at " + off + ": " + r + " of " + n);
        }
        if (!java.util.Arrays.equals(buf, 0, (int) n, expected, 0, (int) n)) {
          throw new IllegalStateException(path + ": data differs in the block at " + off);
        }
        off += n;
      }
    } finally {
      mount.close(fd);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  @Override
  public void close() {
    mount.unmount();
  }
}
