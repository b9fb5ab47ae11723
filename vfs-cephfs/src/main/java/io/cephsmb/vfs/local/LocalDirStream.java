package io.cephsmb.vfs.local;

import io.cephsmb.vfs.DirEntry;
import io.cephsmb.vfs.DirStream;
import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.VfsStat;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A {@link DirectoryStream} (readdir underneath, cursor held between batches) plus an lstat per
 * entry: java.nio has no readdirplus, so "one pass" here means one pass over the directory with
 * each entry's attributes read as it comes. An entry removed between readdir and lstat is skipped.
 */
final class LocalDirStream implements DirStream {
  private final LocalVfs vfs;
  private final VfsPath path;
  private final Path dir;
  private DirectoryStream<Path> stream;
  private Iterator<Path> it;
  private long position;
  private boolean closed;

  LocalDirStream(LocalVfs vfs, VfsPath path, Path dir) throws VfsException {
    this.vfs = vfs;
    this.path = path;
    this.dir = dir;
    reopen();
  }

  @SuppressWarnings("StreamResourceLeak") // held open across batches, closed by close()
  private void reopen() throws VfsException {
    try {
      stream = Files.newDirectoryStream(dir);
      it = stream.iterator();
      position = 0;
    } catch (IOException e) {
      throw LocalErrors.of(e, path, "opendir");
    }
  }

  private void checkOpen() throws VfsException {
    if (closed) {
      throw new VfsException(Errno.EBADF, path, "directory stream is closed");
    }
  }

  @Override
  public synchronized List<DirEntry> next(int max) throws VfsException {
    checkOpen();
    if (max < 1) {
      throw new VfsException(Errno.EINVAL, path, "batch size " + max);
    }
    List<DirEntry> out = new ArrayList<>(Math.min(max, 1024));
    try {
      while (out.size() < max && it.hasNext()) {
        Path p = it.next();
        String name = p.getFileName().toString();
        VfsStat st;
        try {
          st = vfs.lstat(p);
        } catch (NoSuchFileException e) {
          continue;
        }
        position++;
        out.add(new DirEntry(name, st, position));
      }
    } catch (DirectoryIteratorException e) {
      throw LocalErrors.of(e.getCause(), path, "readdir");
    } catch (IOException e) {
      throw LocalErrors.of(e, path, "readdir");
    }
    return out;
  }

  @Override
  public synchronized void rewind() throws VfsException {
    checkOpen();
    try {
      stream.close();
    } catch (IOException e) {
      throw LocalErrors.of(e, path, "closedir");
    }
    reopen();
  }

  @Override
  public VfsPath path() {
    return path;
  }

  @Override
  public synchronized void close() throws VfsException {
    checkOpen();
    closed = true;
    try {
      stream.close();
    } catch (IOException e) {
      throw LocalErrors.of(e, path, "closedir");
    }
  }
}
