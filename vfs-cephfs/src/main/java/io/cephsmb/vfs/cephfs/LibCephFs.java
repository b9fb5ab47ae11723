package io.cephsmb.vfs.cephfs;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JNA direct-mapped bindings to the libcephfs C functions the VFS calls on the native {@code struct
 * ceph_mount_info *} of a {@link com.ceph.fs.CephMount} (Ceph 16 Pacific {@code cephfs/libcephfs.h}
 * and {@code cephfs/ceph_ll_client.h}). Every function returns 0 or a count on success and a
 * negated errno on failure. Strings are NUL-terminated UTF-8 {@code byte[]} ({@link #cstr}); {@code
 * size_t} and {@code int64_t} are {@code long} (64-bit Linux only). The library is {@code
 * libcephfs.so.2}, the one Debian's JNI binding already loaded, so the mount pointer is valid here.
 */
@SuppressWarnings("MethodName") // the names are libcephfs' own
final class LibCephFs {
  static {
    Native.register(LibCephFs.class, NativeLibrary.getInstance("cephfs"));
  }

  // open(2) flags of Linux (libcephfs takes the host's values)
  static final int O_RDONLY = 0;
  static final int O_WRONLY = 01;
  static final int O_RDWR = 02;
  static final int O_CREAT = 0100;
  static final int O_EXCL = 0200;
  static final int O_TRUNC = 01000;
  static final int O_DIRECTORY = 0200000;
  static final int O_NOFOLLOW = 0400000;

  /** {@code AT_SYMLINK_NOFOLLOW} of Linux. */
  static final int AT_SYMLINK_NOFOLLOW = 0x100;

  // CEPH_STATX_* (ceph_ll_client.h)
  static final int STATX_MODE = 0x1;
  static final int STATX_NLINK = 0x2;
  static final int STATX_UID = 0x4;
  static final int STATX_GID = 0x8;
  static final int STATX_ATIME = 0x20;
  static final int STATX_MTIME = 0x40;
  static final int STATX_CTIME = 0x80;
  static final int STATX_INO = 0x100;
  static final int STATX_SIZE = 0x200;
  static final int STATX_BLOCKS = 0x400;
  static final int STATX_BASIC_STATS = 0x7ff;
  static final int STATX_BTIME = 0x800;

  // CEPH_SETATTR_* (libcephfs.h)
  static final int SETATTR_MODE = 1;
  static final int SETATTR_UID = 1 << 1;
  static final int SETATTR_GID = 1 << 2;
  static final int SETATTR_MTIME = 1 << 3;
  static final int SETATTR_ATIME = 1 << 4;
  static final int SETATTR_BTIME = 1 << 9;

  // setxattr(2) flags
  static final int XATTR_CREATE = 1;
  static final int XATTR_REPLACE = 2;

  /** {@code struct ceph_statx} (x86-64 / arm64 layout). */
  static final class Statx {
    static final int MASK = 0;
    static final int BLKSIZE = 4;
    static final int NLINK = 8;
    static final int UID = 12;
    static final int GID = 16;
    static final int MODE = 20;
    static final int INO = 24;
    static final int SIZE = 32;
    static final int BLOCKS = 40;
    static final int ATIME = 64;
    static final int CTIME = 80;
    static final int MTIME = 96;
    static final int BTIME = 112;
    static final int SIZEOF = 136;

    private Statx() {}
  }

  /** {@code struct dirent} of glibc on 64-bit Linux. */
  static final class Dirent {
    static final int D_INO = 0;
    static final int D_TYPE = 18;
    static final int D_NAME = 19;
    static final int NAME_MAX_BYTES = 256;
    static final int SIZEOF = 280;

    private Dirent() {}
  }

  /** {@code struct statvfs} of glibc on 64-bit Linux. */
  static final class Statvfs {
    static final int F_BSIZE = 0;
    static final int F_FRSIZE = 8;
    static final int F_BLOCKS = 16;
    static final int F_BFREE = 24;
    static final int F_BAVAIL = 32;
    static final int F_FILES = 40;
    static final int F_FFREE = 48;
    static final int F_NAMEMAX = 80;
    static final int SIZEOF = 112;

    private Statvfs() {}
  }

  private LibCephFs() {}

  /** NUL-terminated UTF-8 of {@code s}. */
  static byte[] cstr(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(b, b.length + 1);
  }

  static native int ceph_statx(Pointer cmount, byte[] path, Pointer stx, int want, int flags);

  static native int ceph_fstatx(Pointer cmount, int fd, Pointer stx, int want, int flags);

  static native int ceph_open(Pointer cmount, byte[] path, int flags, int mode);

  static native int ceph_close(Pointer cmount, int fd);

  static native int ceph_read(Pointer cmount, int fd, Pointer buf, long size, long offset);

  static native int ceph_write(Pointer cmount, int fd, Pointer buf, long size, long offset);

  static native int ceph_ftruncate(Pointer cmount, int fd, long size);

  static native int ceph_fallocate(Pointer cmount, int fd, int mode, long offset, long length);

  static native int ceph_fsync(Pointer cmount, int fd, int syncdataonly);

  static native int ceph_opendir(Pointer cmount, byte[] path, Pointer dirpp);

  static native int ceph_closedir(Pointer cmount, Pointer dirp);

  static native int ceph_readdirplus_r(
      Pointer cmount, Pointer dirp, Pointer de, Pointer stx, int want, int flags, Pointer out);

  static native void ceph_rewinddir(Pointer cmount, Pointer dirp);

  static native int ceph_mkdir(Pointer cmount, byte[] path, int mode);

  static native int ceph_rmdir(Pointer cmount, byte[] path);

  static native int ceph_unlink(Pointer cmount, byte[] path);

  static native int ceph_rename(Pointer cmount, byte[] from, byte[] to);

  static native int ceph_lgetxattr(
      Pointer cmount, byte[] path, byte[] name, Pointer value, long size);

  static native int ceph_lsetxattr(
      Pointer cmount, byte[] path, byte[] name, byte[] value, long size, int flags);

  static native int ceph_llistxattr(Pointer cmount, byte[] path, Pointer list, long size);

  static native int ceph_lremovexattr(Pointer cmount, byte[] path, byte[] name);

  static native int ceph_statfs(Pointer cmount, byte[] path, Pointer stbuf);

  static native int ceph_setattrx(Pointer cmount, byte[] path, Pointer stx, int mask, int flags);

  static native int ceph_fsetattrx(Pointer cmount, int fd, Pointer stx, int mask);

  static native int ceph_lchmod(Pointer cmount, byte[] path, int mode);

  static native int ceph_lchown(Pointer cmount, byte[] path, int uid, int gid);

  static native int ceph_symlink(Pointer cmount, byte[] existing, byte[] newname);

  static native int ceph_readlink(Pointer cmount, byte[] path, Pointer buf, long size);

  static native int ceph_sync_fs(Pointer cmount);
}
