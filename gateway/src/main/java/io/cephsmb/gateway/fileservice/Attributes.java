package io.cephsmb.gateway.fileservice;

import io.cephsmb.gateway.mssmb2.FileTimes;
import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.VfsStat;
import io.cephsmb.vfs.XattrMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * [MS-FSCC] 2.6 file attributes and the four times of a file, from the VFS stat plus two extended
 * attributes the gateway keeps on the file (in the {@code user.} namespace):
 *
 * <ul>
 *   <li>{@code user.cephsmb.dosattrib}: 4 bytes little-endian, the DOS attributes a client set
 *       (READONLY, HIDDEN, SYSTEM, ARCHIVE, TEMPORARY, OFFLINE, NOT_CONTENT_INDEXED); without it a
 *       file is ARCHIVE and a directory has none but DIRECTORY;
 *   <li>{@code user.cephsmb.creationtime}: 8 bytes little-endian FILETIME, the creation time a
 *       client set, used only where the VFS cannot set the birth time (the local VFS); CephFS keeps
 *       it as the inode's btime.
 * </ul>
 */
final class Attributes {
  static final int READONLY = 0x1;
  static final int HIDDEN = 0x2;
  static final int SYSTEM = 0x4;
  static final int DIRECTORY = 0x10;
  static final int ARCHIVE = 0x20;
  static final int NORMAL = 0x80;
  static final int TEMPORARY = 0x100;
  static final int SPARSE_FILE = 0x200;
  static final int OFFLINE = 0x1000;
  static final int NOT_CONTENT_INDEXED = 0x2000;

  /** The attributes kept in the xattr. */
  static final int STORED =
      READONLY
          | HIDDEN
          | SYSTEM
          | ARCHIVE
          | TEMPORARY
          | SPARSE_FILE
          | OFFLINE
          | NOT_CONTENT_INDEXED;

  static final String DOS_XATTR = "cephsmb.dosattrib";
  static final String CREATION_XATTR = "cephsmb.creationtime";

  private Attributes() {}

  /** The FileAttributes of a file. */
  static int of(Vfs vfs, VfsPath path, VfsStat st) throws VfsException {
    Integer stored = null;
    if (vfs.capabilities().xattrs()) {
      byte[] v = xattr(vfs, path, DOS_XATTR);
      if (v != null && v.length == 4) {
        stored = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getInt() & STORED;
      }
    }
    int a;
    if (st.isDirectory()) {
      a = DIRECTORY | (stored == null ? 0 : stored & ~ARCHIVE);
    } else {
      a = stored == null ? ARCHIVE : stored;
      if (a == 0) {
        a = NORMAL;
      }
    }
    return a;
  }

  /**
   * Stores the DOS attributes ({@code attrs} masked to {@link #STORED}); SPARSE_FILE is not among
   * them: it keeps its stored value (only FSCTL_SET_SPARSE changes it, [MS-FSA] 2.1.5.14.2).
   */
  static void store(Vfs vfs, VfsPath path, int attrs) throws VfsException {
    int sparse = stored(vfs, path) & SPARSE_FILE;
    write(vfs, path, (attrs & STORED & ~SPARSE_FILE) | sparse);
  }

  /** Sets or clears FILE_ATTRIBUTE_SPARSE_FILE (FSCTL_SET_SPARSE), leaving the others alone. */
  static void storeSparse(Vfs vfs, VfsPath path, boolean sparse) throws VfsException {
    byte[] v = xattr(vfs, path, DOS_XATTR);
    int now =
        v != null && v.length == 4
            ? ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getInt() & STORED
            : ARCHIVE;
    write(vfs, path, sparse ? now | SPARSE_FILE : now & ~SPARSE_FILE);
  }

  private static int stored(Vfs vfs, VfsPath path) throws VfsException {
    byte[] v = xattr(vfs, path, DOS_XATTR);
    return v != null && v.length == 4
        ? ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getInt()
        : 0;
  }

  private static void write(Vfs vfs, VfsPath path, int attrs) throws VfsException {
    byte[] v = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(attrs).array();
    vfs.setXattr(path, DOS_XATTR, v, XattrMode.UPSERT);
  }

  /** The four times: creation from btime (or the xattr), access, write (mtime), change (ctime). */
  static FileTimes times(Vfs vfs, VfsPath path, VfsStat st) throws VfsException {
    long creation = FileTimes.fromUnixNanos(st.birthTimeNanos());
    if (!vfs.capabilities().settableBirthTime() && vfs.capabilities().xattrs()) {
      byte[] v = xattr(vfs, path, CREATION_XATTR);
      if (v != null && v.length == 8) {
        creation = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong();
      }
    }
    return new FileTimes(
        creation,
        FileTimes.fromUnixNanos(st.accessTimeNanos()),
        FileTimes.fromUnixNanos(st.modifyTimeNanos()),
        FileTimes.fromUnixNanos(st.changeTimeNanos()));
  }

  /** Keeps a creation time the VFS cannot set as a btime. */
  static void storeCreation(Vfs vfs, VfsPath path, long filetime) throws VfsException {
    byte[] v = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(filetime).array();
    vfs.setXattr(path, CREATION_XATTR, v, XattrMode.UPSERT);
  }

  private static byte[] xattr(Vfs vfs, VfsPath path, String name) throws VfsException {
    try {
      return vfs.getXattr(path, name);
    } catch (VfsException e) {
      if (e.errno() == Errno.ENODATA
          || e.errno() == Errno.EOPNOTSUPP
          || e.errno() == Errno.ENOENT) {
        return null;
      }
      throw e;
    }
  }
}
