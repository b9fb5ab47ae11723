package io.cephsmb.gateway.fileservice;

import static io.cephsmb.gateway.fileservice.FileService.fail;
import static io.cephsmb.gateway.fileservice.FileService.io;

import io.cephsmb.gateway.mssmb2.FileTimes;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.vfs.TimeChange;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.VfsStat;
import java.nio.ByteBuffer;

/**
 * [MS-FSA] 2.1.5.14.2 FileBasicInformation set: a time of 0 leaves that time alone, -1 and -2 (stop
 * and resume the automatic updates of that time through this open) set nothing here; FileAttributes
 * 0 leaves them alone, DIRECTORY on a file and TEMPORARY on a directory are
 * STATUS_INVALID_PARAMETER. Times the VFS can store go to the inode (creation as btime where
 * settable, else the {@code user.cephsmb.creationtime} xattr), the rest and ChangeTime to {@link
 * Timestamps}.
 */
final class BasicInfo {
  private BasicInfo() {}

  static void set(FileService fs, FileOpen o, ByteBuffer b) {
    long creation = b.getLong(0);
    long access = b.getLong(8);
    long write = b.getLong(16);
    long change = b.getLong(24);
    int attrs = b.getInt(32);
    if (creation < -2 || access < -2 || write < -2 || change < -2) {
      throw fail(NtStatus.INVALID_PARAMETER, "time below -2");
    }
    if (attrs != 0 && (attrs & Attributes.DIRECTORY) != 0 && !o.directory) {
      throw fail(NtStatus.INVALID_PARAMETER, "DIRECTORY on a file");
    }
    if (attrs != 0 && (attrs & Attributes.TEMPORARY) != 0 && o.directory) {
      throw fail(NtStatus.INVALID_PARAMETER, "TEMPORARY on a directory");
    }
    if (o.share.readOnly()) {
      throw fail(NtStatus.ACCESS_DENIED, "read-only share");
    }
    VfsPath p = o.path();
    // [MS-FSA] 2.1.5.14.2: an explicit time or -1 makes this open keep that time, -2 ends it
    int kept = keep(keep(o.keptTimes, write, Timestamps.WRITE), change, Timestamps.CHANGE);
    io(
        () -> {
          FileTimes before =
              (kept & Timestamps.CHANGE) != 0 && change <= 0 ? Timestamps.current(fs, o) : null;
          if (attrs != 0 && o.vfs.capabilities().xattrs()) {
            Attributes.store(o.vfs, p, attrs);
          }
          boolean btime = o.vfs.capabilities().settableBirthTime();
          Long at = storable(o, access) ? FileTimes.toUnixNanos(access) : null;
          Long mt = storable(o, write) ? FileTimes.toUnixNanos(write) : null;
          Long bt = btime && storable(o, creation) ? FileTimes.toUnixNanos(creation) : null;
          TimeChange tc = new TimeChange(at, mt, bt);
          if (!tc.isEmpty()) {
            if (o.handle != null && o.ads == null) {
              o.vfs.setTimes(o.handle, tc);
            } else {
              o.vfs.setTimes(p, tc);
            }
          }
          if (creation > 0 && !btime && o.vfs.capabilities().xattrs()) {
            Attributes.storeCreation(o.vfs, p, creation);
          }
          // a kept ChangeTime survives the attribute and time changes made here
          long ch = change > 0 ? change : before != null ? before.change() : 0;
          if (creation > 0 || write > 0 || ch > 0) {
            VfsStat st = FileService.stat(o);
            if (!Timestamps.record(o.vfs, p, st, creation, write, ch)) {
              fs.changeTimes.set(FileService.stat(o), ch);
            }
          }
          return null;
        });
    o.keptTimes = kept;
  }

  private static int keep(int kept, long time, int bit) {
    if (time == -2) {
      return kept & ~bit;
    }
    if (time == -1 || time > 0) {
      return kept | bit;
    }
    return kept;
  }

  private static boolean storable(FileOpen o, long filetime) {
    return filetime > 0 && Timestamps.storable(o.vfs, filetime);
  }
}
