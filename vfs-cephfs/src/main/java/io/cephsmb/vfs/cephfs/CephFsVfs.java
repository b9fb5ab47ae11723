package io.cephsmb.vfs.cephfs;

import static io.cephsmb.vfs.cephfs.LibCephFs.cstr;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Vfs} of one share on CephFS, through libcephfs on a shared {@link CephFsMount}.
 *
 * <p>Confinement: every call first checks each parent directory of its path with {@code
 * ceph_statx(AT_SYMLINK_NOFOLLOW)}: missing is {@code ENOENT}, a file {@code ENOTDIR}, a symlink
 * {@code ELOOP}, all with scope PARENT. libcephfs' path calls would follow a symlink in the middle
 * of a path, so a symlink there is refused before the call; the leaf is never followed ({@code
 * O_NOFOLLOW}, {@code AT_SYMLINK_NOFOLLOW}, the {@code l*xattr} and {@code lch*} calls). The check
 * and the call are two steps: another CephFS client that swaps a checked directory for a symlink
 * between them could redirect one call; this gateway itself never creates symlinks for SMB clients.
 * Closing that window needs the {@code *at} or {@code ceph_ll_*} inode API (README).
 */
public final class CephFsVfs implements Vfs {
  private static final int STAT_WANT = LibCephFs.STATX_BASIC_STATS | LibCephFs.STATX_BTIME;
  private static final int MAX_IO_CHUNK = 1 << 30;

  private final CephFsMount mount;
  private final Pointer cm;
  private final String root;
  private final Set<CephFsHandle> open = ConcurrentHashMap.newKeySet();

  CephFsVfs(CephFsMount mount, String root) throws VfsException {
    if (!root.startsWith("/") || root.contains("/../") || root.endsWith("/..")) {
      throw new VfsException(Errno.EINVAL, root, "share root must be an absolute CephFS path");
    }
    this.mount = mount;
    this.cm = mount.cmount();
    this.root =
        root.length() > 1 && root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    VfsStat st = statNative(this.root, VfsPath.root(), VfsException.Scope.LEAF);
    if (st.type() != FileType.DIRECTORY) {
      throw new VfsException(Errno.ENOTDIR, root, "share root is not a directory");
    }
  }

  CephFsMount mount() {
    return mount;
  }

  /** The absolute CephFS path of the share root. */
  public String root() {
    return root;
  }

  private String abs(VfsPath p) {
    if (p.isRoot()) {
      return root;
    }
    return (root.equals("/") ? "" : root) + "/" + p;
  }

  private static VfsException err(int rc, VfsPath p, VfsException.Scope scope, String op) {
    return new VfsException(-rc, p.toString(), scope, op);
  }

  private static VfsException err(int rc, VfsPath p, String op) {
    return err(rc, p, VfsException.Scope.LEAF, op);
  }

  // ---- confinement ----

  /** Checks every parent directory of {@code p}: exists, is a directory, is not a symlink. */
  private void checkParents(VfsPath p) throws VfsException {
    if (p.depth() <= 1) {
      return;
    }
    try (Memory stx = new Memory(LibCephFs.Statx.SIZEOF)) {
      for (int i = 1; i < p.depth(); i++) {
        VfsPath pre = p.prefix(i);
        int rc =
            LibCephFs.ceph_statx(
                cm, cstr(abs(pre)), stx, LibCephFs.STATX_MODE, LibCephFs.AT_SYMLINK_NOFOLLOW);
        if (rc < 0) {
          throw err(rc, p, VfsException.Scope.PARENT, "lookup of '" + pre + "'");
        }
        FileType t = FileType.ofMode(stx.getShort(LibCephFs.Statx.MODE) & 0xffff);
        if (t == FileType.SYMLINK) {
          throw new VfsException(
              Errno.ELOOP, p.toString(), VfsException.Scope.PARENT, "'" + pre + "' is a symlink");
        }
        if (t != FileType.DIRECTORY) {
          throw new VfsException(
              Errno.ENOTDIR,
              p.toString(),
              VfsException.Scope.PARENT,
              "'" + pre + "' is not a directory");
        }
      }
    }
  }

  // ---- stat ----

  static VfsStat toStat(Pointer stx) {
    int mask = stx.getInt(LibCephFs.Statx.MASK);
    int mode = stx.getShort(LibCephFs.Statx.MODE) & 0xffff;
    long ctime = nanos(stx, LibCephFs.Statx.CTIME);
    long btime = (mask & LibCephFs.STATX_BTIME) != 0 ? nanos(stx, LibCephFs.Statx.BTIME) : ctime;
    return new VfsStat(
        stx.getLong(LibCephFs.Statx.INO),
        stx.getLong(LibCephFs.Statx.SIZE),
        stx.getLong(LibCephFs.Statx.BLOCKS) * 512,
        btime,
        nanos(stx, LibCephFs.Statx.ATIME),
        nanos(stx, LibCephFs.Statx.MTIME),
        ctime,
        stx.getInt(LibCephFs.Statx.NLINK) & 0xffffffffL,
        mode,
        stx.getInt(LibCephFs.Statx.UID),
        stx.getInt(LibCephFs.Statx.GID),
        FileType.ofMode(mode));
  }

  private static long nanos(Pointer stx, int off) {
    return stx.getLong(off) * 1_000_000_000L + stx.getLong(off + 8);
  }

  private static void putNanos(Pointer stx, int off, long nanos) {
    stx.setLong(off, Math.floorDiv(nanos, 1_000_000_000L));
    stx.setLong(off + 8, Math.floorMod(nanos, 1_000_000_000L));
  }

  private VfsStat statNative(String abs, VfsPath p, VfsException.Scope scope) throws VfsException {
    try (Memory stx = new Memory(LibCephFs.Statx.SIZEOF)) {
      stx.clear();
      int rc = LibCephFs.ceph_statx(cm, cstr(abs), stx, STAT_WANT, LibCephFs.AT_SYMLINK_NOFOLLOW);
      if (rc < 0) {
        throw err(rc, p, scope, "statx");
      }
      return toStat(stx);
    }
  }

  /** lstat of the leaf after the parent check; null if it does not exist. */
  private VfsStat lstatOrNull(VfsPath p) throws VfsException {
    try {
      return statNative(abs(p), p, VfsException.Scope.LEAF);
    } catch (VfsException e) {
      if (e.errno() == Errno.ENOENT) {
        return null;
      }
      throw e;
    }
  }

  @Override
  public VfsCapabilities capabilities() {
    return new VfsCapabilities(true, true, VfsChecks.MAX_XATTR_VALUE_BYTES, false);
  }

  @Override
  public VfsStat stat(VfsPath path) throws VfsException {
    checkParents(path);
    return statNative(abs(path), path, VfsException.Scope.LEAF);
  }

  @Override
  public VfsStat stat(VfsHandle h) throws VfsException {
    CephFsHandle ch = own(h);
    return ch.with(
        fd -> {
          try (Memory stx = new Memory(LibCephFs.Statx.SIZEOF)) {
            stx.clear();
            int rc = LibCephFs.ceph_fstatx(cm, fd, stx, STAT_WANT, 0);
            if (rc < 0) {
              throw err(rc, ch.path(), "fstatx");
            }
            return toStat(stx);
          }
        });
  }

  private CephFsHandle own(VfsHandle h) throws VfsException {
    if (!(h instanceof CephFsHandle ch) || ch.owner() != this) {
      throw new VfsException(
          Errno.EBADF, h == null ? "" : h.path().toString(), "handle of another VFS");
    }
    return ch;
  }

  // ---- open, I/O ----

  @Override
  public VfsHandle open(VfsPath path, Set<OpenFlag> flags, int mode) throws VfsException {
    checkParents(path);
    VfsChecks.OpenPlan plan = VfsChecks.planOpen(path, flags, this::lstatOrNull);
    if (plan.mkdirFirst()) {
      int rc = LibCephFs.ceph_mkdir(cm, cstr(abs(path)), mode & 07777);
      if (rc < 0 && !(rc == -Errno.EEXIST && !plan.exclusive())) {
        throw err(rc, path, "mkdir");
      }
    }
    int of;
    if (plan.directory()) {
      of = LibCephFs.O_RDONLY | LibCephFs.O_DIRECTORY | LibCephFs.O_NOFOLLOW;
    } else {
      boolean read = plan.read();
      boolean write = plan.write();
      of = (read && write) ? LibCephFs.O_RDWR : write ? LibCephFs.O_WRONLY : LibCephFs.O_RDONLY;
      of |= LibCephFs.O_NOFOLLOW;
      if (plan.create()) {
        of |= LibCephFs.O_CREAT;
      }
      if (plan.exclusive()) {
        of |= LibCephFs.O_EXCL;
      }
      if (plan.truncate()) {
        of |= LibCephFs.O_TRUNC;
      }
    }
    int fd = LibCephFs.ceph_open(cm, cstr(abs(path)), of, mode & 07777);
    if (fd < 0) {
      throw err(fd, path, "open");
    }
    CephFsHandle h =
        new CephFsHandle(
            this, path, fd, plan.directory(), plan.readable(), plan.write() && !plan.directory());
    open.add(h);
    return h;
  }

  @Override
  public int read(VfsHandle h, long offset, ByteBuffer dst) throws VfsException {
    CephFsHandle ch = own(h);
    VfsChecks.checkRange(ch, offset, dst.remaining());
    return ch.with(
        fd -> {
          if (ch.isDirectory()) {
            throw new VfsException(Errno.EISDIR, ch.path(), "read of a directory");
          }
          if (!ch.readable()) {
            throw new VfsException(Errno.EBADF, ch.path(), "not open for reading");
          }
          int total = 0;
          while (dst.hasRemaining()) {
            int want = Math.min(dst.remaining(), MAX_IO_CHUNK);
            int n;
            if (dst.isDirect()) {
              Pointer p = Native.getDirectBufferPointer(dst).share(dst.position());
              n = LibCephFs.ceph_read(cm, fd, p, want, offset + total);
              if (n > 0) {
                dst.position(dst.position() + n);
              }
            } else {
              Memory m = Bounce.get(want);
              n = LibCephFs.ceph_read(cm, fd, m, want, offset + total);
              if (n > 0) {
                m.read(0, dst.array(), dst.arrayOffset() + dst.position(), n);
                dst.position(dst.position() + n);
              }
            }
            if (n < 0) {
              throw err(n, ch.path(), "read");
            }
            if (n == 0) {
              break;
            }
            total += n;
          }
          return total;
        });
  }

  @Override
  public int write(VfsHandle h, long offset, ByteBuffer src, boolean sync) throws VfsException {
    CephFsHandle ch = own(h);
    VfsChecks.checkRange(ch, offset, src.remaining());
    return ch.with(
        fd -> {
          if (ch.isDirectory()) {
            throw new VfsException(Errno.EISDIR, ch.path(), "write to a directory");
          }
          if (!ch.writable()) {
            throw new VfsException(Errno.EBADF, ch.path(), "not open for writing");
          }
          int total = 0;
          while (src.hasRemaining()) {
            int want = Math.min(src.remaining(), MAX_IO_CHUNK);
            int n;
            if (src.isDirect()) {
              Pointer p = Native.getDirectBufferPointer(src).share(src.position());
              n = LibCephFs.ceph_write(cm, fd, p, want, offset + total);
            } else {
              Memory m = Bounce.get(want);
              m.write(0, src.array(), src.arrayOffset() + src.position(), want);
              n = LibCephFs.ceph_write(cm, fd, m, want, offset + total);
            }
            if (n < 0) {
              throw err(n, ch.path(), "write");
            }
            if (n == 0) {
              throw new VfsException(Errno.EIO, ch.path(), "write made no progress");
            }
            src.position(src.position() + n);
            total += n;
          }
          if (sync) {
            int rc = LibCephFs.ceph_fsync(cm, fd, 0);
            if (rc < 0) {
              throw err(rc, ch.path(), "fsync after write-through");
            }
          }
          return total;
        });
  }

  @Override
  public void truncate(VfsHandle h, long size) throws VfsException {
    CephFsHandle ch = own(h);
    VfsChecks.checkSize(ch, size);
    ch.with(
        fd -> {
          if (ch.isDirectory()) {
            throw new VfsException(Errno.EISDIR, ch.path(), "truncate of a directory");
          }
          if (!ch.writable()) {
            throw new VfsException(Errno.EBADF, ch.path(), "not open for writing");
          }
          int rc = LibCephFs.ceph_ftruncate(cm, fd, size);
          if (rc < 0) {
            throw err(rc, ch.path(), "ftruncate");
          }
          return null;
        });
  }

  /** FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE (linux/falloc.h). */
  private static final int PUNCH_HOLE_KEEP_SIZE = 0x01 | 0x02;

  @Override
  public void zeroRange(VfsHandle h, long offset, long length) throws VfsException {
    CephFsHandle ch = own(h);
    if (offset < 0 || length < 0) {
      throw new VfsException(Errno.EINVAL, ch.path(), "zeroRange");
    }
    long len = Math.min(length, Long.MAX_VALUE - offset);
    if (len == 0) {
      return;
    }
    ch.with(
        fd -> {
          if (ch.isDirectory()) {
            throw new VfsException(Errno.EISDIR, ch.path(), "zeroRange of a directory");
          }
          if (!ch.writable()) {
            throw new VfsException(Errno.EBADF, ch.path(), "not open for writing");
          }
          int rc = LibCephFs.ceph_fallocate(cm, fd, PUNCH_HOLE_KEEP_SIZE, offset, len);
          if (rc < 0) {
            throw err(rc, ch.path(), "fallocate(PUNCH_HOLE)");
          }
          return null;
        });
  }

  @Override
  public void fsync(VfsHandle h, boolean dataOnly) throws VfsException {
    CephFsHandle ch = own(h);
    ch.with(
        fd -> {
          int rc = LibCephFs.ceph_fsync(cm, fd, dataOnly ? 1 : 0);
          if (rc < 0) {
            throw err(rc, ch.path(), "fsync");
          }
          return null;
        });
  }

  @Override
  public void close(VfsHandle h) throws VfsException {
    CephFsHandle ch = own(h);
    int fd = ch.markClosed();
    open.remove(ch);
    int rc = LibCephFs.ceph_close(cm, fd);
    if (rc < 0) {
      throw err(rc, ch.path(), "close");
    }
  }

  // ---- directories ----

  @Override
  public DirStream openDir(VfsPath dir) throws VfsException {
    checkParents(dir);
    VfsStat st = statNative(abs(dir), dir, VfsException.Scope.LEAF);
    if (st.type() == FileType.SYMLINK) {
      throw new VfsException(Errno.ELOOP, dir, "is a symlink");
    }
    if (st.type() != FileType.DIRECTORY) {
      throw new VfsException(Errno.ENOTDIR, dir, "not a directory");
    }
    try (Memory pp = new Memory(Native.POINTER_SIZE)) {
      int rc = LibCephFs.ceph_opendir(cm, cstr(abs(dir)), pp);
      if (rc < 0) {
        throw err(rc, dir, "opendir");
      }
      return new CephFsDirStream(cm, dir, pp.getPointer(0), STAT_WANT);
    }
  }

  @Override
  public void mkdir(VfsPath path, int mode) throws VfsException {
    checkParents(path);
    if (path.isRoot()) {
      throw new VfsException(Errno.EEXIST, path, "share root");
    }
    int rc = LibCephFs.ceph_mkdir(cm, cstr(abs(path)), mode & 07777);
    if (rc < 0) {
      throw err(rc, path, "mkdir");
    }
  }

  @Override
  public void rmdir(VfsPath path) throws VfsException {
    checkParents(path);
    if (path.isRoot()) {
      throw new VfsException(Errno.EBUSY, path, "share root");
    }
    VfsStat st = statNative(abs(path), path, VfsException.Scope.LEAF);
    if (st.type() != FileType.DIRECTORY) {
      throw new VfsException(Errno.ENOTDIR, path, "rmdir of a non-directory");
    }
    int rc = LibCephFs.ceph_rmdir(cm, cstr(abs(path)));
    if (rc < 0) {
      throw err(rc, path, "rmdir");
    }
  }

  @Override
  public void unlink(VfsPath path) throws VfsException {
    checkParents(path);
    if (path.isRoot()) {
      throw new VfsException(Errno.EISDIR, path, "share root");
    }
    VfsStat st = statNative(abs(path), path, VfsException.Scope.LEAF);
    if (st.type() == FileType.DIRECTORY) {
      throw new VfsException(Errno.EISDIR, path, "unlink of a directory");
    }
    int rc = LibCephFs.ceph_unlink(cm, cstr(abs(path)));
    if (rc < 0) {
      throw err(rc, path, "unlink");
    }
  }

  @Override
  public void rename(VfsPath from, VfsPath to, boolean replace) throws VfsException {
    VfsChecks.checkRename(from, to);
    checkParents(from);
    checkParents(to);
    VfsStat src = statNative(abs(from), from, VfsException.Scope.LEAF);
    if (from.equals(to)) {
      return;
    }
    if (!replace) {
      VfsStat dst = lstatOrNull(to);
      if (dst != null && dst.ino() != src.ino()) {
        throw new VfsException(Errno.EEXIST, to, "rename target exists");
      }
    }
    int rc = LibCephFs.ceph_rename(cm, cstr(abs(from)), cstr(abs(to)));
    if (rc < 0) {
      throw err(rc, to, "rename from '" + from + "'");
    }
  }

  // ---- xattrs ----

  private static byte[] xname(String name) {
    return cstr("user." + name);
  }

  @Override
  public byte[] getXattr(VfsPath path, String name) throws VfsException {
    VfsChecks.checkXattrName(path, name);
    checkParents(path);
    byte[] p = cstr(abs(path));
    for (int attempt = 0; attempt < 5; attempt++) {
      int len = LibCephFs.ceph_lgetxattr(cm, p, xname(name), null, 0);
      if (len < 0) {
        throw err(len, path, "getxattr " + name);
      }
      if (len == 0) {
        return new byte[0];
      }
      try (Memory m = new Memory(len)) {
        int n = LibCephFs.ceph_lgetxattr(cm, p, xname(name), m, len);
        if (n == -Errno.ERANGE) {
          continue;
        }
        if (n < 0) {
          throw err(n, path, "getxattr " + name);
        }
        return m.getByteArray(0, n);
      }
    }
    throw new VfsException(Errno.EAGAIN, path, "xattr " + name + " keeps changing size");
  }

  @Override
  public void setXattr(VfsPath path, String name, byte[] value, XattrMode mode)
      throws VfsException {
    VfsChecks.checkXattrName(path, name);
    VfsChecks.checkXattrValue(path, value);
    checkParents(path);
    int flags =
        mode == XattrMode.CREATE
            ? LibCephFs.XATTR_CREATE
            : mode == XattrMode.REPLACE ? LibCephFs.XATTR_REPLACE : 0;
    int rc =
        LibCephFs.ceph_lsetxattr(
            cm,
            cstr(abs(path)),
            xname(name),
            value.length == 0 ? null : value,
            value.length,
            flags);
    if (rc < 0) {
      throw err(rc, path, "setxattr " + name);
    }
  }

  @Override
  public List<String> listXattrs(VfsPath path) throws VfsException {
    checkParents(path);
    byte[] p = cstr(abs(path));
    for (int attempt = 0; attempt < 5; attempt++) {
      int len = LibCephFs.ceph_llistxattr(cm, p, null, 0);
      if (len < 0) {
        throw err(len, path, "listxattr");
      }
      if (len == 0) {
        return List.of();
      }
      try (Memory m = new Memory(len)) {
        int n = LibCephFs.ceph_llistxattr(cm, p, m, len);
        if (n == -Errno.ERANGE) {
          continue;
        }
        if (n < 0) {
          throw err(n, path, "listxattr");
        }
        return userNames(m.getByteArray(0, n));
      }
    }
    throw new VfsException(Errno.EAGAIN, path, "xattr list keeps changing size");
  }

  private static List<String> userNames(byte[] list) {
    List<String> names = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < list.length; i++) {
      if (list[i] == 0) {
        String n = new String(list, start, i - start, StandardCharsets.UTF_8);
        if (n.startsWith("user.") && n.length() > 5) {
          names.add(n.substring(5));
        }
        start = i + 1;
      }
    }
    return names;
  }

  @Override
  public void removeXattr(VfsPath path, String name) throws VfsException {
    VfsChecks.checkXattrName(path, name);
    checkParents(path);
    int rc = LibCephFs.ceph_lremovexattr(cm, cstr(abs(path)), xname(name));
    if (rc < 0) {
      throw err(rc, path, "removexattr " + name);
    }
  }

  // ---- attributes ----

  @Override
  public VfsStatFs statfs() throws VfsException {
    try (Memory st = new Memory(LibCephFs.Statvfs.SIZEOF + 64)) {
      st.clear();
      int rc = LibCephFs.ceph_statfs(cm, cstr(root), st);
      if (rc < 0) {
        throw err(rc, VfsPath.root(), "statfs");
      }
      long frsize = st.getLong(LibCephFs.Statvfs.F_FRSIZE);
      return new VfsStatFs(
          frsize != 0 ? frsize : st.getLong(LibCephFs.Statvfs.F_BSIZE),
          st.getLong(LibCephFs.Statvfs.F_BLOCKS),
          st.getLong(LibCephFs.Statvfs.F_BFREE),
          st.getLong(LibCephFs.Statvfs.F_BAVAIL),
          st.getLong(LibCephFs.Statvfs.F_FILES),
          st.getLong(LibCephFs.Statvfs.F_FFREE),
          st.getLong(LibCephFs.Statvfs.F_NAMEMAX));
    }
  }

  /** CephFS stores seconds as an unsigned 32-bit number ({@code utime_t}): 1970 to 2106. */
  private static void checkTime(VfsPath p, Long nanos) throws VfsException {
    if (nanos != null && (nanos < 0 || Math.floorDiv(nanos, 1_000_000_000L) > 0xFFFFFFFFL)) {
      throw new VfsException(Errno.EINVAL, p, "time outside 1970..2106 cannot be stored: " + nanos);
    }
  }

  private static void checkTimes(VfsPath p, TimeChange change) throws VfsException {
    checkTime(p, change.accessTimeNanos());
    checkTime(p, change.modifyTimeNanos());
    checkTime(p, change.birthTimeNanos());
  }

  /** Fills a statx with the times of {@code change}; returns the CEPH_SETATTR mask. */
  private static int fillTimes(Pointer stx, TimeChange change) {
    int mask = 0;
    if (change.accessTimeNanos() != null) {
      putNanos(stx, LibCephFs.Statx.ATIME, change.accessTimeNanos());
      mask |= LibCephFs.SETATTR_ATIME;
    }
    if (change.modifyTimeNanos() != null) {
      putNanos(stx, LibCephFs.Statx.MTIME, change.modifyTimeNanos());
      mask |= LibCephFs.SETATTR_MTIME;
    }
    if (change.birthTimeNanos() != null) {
      putNanos(stx, LibCephFs.Statx.BTIME, change.birthTimeNanos());
      mask |= LibCephFs.SETATTR_BTIME;
    }
    return mask;
  }

  @Override
  public void setTimes(VfsPath path, TimeChange change) throws VfsException {
    checkTimes(path, change);
    checkParents(path);
    if (change.isEmpty()) {
      statNative(abs(path), path, VfsException.Scope.LEAF);
      return;
    }
    try (Memory stx = new Memory(LibCephFs.Statx.SIZEOF)) {
      stx.clear();
      int mask = fillTimes(stx, change);
      int rc =
          LibCephFs.ceph_setattrx(cm, cstr(abs(path)), stx, mask, LibCephFs.AT_SYMLINK_NOFOLLOW);
      if (rc < 0) {
        throw err(rc, path, "setattrx");
      }
    }
  }

  @Override
  public void setTimes(VfsHandle h, TimeChange change) throws VfsException {
    CephFsHandle ch = own(h);
    checkTimes(ch.path(), change);
    ch.with(
        fd -> {
          if (change.isEmpty()) {
            return null;
          }
          try (Memory stx = new Memory(LibCephFs.Statx.SIZEOF)) {
            stx.clear();
            int mask = fillTimes(stx, change);
            int rc = LibCephFs.ceph_fsetattrx(cm, fd, stx, mask);
            if (rc < 0) {
              throw err(rc, ch.path(), "fsetattrx");
            }
          }
          return null;
        });
  }

  @Override
  public void chmod(VfsPath path, int mode) throws VfsException {
    checkParents(path);
    int rc = LibCephFs.ceph_lchmod(cm, cstr(abs(path)), mode & 07777);
    if (rc < 0) {
      throw err(rc, path, "chmod");
    }
  }

  @Override
  public void chown(VfsPath path, int uid, int gid) throws VfsException {
    checkParents(path);
    int rc = LibCephFs.ceph_lchown(cm, cstr(abs(path)), uid, gid);
    if (rc < 0) {
      throw err(rc, path, "chown");
    }
  }

  @Override
  public void symlink(VfsPath link, String target) throws VfsException {
    checkParents(link);
    if (target.isEmpty() || target.indexOf('\0') >= 0) {
      throw new VfsException(Errno.EINVAL, link, "bad symlink target");
    }
    int rc = LibCephFs.ceph_symlink(cm, cstr(target), cstr(abs(link)));
    if (rc < 0) {
      throw err(rc, link, "symlink");
    }
  }

  @Override
  public String readlink(VfsPath path) throws VfsException {
    checkParents(path);
    try (Memory m = new Memory(4096)) {
      int n = LibCephFs.ceph_readlink(cm, cstr(abs(path)), m, 4096);
      if (n < 0) {
        throw err(n, path, "readlink");
      }
      return new String(m.getByteArray(0, n), StandardCharsets.UTF_8);
    }
  }

  /** Closes the handles still open on this share (not the shared mount). */
  @Override
  public void close() {
    for (CephFsHandle h : List.copyOf(open)) {
      try {
        close(h);
      } catch (VfsException e) {
        // already closed by another thread
      }
    }
  }

  @Override
  public String toString() {
    return "CephFsVfs[" + mount.name() + ":" + root + "]";
  }
}
