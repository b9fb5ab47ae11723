package io.cephsmb.vfs.cephfs;

import com.ceph.fs.CephMount;
import com.sun.jna.Pointer;
import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.VfsException;
import java.io.FileNotFoundException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One libcephfs client (one Ceph session) and the bounded executor its blocking calls run on.
 *
 * <p>The mount is made by Debian's Java binding ({@link CephMount}: create, read the conf, set
 * {@code client_fs}, mount), which serves for the lifecycle. Every file operation then goes through
 * JNA ({@link LibCephFs}) on the same native {@code struct ceph_mount_info *}, read by reflection
 * from the binding's private {@code instance_ptr} field, because the binding falls short for the
 * rest: it turns errnos into exception classes and strerror text (the NTSTATUS table needs the
 * errno), and has no statx (ino, ctime, btime, nlink, blocks), readdirplus, setattrx, free-block or
 * free-inode counts.
 */
public final class CephFsMount implements AutoCloseable {
  private final CephMount mount;
  private final Pointer cmount;
  private final ExecutorService executor;
  private final String name;

  private CephFsMount(String name, CephMount mount, Pointer cmount, ExecutorService executor) {
    this.name = name;
    this.mount = mount;
    this.cmount = cmount;
    this.executor = executor;
  }

  /**
   * Mounts the CephFS file system {@code fsName} as cephx client {@code clientId} (without the
   * {@code client.} prefix) from the cluster {@code conf} describes.
   */
  static CephFsMount open(
      String name, Path conf, String clientId, String fsName, ExecutorService executor)
      throws VfsException {
    CephMount m = new CephMount(clientId);
    try {
      m.conf_read_file(conf.toString());
      if (fsName != null) {
        m.conf_set("client_fs", fsName);
      }
      // a directory's size is its number of entries, changed at once by every create and remove
      // (the default, its recursive bytes, moves lazily): the gateway's name cache relies on it
      m.conf_set("client_dirsize_rbytes", "false");
      m.mount("/");
    } catch (FileNotFoundException e) {
      throw new VfsException(Errno.ENOENT, conf.toString(), "ceph.conf: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new VfsException(Errno.EIO, "", "mount of " + fsName + " failed: " + e);
    }
    return new CephFsMount(name, m, nativeMount(m), executor);
  }

  /** The binding's native mount pointer ({@code instance_ptr}). */
  private static Pointer nativeMount(CephMount m) throws VfsException {
    try {
      Field f = CephMount.class.getDeclaredField("instance_ptr");
      f.setAccessible(true);
      long p = f.getLong(m);
      if (p == 0) {
        throw new VfsException(Errno.EIO, "", "CephMount.instance_ptr is null");
      }
      return new Pointer(p);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new VfsException(
          Errno.ENOSYS, "", "cannot read CephMount.instance_ptr (binding changed?): " + e);
    }
  }

  /** The native {@code struct ceph_mount_info *}. */
  Pointer cmount() {
    return cmount;
  }

  /** The executor this mount's blocking calls run on. */
  public ExecutorService executor() {
    return executor;
  }

  public String name() {
    return name;
  }

  /** Stops the executor (waiting up to 10 s for running calls), then unmounts. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    mount.unmount();
  }

  @Override
  public String toString() {
    return "CephFsMount[" + name + "]";
  }
}
