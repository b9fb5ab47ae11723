package io.cephsmb.gateway.fileservice;

import io.cephsmb.gateway.mssmb2.FileTimes;
import io.cephsmb.vfs.VfsStat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ChangeTime values that clients set (FileBasicInformation), which CephFS and POSIX cannot store:
 * the inode's ctime is the file system's own. A set ChangeTime is remembered on this node with the
 * ctime the file had right after the SET_INFO, and reported instead of the ctime for as long as the
 * ctime has not moved (the next change of the file ends it, as the next change would update an NTFS
 * ChangeTime). Other nodes and a restarted node report the ctime.
 */
final class ChangeTimes {
  private static final int MAX = 100_000;

  private record Set(long filetime, long ctimeNanos) {}

  private final Map<Long, Set> byIno = new ConcurrentHashMap<>();

  /** Remembers that {@code filetime} was set on the file whose stat after the set is {@code st}. */
  void set(VfsStat st, long filetime) {
    if (byIno.size() >= MAX) {
      byIno.clear();
    }
    byIno.put(st.ino(), new Set(filetime, st.changeTimeNanos()));
  }

  /** {@code t} with the ChangeTime a client set, if the file has not changed since. */
  FileTimes adjust(FileTimes t, VfsStat st) {
    Set s = byIno.get(st.ino());
    if (s == null) {
      return t;
    }
    if (s.ctimeNanos() != st.changeTimeNanos()) {
      byIno.remove(st.ino(), s);
      return t;
    }
    return new FileTimes(t.creation(), t.lastAccess(), t.lastWrite(), s.filetime());
  }
}
