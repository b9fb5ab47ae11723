package io.cephsmb.vfs.cephfs;

import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsHandle;
import io.cephsmb.vfs.VfsPath;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A libcephfs file descriptor. Calls on it hold the read lock and close holds the write lock, so a
 * descriptor number is never used after {@code ceph_close} (libcephfs reuses numbers).
 */
final class CephFsHandle implements VfsHandle {
  private final CephFsVfs owner;
  private final VfsPath path;
  private final int fd;
  private final boolean directory;
  private final boolean readable;
  private final boolean writable;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  CephFsHandle(
      CephFsVfs owner,
      VfsPath path,
      int fd,
      boolean directory,
      boolean readable,
      boolean writable) {
    this.owner = owner;
    this.path = path;
    this.fd = fd;
    this.directory = directory;
    this.readable = readable;
    this.writable = writable;
  }

  /** A call on the open descriptor. */
  interface FdCall<T> {
    T call(int fd) throws VfsException;
  }

  /** Runs {@code call} with the descriptor, or fails with EBADF if closed. */
  <T> T with(FdCall<T> call) throws VfsException {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new VfsException(Errno.EBADF, path, "handle is closed");
      }
      return call.call(fd);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Marks the handle closed and returns the descriptor to close; EBADF if already closed. */
  int markClosed() throws VfsException {
    lock.writeLock().lock();
    try {
      if (closed) {
        throw new VfsException(Errno.EBADF, path, "handle is closed");
      }
      closed = true;
      return fd;
    } finally {
      lock.writeLock().unlock();
    }
  }

  CephFsVfs owner() {
    return owner;
  }

  @Override
  public VfsPath path() {
    return path;
  }

  @Override
  public boolean isDirectory() {
    return directory;
  }

  @Override
  public boolean readable() {
    return readable;
  }

  @Override
  public boolean writable() {
    return writable;
  }

  @Override
  public boolean isClosed() {
    lock.readLock().lock();
    try {
      return closed;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "CephFsHandle[" + path + ", fd " + fd + "]";
  }
}
