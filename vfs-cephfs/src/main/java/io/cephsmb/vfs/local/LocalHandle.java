package io.cephsmb.vfs.local;

import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsHandle;
import io.cephsmb.vfs.VfsPath;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** A {@link FileChannel} on a file or directory; calls hold the read lock, close the write lock. */
final class LocalHandle implements VfsHandle {
  private final LocalVfs owner;
  private final VfsPath path;
  private final Path file;
  private final FileChannel channel;
  private final boolean directory;
  private final boolean readable;
  private final boolean writable;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  LocalHandle(
      LocalVfs owner,
      VfsPath path,
      Path file,
      FileChannel channel,
      boolean directory,
      boolean readable,
      boolean writable) {
    this.owner = owner;
    this.path = path;
    this.file = file;
    this.channel = channel;
    this.directory = directory;
    this.readable = readable;
    this.writable = writable;
  }

  interface ChannelCall<T> {
    T call(FileChannel ch) throws IOException, VfsException;
  }

  <T> T with(String op, ChannelCall<T> call) throws VfsException {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new VfsException(Errno.EBADF, path, "handle is closed");
      }
      return call.call(channel);
    } catch (IOException e) {
      throw LocalErrors.of(e, path, op);
    } finally {
      lock.readLock().unlock();
    }
  }

  void close() throws VfsException {
    lock.writeLock().lock();
    try {
      if (closed) {
        throw new VfsException(Errno.EBADF, path, "handle is closed");
      }
      closed = true;
      channel.close();
    } catch (IOException e) {
      throw LocalErrors.of(e, path, "close");
    } finally {
      lock.writeLock().unlock();
    }
  }

  LocalVfs owner() {
    return owner;
  }

  Path file() {
    return file;
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
}
