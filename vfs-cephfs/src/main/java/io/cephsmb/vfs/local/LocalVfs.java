package io.cephsmb.vfs.local;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import io.cephsmb.vfs.DirStream;
import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.FileType;
import io.cephsmb.vfs.OpenFlag;
import io.cephsmb.vfs.TimeChange;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsCapabilities;
import io.cephsmb.vfs.VfsChecks;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsHandle;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.VfsStat;
import io.cephsmb.vfs.VfsStatFs;
import io.cephsmb.vfs.XattrMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Vfs} on a local directory through java.nio (the embedded default and fast tests).
 * Attributes come from the {@code unix:*} view: inode from {@code unix:ino}, link count from {@code
 * unix:nlink}, ctime from {@code unix:ctime}, birth time from {@code creationTime} (on Linux with
 * JDK 17 that is the modification time, the JDK does not read statx there); the allocation size is
 * the size rounded up to the file store's block size (java.nio has no block count). User xattrs go
 * through {@link UserDefinedFileAttributeView}; the create/replace flags are checked before the
 * write (not atomically). The birth time cannot be set ({@code EOPNOTSUPP}). Confinement is the
 * same as CephFS': parent directories are checked not to be symlinks, the leaf is never followed.
 */
public final class LocalVfs implements Vfs {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private final Path root;
  private final long blockSize;
  private final boolean xattrs;

  /** A VFS rooted at the existing directory {@code root}. */
  public LocalVfs(Path root) throws VfsException {
    try {
      this.root = root.toRealPath();
      if (!Files.isDirectory(this.root, NOFOLLOW)) {
        throw new VfsException(Errno.ENOTDIR, root.toString(), "share root is not a directory");
      }
      FileStore store = Files.getFileStore(this.root);
      this.blockSize = Math.max(512, store.getBlockSize());
      this.xattrs = store.supportsFileAttributeView(UserDefinedFileAttributeView.class);
    } catch (IOException e) {
      throw LocalErrors.of(e, VfsPath.root(), "share root " + root);
    }
  }

  /** The real path of the share root. */
  public Path root() {
    return root;
  }

  private Path file(VfsPath p) {
    Path f = root;
    for (String c : p.components()) {
      f = f.resolve(c);
    }
    return f;
  }

  private void checkParents(VfsPath p) throws VfsException {
    for (int i = 1; i < p.depth(); i++) {
      VfsPath pre = p.prefix(i);
      FileType t;
      try {
        t = lstat(file(pre)).type();
      } catch (IOException e) {
        throw new VfsException(
            LocalErrors.errno(e),
            p.toString(),
            VfsException.Scope.PARENT,
            "lookup of '" + pre + "'");
      }
      if (t == FileType.SYMLINK) {
        throw new VfsException(
            Errno.ELOOP, p.toString(), VfsException.Scope.PARENT, "'" + pre + "' is a symlink");
      }
      if (t != FileType.DIRECTORY) {
        throw new VfsException(
            Errno.ENOTDIR, p.toString(), VfsException.Scope.PARENT, "'" + pre + "' is not a dir");
      }
    }
  }

  private static long nanos(Object t) {
    Instant i = ((FileTime) t).toInstant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static FileTime fileTime(long nanos) {
    return FileTime.from(
        Instant.ofEpochSecond(
            Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)));
  }

  /** Attributes of {@code f}, not following a symlink. */
  VfsStat lstat(Path f) throws IOException {
    Map<String, Object> a = Files.readAttributes(f, "unix:*", NOFOLLOW);
    int mode = (Integer) a.get("mode");
    long size = (Long) a.get("size");
    long alloc = (size + blockSize - 1) / blockSize * blockSize;
    return new VfsStat(
        (Long) a.get("ino"),
        size,
        alloc,
        nanos(a.get("creationTime")),
        nanos(a.get("lastAccessTime")),
        nanos(a.get("lastModifiedTime")),
        nanos(a.get("ctime")),
        ((Integer) a.get("nlink")).longValue(),
        mode,
        (Integer) a.get("uid"),
        (Integer) a.get("gid"),
        FileType.ofMode(mode));
  }

  private VfsStat lstat(VfsPath p, String op) throws VfsException {
    try {
      return lstat(file(p));
    } catch (IOException e) {
      throw LocalErrors.of(e, p, op);
    }
  }

  private VfsStat lstatOrNull(VfsPath p) throws VfsException {
    try {
      return lstat(file(p));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw LocalErrors.of(e, p, "lstat");
    }
  }

  private LocalHandle own(VfsHandle h) throws VfsException {
    if (!(h instanceof LocalHandle lh) || lh.owner() != this) {
      throw new VfsException(
          Errno.EBADF, h == null ? "" : h.path().toString(), "handle of another VFS");
    }
    return lh;
  }

  private static FileAttribute<Set<PosixFilePermission>> perms(int mode) {
    Set<PosixFilePermission> s = new HashSet<>();
    PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    for (int i = 0; i < 9; i++) {
      if ((mode & (0400 >> i)) != 0) {
        s.add(all[i]);
      }
    }
    return PosixFilePermissions.asFileAttribute(s);
  }

  @Override
  public VfsCapabilities capabilities() {
    // ext4 and most local file systems keep all xattrs of an inode in one block: unknown here
    return new VfsCapabilities(false, xattrs, -1, true);
  }

  @Override
  public VfsHandle open(VfsPath path, Set<OpenFlag> flags, int mode) throws VfsException {
    checkParents(path);
    VfsChecks.OpenPlan plan = VfsChecks.planOpen(path, flags, this::lstatOrNull);
    Path f = file(path);
    try {
      if (plan.directory()) {
        if (plan.mkdirFirst()) {
          try {
            Files.createDirectory(f, perms(mode));
          } catch (java.nio.file.FileAlreadyExistsException e) {
            if (plan.exclusive()) {
              throw e;
            }
          }
        }
        FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        return new LocalHandle(this, path, f, ch, true, true, false);
      }
      Set<OpenOption> o = new HashSet<>();
      o.add(LinkOption.NOFOLLOW_LINKS);
      if (plan.readable()) {
        o.add(StandardOpenOption.READ);
      }
      if (plan.write()) {
        o.add(StandardOpenOption.WRITE);
      }
      if (plan.exclusive()) {
        o.add(StandardOpenOption.CREATE_NEW);
      } else if (plan.create()) {
        o.add(StandardOpenOption.CREATE);
      }
      if (plan.truncate()) {
        o.add(StandardOpenOption.TRUNCATE_EXISTING);
      }
      FileChannel ch = FileChannel.open(f, o, perms(mode));
      return new LocalHandle(this, path, f, ch, false, plan.readable(), plan.write());
    } catch (IOException e) {
      throw LocalErrors.of(e, path, "open");
    }
  }

  @Override
  public int read(VfsHandle h, long offset, ByteBuffer dst) throws VfsException {
    LocalHandle lh = own(h);
    VfsChecks.checkRange(lh, offset, dst.remaining());
    return lh.with(
        "read",
        ch -> {
          if (lh.isDirectory()) {
            throw new VfsException(Errno.EISDIR, lh.path(), "read of a directory");
          }
          if (!lh.readable()) {
            throw new VfsException(Errno.EBADF, lh.path(), "not open for reading");
          }
          int total = 0;
          try {
            while (dst.hasRemaining()) {
              int n = ch.read(dst, offset + total);
              if (n <= 0) {
                break;
              }
              total += n;
            }
          } catch (NonReadableChannelException e) {
            throw new VfsException(Errno.EBADF, lh.path(), "not open for reading");
          }
          return total;
        });
  }

  @Override
  public int write(VfsHandle h, long offset, ByteBuffer src, boolean sync) throws VfsException {
    LocalHandle lh = own(h);
    VfsChecks.checkRange(lh, offset, src.remaining());
    return lh.with(
        "write",
        ch -> {
          if (lh.isDirectory()) {
            throw new VfsException(Errno.EISDIR, lh.path(), "write to a directory");
          }
          if (!lh.writable()) {
            throw new VfsException(Errno.EBADF, lh.path(), "not open for writing");
          }
          int total = 0;
          try {
            while (src.hasRemaining()) {
              total += ch.write(src, offset + total);
            }
          } catch (NonWritableChannelException e) {
            throw new VfsException(Errno.EBADF, lh.path(), "not open for writing");
          }
          if (sync) {
            ch.force(true);
          }
          return total;
        });
  }

  @Override
  public void truncate(VfsHandle h, long size) throws VfsException {
    LocalHandle lh = own(h);
    VfsChecks.checkSize(lh, size);
    lh.with(
        "truncate",
        ch -> {
          if (lh.isDirectory()) {
            throw new VfsException(Errno.EISDIR, lh.path(), "truncate of a directory");
          }
          if (!lh.writable()) {
            throw new VfsException(Errno.EBADF, lh.path(), "not open for writing");
          }
          long cur = ch.size();
          if (size < cur) {
            ch.truncate(size);
          } else if (size > cur) {
            // FileChannel cannot extend; a zero byte at the new end does (the file stays sparse)
            ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
          }
          return null;
        });
  }

  @Override
  public void fsync(VfsHandle h, boolean dataOnly) throws VfsException {
    LocalHandle lh = own(h);
    lh.with(
        "fsync",
        ch -> {
          ch.force(!dataOnly);
          return null;
        });
  }

  @Override
  public void close(VfsHandle h) throws VfsException {
    own(h).close();
  }

  @Override
  public VfsStat stat(VfsPath path) throws VfsException {
    checkParents(path);
    return lstat(path, "stat");
  }

  /** By the handle's path (java.nio has no fstat): fails if the file was renamed or removed. */
  @Override
  public VfsStat stat(VfsHandle h) throws VfsException {
    LocalHandle lh = own(h);
    return lh.with("fstat", ch -> lstat(lh.file()));
  }

  @Override
  public DirStream openDir(VfsPath dir) throws VfsException {
    checkParents(dir);
    VfsStat st = lstat(dir, "opendir");
    if (st.type() == FileType.SYMLINK) {
      throw new VfsException(Errno.ELOOP, dir, "is a symlink");
    }
    if (st.type() != FileType.DIRECTORY) {
      throw new VfsException(Errno.ENOTDIR, dir, "not a directory");
    }
    return new LocalDirStream(this, dir, file(dir));
  }

  private UserDefinedFileAttributeView xattrView(VfsPath p) throws VfsException {
    if (!xattrs) {
      throw new VfsException(Errno.EOPNOTSUPP, p, "no user xattrs on this file system");
    }
    checkParents(p);
    UserDefinedFileAttributeView v =
        Files.getFileAttributeView(file(p), UserDefinedFileAttributeView.class, NOFOLLOW);
    if (v == null) {
      throw new VfsException(Errno.EOPNOTSUPP, p, "no user xattrs");
    }
    return v;
  }

  @Override
  public byte[] getXattr(VfsPath path, String name) throws VfsException {
    VfsChecks.checkXattrName(path, name);
    UserDefinedFileAttributeView v = xattrView(path);
    try {
      ByteBuffer b = ByteBuffer.allocate(v.size(name));
      v.read(name, b);
      b.flip();
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (IOException e) {
      throw LocalErrors.of(e, path, "getxattr " + name);
    }
  }

  @Override
  public void setXattr(VfsPath path, String name, byte[] value, XattrMode mode)
      throws VfsException {
    VfsChecks.checkXattrName(path, name);
    VfsChecks.checkXattrValue(path, value);
    UserDefinedFileAttributeView v = xattrView(path);
    try {
      if (mode != XattrMode.UPSERT) {
        boolean exists = v.list().contains(name);
        if (mode == XattrMode.CREATE && exists) {
          throw new VfsException(Errno.EEXIST, path, "xattr " + name + " exists");
        }
        if (mode == XattrMode.REPLACE && !exists) {
          throw new VfsException(Errno.ENODATA, path, "xattr " + name + " does not exist");
        }
      }
      v.write(name, ByteBuffer.wrap(value));
    } catch (IOException e) {
      throw LocalErrors.of(e, path, "setxattr " + name);
    }
  }

  @Override
  public List<String> listXattrs(VfsPath path) throws VfsException {
    UserDefinedFileAttributeView v = xattrView(path);
    try {
      return new ArrayList<>(v.list());
    } catch (IOException e) {
      throw LocalErrors.of(e, path, "listxattr");
    }
  }

  @Override
  public void removeXattr(VfsPath path, String name) throws VfsException {
    VfsChecks.checkXattrName(path, name);
    UserDefinedFileAttributeView v = xattrView(path);
    try {
      v.delete(name);
    } catch (IOException e) {
      throw LocalErrors.of(e, path, "removexattr " + name);
    }
  }

  @Override
  public void rename(VfsPath from, VfsPath to, boolean replace) throws VfsException {
    VfsChecks.checkRename(from, to);
    checkParents(from);
    checkParents(to);
    VfsStat src = lstat(from, "rename");
    if (from.equals(to)) {
      return;
    }
    if (!replace) {
      VfsStat dst = lstatOrNull(to);
      if (dst != null && dst.ino() != src.ino()) {
        throw new VfsException(Errno.EEXIST, to, "rename target exists");
      }
    }
    try {
      // ATOMIC_MOVE is rename(2): replaces the target atomically, with rename(2)'s errors
      Files.move(file(from), file(to), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw LocalErrors.of(e, to, "rename from '" + from + "'");
    }
  }

  @Override
  public void unlink(VfsPath path) throws VfsException {
    checkParents(path);
    VfsStat st = lstat(path, "unlink");
    if (st.type() == FileType.DIRECTORY) {
      throw new VfsException(Errno.EISDIR, path, "unlink of a directory");
    }
    try {
      Files.delete(file(path));
    } catch (IOException e) {
      throw LocalErrors.of(e, path, "unlink");
    }
  }

  @Override
  public void mkdir(VfsPath path, int mode) throws VfsException {
    checkParents(path);
    if (path.isRoot()) {
      throw new VfsException(Errno.EEXIST, path, "share root");
    }
    try {
      Files.createDirectory(file(path), perms(mode));
    } catch (IOException e) {
      throw LocalErrors.of(e, path, "mkdir");
    }
  }

  @Override
  public void rmdir(VfsPath path) throws VfsException {
    checkParents(path);
    if (path.isRoot()) {
      throw new VfsException(Errno.EBUSY, path, "share root");
    }
    VfsStat st = lstat(path, "rmdir");
    if (st.type() != FileType.DIRECTORY) {
      throw new VfsException(Errno.ENOTDIR, path, "rmdir of a non-directory");
    }
    try {
      Files.delete(file(path));
    } catch (IOException e) {
      throw LocalErrors.of(e, path, "rmdir");
    }
  }

  @Override
  public VfsStatFs statfs() throws VfsException {
    try (Memory m = new Memory(Libc.SIZEOF + 64)) {
      m.clear();
      if (Libc.statvfs(root.toString().concat("\0").getBytes(StandardCharsets.UTF_8), m) != 0) {
        throw new VfsException(Native.getLastError(), VfsPath.root(), "statvfs");
      }
      long frsize = m.getLong(Libc.F_FRSIZE);
      return new VfsStatFs(
          frsize != 0 ? frsize : m.getLong(Libc.F_BSIZE),
          m.getLong(Libc.F_BLOCKS),
          m.getLong(Libc.F_BFREE),
          m.getLong(Libc.F_BAVAIL),
          m.getLong(Libc.F_FILES),
          m.getLong(Libc.F_FFREE),
          m.getLong(Libc.F_NAMEMAX));
    }
  }

  private void setTimes(Path f, VfsPath p, TimeChange change) throws VfsException {
    if (change.birthTimeNanos() != null) {
      throw new VfsException(Errno.EOPNOTSUPP, p, "birth time cannot be set on this VFS");
    }
    try {
      Files.getFileAttributeView(f, BasicFileAttributeView.class, NOFOLLOW)
          .setTimes(
              change.modifyTimeNanos() == null ? null : fileTime(change.modifyTimeNanos()),
              change.accessTimeNanos() == null ? null : fileTime(change.accessTimeNanos()),
              null);
    } catch (IOException e) {
      throw LocalErrors.of(e, p, "setTimes");
    }
  }

  @Override
  public void setTimes(VfsPath path, TimeChange change) throws VfsException {
    checkParents(path);
    lstat(path, "setTimes");
    setTimes(file(path), path, change);
  }

  @Override
  public void setTimes(VfsHandle h, TimeChange change) throws VfsException {
    LocalHandle lh = own(h);
    lh.with(
        "setTimes",
        ch -> {
          setTimes(lh.file(), lh.path(), change);
          return null;
        });
  }

  @Override
  public void chmod(VfsPath path, int mode) throws VfsException {
    checkParents(path);
    try {
      Files.setAttribute(file(path), "unix:mode", mode & 07777, NOFOLLOW);
    } catch (IOException e) {
      throw LocalErrors.of(e, path, "chmod");
    }
  }

  @Override
  public void chown(VfsPath path, int uid, int gid) throws VfsException {
    checkParents(path);
    try {
      if (uid != -1) {
        Files.setAttribute(file(path), "unix:uid", uid, NOFOLLOW);
      }
      if (gid != -1) {
        Files.setAttribute(file(path), "unix:gid", gid, NOFOLLOW);
      }
      if (uid == -1 && gid == -1) {
        lstat(file(path));
      }
    } catch (IOException e) {
      throw LocalErrors.of(e, path, "chown");
    }
  }

  @Override
  public void symlink(VfsPath link, String target) throws VfsException {
    checkParents(link);
    if (target.isEmpty() || target.indexOf('\0') >= 0) {
      throw new VfsException(Errno.EINVAL, link, "bad symlink target");
    }
    try {
      Files.createSymbolicLink(file(link), root.getFileSystem().getPath(target));
    } catch (IOException e) {
      throw LocalErrors.of(e, link, "symlink");
    }
  }

  @Override
  public String readlink(VfsPath path) throws VfsException {
    checkParents(path);
    try {
      return Files.readSymbolicLink(file(path)).toString();
    } catch (IOException e) {
      throw LocalErrors.of(e, path, "readlink");
    }
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "LocalVfs[" + root + "]";
  }
}
