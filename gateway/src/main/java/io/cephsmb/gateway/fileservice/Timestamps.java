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
 * Times a client set that the file system cannot keep itself, persisted in the xattr {@code
 * user.cephsmb.times} so that every node and a restarted node report them ([MS-FSCC] 2.4.7
 * FileBasicInformation, [MS-FSA] 2.1.5.14.2).
 *
 * <p>ChangeTime: CephFS keeps the inode's ctime itself (a {@code CEPH_SETATTR_CTIME} is ignored by
 * the MDS, seen on Pacific) and ctime moves exactly when MS-FSCC's ChangeTime should (data written,
 * attributes, xattrs, security changed), so ctime is the ChangeTime. A ChangeTime a client sets is
 * kept here with the inode's change attribute ({@code change_attr}, statx {@code stx_version}) it
 * will have once this xattr is written: it is reported while the change attribute is still that
 * value, and the next change of the file ends it (as that change would update an NTFS ChangeTime).
 * Where the VFS has no change attribute (the local VFS) {@link ChangeTimes} keeps it in memory.
 *
 * <p>CreationTime and LastWriteTime outside what CephFS can store (it keeps seconds as an unsigned
 * 32-bit number: 1970 to 2106) are kept here too, each with the btime or mtime the file had after
 * the set, and reported while that time has not moved.
 *
 * <p>Layout: one version byte (1), then three slots of two little-endian 64-bit values, creation,
 * write and change: the FILETIME (0: no override) and the stamp it is valid for.
 */
final class Timestamps {
  static final String XATTR = "cephsmb.times";
  private static final byte VERSION = 1;
  private static final int SIZE = 1 + 3 * 16;

  /** FILETIME of 1970-01-01 and of 2106-02-07 06:28:16 (2^32 s later). */
  private static final long MIN_CEPH = FileTimes.EPOCH_DIFF;

  private static final long MAX_CEPH = FileTimes.EPOCH_DIFF + (1L << 32) * 10_000_000L;

  /** One override: a FILETIME and the stamp (btime, mtime or change attribute) it belongs to. */
  record Slot(long filetime, long stamp) {
    static final Slot NONE = new Slot(0, 0);

    boolean isSet() {
      return filetime != 0;
    }
  }

  /** The three overrides of a file. */
  record Overrides(Slot creation, Slot write, Slot change) {
    static final Overrides NONE = new Overrides(Slot.NONE, Slot.NONE, Slot.NONE);

    boolean isEmpty() {
      return !creation.isSet() && !write.isSet() && !change.isSet();
    }

    byte[] encode() {
      ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
      b.put(VERSION);
      for (Slot s : new Slot[] {creation, write, change}) {
        b.putLong(s.filetime).putLong(s.stamp);
      }
      return b.array();
    }

    static Overrides decode(byte[] v) {
      if (v == null || v.length != SIZE || v[0] != VERSION) {
        return NONE;
      }
      ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
      Slot[] s = new Slot[3];
      for (int i = 0; i < 3; i++) {
        s[i] = new Slot(b.getLong(1 + 16 * i), b.getLong(9 + 16 * i));
      }
      return new Overrides(s[0], s[1], s[2]);
    }
  }

  /** {@link FileOpen#keptTimes} bits. */
  static final int WRITE = 1;

  static final int CHANGE = 2;

  private Timestamps() {}

  /** The times of an open's file as clients see them. */
  static FileTimes current(FileService fs, FileOpen o) throws VfsException {
    VfsStat st = FileService.stat(o);
    return fs.changeTimes.adjust(Attributes.times(o.vfs, o.path(), st), st);
  }

  /**
   * After a change through {@code o} (a WRITE): puts back the LastWriteTime and ChangeTime the open
   * keeps ({@link FileOpen#keptTimes}) from {@code before}.
   */
  static void restore(FileService fs, FileOpen o, FileTimes before) throws VfsException {
    int k = o.keptTimes;
    long w = (k & WRITE) != 0 ? before.lastWrite() : 0;
    long c = (k & CHANGE) != 0 ? before.change() : 0;
    if (w > 0 && storable(o.vfs, w)) {
      io.cephsmb.vfs.TimeChange tc =
          new io.cephsmb.vfs.TimeChange(null, FileTimes.toUnixNanos(w), null);
      if (o.handle != null) {
        o.vfs.setTimes(o.handle, tc);
      } else {
        o.vfs.setTimes(o.path(), tc);
      }
    }
    if (w > 0 || c > 0) {
      VfsStat st = FileService.stat(o);
      if (!record(o.vfs, o.path(), st, 0, w, c)) {
        fs.changeTimes.set(st, c);
      }
    }
  }

  /** Whether the VFS can store {@code filetime} as a file time. */
  static boolean storable(Vfs vfs, long filetime) {
    if (vfs.capabilities().preEpochTimes()) {
      // what fits in nanoseconds since 1970 as a long
      return filetime - FileTimes.EPOCH_DIFF < Long.MAX_VALUE / 100
          && filetime - FileTimes.EPOCH_DIFF > Long.MIN_VALUE / 100;
    }
    return filetime >= MIN_CEPH && filetime < MAX_CEPH;
  }

  static Overrides read(Vfs vfs, VfsPath path) throws VfsException {
    if (!vfs.capabilities().xattrs()) {
      return Overrides.NONE;
    }
    try {
      return Overrides.decode(vfs.getXattr(path, XATTR));
    } catch (VfsException e) {
      if (e.errno() == Errno.ENODATA || e.errno() == Errno.EOPNOTSUPP) {
        return Overrides.NONE;
      }
      throw e;
    }
  }

  /** {@code t} with the overrides that are still valid for the file whose stat is {@code st}. */
  static FileTimes apply(Vfs vfs, VfsPath path, VfsStat st, FileTimes t) throws VfsException {
    Overrides o = read(vfs, path);
    if (o.isEmpty()) {
      return t;
    }
    long c = t.creation();
    long w = t.lastWrite();
    long ch = t.change();
    if (o.creation.isSet() && o.creation.stamp == st.birthTimeNanos()) {
      c = o.creation.filetime;
    }
    if (o.write.isSet() && o.write.stamp == st.modifyTimeNanos()) {
      w = o.write.filetime;
    }
    if (o.change.isSet() && st.changeAttribute() >= 0 && o.change.stamp == st.changeAttribute()) {
      ch = o.change.filetime;
    }
    return new FileTimes(c, t.lastAccess(), w, ch);
  }

  /**
   * Records the times of a FileBasicInformation set ({@code > 0}: set) that need it, given the stat
   * right after the VFS set the storable ones; returns false when a ChangeTime could not be kept
   * here (no change attribute) and must go to {@link ChangeTimes}. This is the last change the
   * SET_INFO makes: the ChangeTime stamp predicts the change attribute this xattr write gives.
   */
  static boolean record(Vfs vfs, VfsPath path, VfsStat st, long creation, long write, long change)
      throws VfsException {
    if (!vfs.capabilities().xattrs()) {
      return change <= 0;
    }
    Overrides old = read(vfs, path);
    Slot c =
        old.creation.isSet() && old.creation.stamp == st.birthTimeNanos() ? old.creation : null;
    Slot w = old.write.isSet() && old.write.stamp == st.modifyTimeNanos() ? old.write : null;
    if (creation > 0) {
      c = storable(vfs, creation) ? null : new Slot(creation, st.birthTimeNanos());
    }
    if (write > 0) {
      w = storable(vfs, write) ? null : new Slot(write, st.modifyTimeNanos());
    }
    boolean changeKept = true;
    Slot ch = null;
    if (change > 0) {
      if (st.changeAttribute() >= 0) {
        ch = new Slot(change, st.changeAttribute() + 1);
      } else {
        changeKept = false;
      }
    }
    Overrides now =
        new Overrides(
            c == null ? Slot.NONE : c, w == null ? Slot.NONE : w, ch == null ? Slot.NONE : ch);
    if (now.isEmpty() && old.isEmpty()) {
      return changeKept;
    }
    vfs.setXattr(path, XATTR, now.encode(), XattrMode.UPSERT);
    return changeKept;
  }
}
