package io.cephsmb.gateway.fileservice;

import io.cephsmb.vfs.DirEntry;
import io.cephsmb.vfs.DirStream;
import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.VfsStat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Case-insensitive, case-preserving names over a case-sensitive file system ([MS-FSA] 2.1.5.1: a
 * name is looked up with IgnoreCase unless the share is case-sensitive; [MS-FSCC] 2.1.5.2.1 short
 * names). Every command that takes a name (CREATE, rename and link targets, a QUERY_DIRECTORY
 * pattern without wildcards) turns the client's name into the name on disk here.
 *
 * <p>The cost: a path that exists as written is one stat; so is any name in a directory whose
 * listing is remembered and current (one stat of the directory). Only on a miss is a directory
 * listed, and the listing is remembered per directory: the folded names (each UTF-16 unit
 * upper-cased, as the NTFS upcase table does) to the names on disk, and lazily the mangled short
 * names. A remembered listing is used only while the directory's stamp (inode, mtime, ctime, size;
 * CephFS counts entries in a directory's size) is unchanged, so a name created by another node or
 * another client is seen at once. On CephFS the stamp is exact: the MDS keeps a directory's ctime
 * in nanoseconds and its size counts the entries, and a client's cached attributes of a directory
 * another client changes are revoked by the MDS, so any create, remove or rename in it changes the
 * stamp. On other file systems (the local VFS, the embedded default) timestamps can be as coarse as
 * a kernel tick: there a change by another process within the same tick as this node's last look at
 * the directory goes unseen until the directory changes again.
 *
 * <p>This node's own creates and removes keep a remembered listing current ({@link #added}, {@link
 * #removed}): the name goes in or out. On CephFS the listing then counts them, and the next look
 * accepts the directory's new stamp if its size moved by exactly that count (no stat right after
 * the change: a stat of a directory being filled makes the MDS gather its scatter-locked
 * attributes, which would cost a round trip per create); elsewhere the stamp is taken again at
 * once. So creating many new files in one large directory reads it once, not once per file. What
 * this misses: another client's rename inside the directory (which keeps its size) between this
 * node's change and its next look. Renames through this node forget both directories ({@link
 * #changed}).
 *
 * <p>When two names on disk differ only in case (made by a POSIX client), the exact name wins, else
 * the first in code-point order.
 */
final class NameResolver {
  private static final int BATCH = 512;

  private final int maxDirs;
  private final int maxEntries;
  private final Map<Key, Listing> cache;
  private long scans;

  private record Key(Vfs vfs, VfsPath dir) {}

  private record Stamp(long ino, long mtime, long ctime, long size) {
    static Stamp of(VfsStat s) {
      return new Stamp(s.ino(), s.modifyTimeNanos(), s.changeTimeNanos(), s.size());
    }
  }

  private static final class Listing {
    final boolean precise;
    volatile Stamp stamp;

    /** Entries this node added (removed) since {@link #stamp} was taken (CephFS). */
    long pendingDelta;

    final Map<String, String> byFolded;
    final Set<String> ambiguous;
    Map<String, String> byShort;

    Listing(boolean precise, Stamp stamp, Map<String, String> byFolded, Set<String> ambiguous) {
      this.precise = precise;
      this.stamp = stamp;
      this.byFolded = byFolded;
      this.ambiguous = ambiguous;
    }

    /**
     * Whether this listing is current for the directory's stamp {@code now}: the same stamp, or
     * (CephFS) a stamp whose size moved by exactly this node's own changes since, which becomes the
     * new stamp.
     */
    synchronized boolean current(Stamp now) {
      if (now.equals(stamp)) {
        return pendingDelta == 0;
      }
      if (precise
          && pendingDelta != 0
          && now.ino() == stamp.ino()
          && now.size() == stamp.size() + pendingDelta) {
        stamp = now;
        pendingDelta = 0;
        return true;
      }
      return false;
    }

    /** Whether several names on disk fold to {@code folded} (then the exact one must be tried). */
    synchronized boolean ambiguous(String folded) {
      return ambiguous.contains(folded);
    }

    synchronized String get(String folded) {
      return byFolded.get(folded);
    }

    synchronized void add(String name) {
      String folded = ShortNames.fold(name);
      String had = byFolded.get(folded);
      if (had != null && !had.equals(name)) {
        ambiguous.add(folded);
      }
      byFolded.merge(folded, name, NameResolver::first);
      if (byShort != null && !ShortNames.is83(name)) {
        byShort.merge(ShortNames.of(name), name, NameResolver::first);
      }
    }

    synchronized void remove(String name) {
      String folded = ShortNames.fold(name);
      if (name.equals(byFolded.get(folded))) {
        byFolded.remove(folded);
        byShort = null;
      }
    }

    synchronized String shortName(String upper) {
      if (byShort == null) {
        Map<String, String> m = new HashMap<>();
        for (String real : byFolded.values()) {
          if (!ShortNames.is83(real)) {
            m.merge(ShortNames.of(real), real, NameResolver::first);
          }
        }
        byShort = m;
      }
      return byShort.get(upper);
    }
  }

  /** A resolver remembering up to 256 directories of up to 1,000,000 entries each. */
  NameResolver() {
    this(256, 1_000_000);
  }

  NameResolver(int maxDirs, int maxEntries) {
    this.maxDirs = maxDirs;
    this.maxEntries = maxEntries;
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Listing> eldest) {
            return size() > NameResolver.this.maxDirs;
          }
        };
  }

  private static String first(String a, String b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** How many directory listings this resolver has read (tests). */
  synchronized long scans() {
    return scans;
  }

  /**
   * The path on disk for {@code path}: each component replaced by the existing entry that equals it
   * ignoring case, or whose short name it is; components that exist nowhere are kept as written
   * (the caller's stat then fails or its create uses the client's case). With {@code caseSensitive}
   * the path is returned as it is. Blocking.
   */
  VfsPath resolve(Vfs vfs, VfsPath path, boolean caseSensitive) throws VfsException {
    if (caseSensitive || path.isRoot()) {
      return path;
    }
    // a remembered, still valid listing of the directory answers with one stat (of the directory)
    Listing l = remembered(vfs, path.parent());
    if (l != null) {
      String folded = ShortNames.fold(path.name());
      if (!l.ambiguous(folded)) {
        String real = l.get(folded);
        if (real == null && ShortNames.looksMangled(path.name())) {
          real = l.shortName(folded);
        }
        return real == null ? path : path.parent().resolve(real);
      }
    }
    if (exists(vfs, path) != NO) {
      return path;
    }
    return resolveMissing(vfs, path);
  }

  /** The remembered listing of {@code dir} if its stamp is still current, else null (no scan). */
  private Listing remembered(Vfs vfs, VfsPath dir) throws VfsException {
    Listing l;
    synchronized (this) {
      l = cache.get(new Key(vfs, dir));
    }
    if (l == null) {
      return null;
    }
    try {
      VfsStat ds = vfs.stat(dir);
      return ds.isDirectory() && l.current(Stamp.of(ds)) ? l : null;
    } catch (VfsException e) {
      if (notThere(e)) {
        return null;
      }
      throw e;
    }
  }

  /** {@code path} does not exist as written. */
  private VfsPath resolveMissing(Vfs vfs, VfsPath path) throws VfsException {
    VfsPath parent = path.parent();
    VfsPath realParent = parent;
    if (!parent.isRoot()) {
      int e = exists(vfs, parent);
      if (e == OTHER) {
        return path; // a file as a directory, a symlink, ...: the caller's call says what
      }
      if (e == NO) {
        realParent = resolveMissing(vfs, parent);
        if (!realParent.equals(parent) && exists(vfs, realParent.resolve(path.name())) == YES) {
          return realParent.resolve(path.name());
        }
      }
    }
    String found = lookup(vfs, realParent, path.name());
    return realParent.resolve(found != null ? found : path.name());
  }

  /**
   * The entry of directory {@code dir} (a path on disk) that {@code name} names ignoring case, or
   * by its short name; null if none (or {@code dir} is not a directory).
   */
  String lookup(Vfs vfs, VfsPath dir, String name) throws VfsException {
    Listing l = listing(vfs, dir);
    if (l == null) {
      return null;
    }
    String real = l.get(ShortNames.fold(name));
    if (real == null && ShortNames.looksMangled(name)) {
      real = l.shortName(ShortNames.fold(name));
    }
    return real;
  }

  private Listing listing(Vfs vfs, VfsPath dir) throws VfsException {
    VfsStat ds;
    try {
      ds = vfs.stat(dir);
    } catch (VfsException e) {
      if (notThere(e)) {
        return null;
      }
      throw e;
    }
    if (!ds.isDirectory()) {
      return null;
    }
    Stamp stamp = Stamp.of(ds);
    Key key = new Key(vfs, dir);
    synchronized (this) {
      Listing l = cache.get(key);
      if (l != null && l.current(stamp)) {
        return l;
      }
      cache.remove(key);
      scans++;
    }
    Map<String, String> byFolded = new HashMap<>();
    Set<String> ambiguous = new HashSet<>();
    int n = 0;
    try (DirStream s = vfs.openDir(dir)) {
      for (List<DirEntry> batch = s.next(BATCH); !batch.isEmpty(); batch = s.next(BATCH)) {
        for (DirEntry e : batch) {
          String folded = ShortNames.fold(e.name());
          if (byFolded.containsKey(folded)) {
            ambiguous.add(folded);
          }
          byFolded.merge(folded, e.name(), NameResolver::first);
          n++;
        }
      }
    } catch (VfsException e) {
      if (notThere(e)) {
        return null;
      }
      throw e;
    }
    Listing l = new Listing(precise(vfs), stamp, byFolded, ambiguous);
    if (n <= maxEntries) {
      synchronized (this) {
        cache.put(key, l);
      }
    }
    return l;
  }

  /** Whether the VFS's directory stamps change with every change (CephFS; see above). */
  private static boolean precise(Vfs vfs) {
    return vfs instanceof io.cephsmb.vfs.cephfs.CephFsVfs;
  }

  /** This node created {@code name} in directory {@code dir} (a path on disk). Blocking. */
  void added(Vfs vfs, VfsPath dir, String name) {
    adjust(vfs, dir, name, +1);
  }

  /** This node removed {@code name} from directory {@code dir} (a path on disk). Blocking. */
  void removed(Vfs vfs, VfsPath dir, String name) {
    adjust(vfs, dir, name, -1);
  }

  private void adjust(Vfs vfs, VfsPath dir, String name, int delta) {
    Key key = new Key(vfs, dir);
    Listing l;
    synchronized (this) {
      l = cache.get(key);
    }
    if (l == null) {
      return;
    }
    if (l.precise) {
      // no stat now: on CephFS a stat of a directory being filled makes the MDS gather its
      // scatter-locked attributes each time; the next look checks the size moved by exactly
      // this node's own changes instead (Listing.current)
      synchronized (l) {
        if (delta > 0) {
          l.add(name);
        } else {
          l.remove(name);
        }
        l.pendingDelta += delta;
      }
      return;
    }
    Stamp now;
    try {
      now = Stamp.of(vfs.stat(dir));
    } catch (VfsException e) {
      changed(vfs, dir);
      return;
    }
    synchronized (l) {
      Stamp was = l.stamp;
      if (now.ino() != was.ino() || (l.precise && now.size() != was.size() + delta)) {
        changed(vfs, dir);
        return;
      }
      if (delta > 0) {
        l.add(name);
      } else {
        l.remove(name);
      }
      l.stamp = now;
    }
  }

  /** Forgets what is remembered of directory {@code dir} (this node changed it). */
  void changed(Vfs vfs, VfsPath dir) {
    synchronized (this) {
      cache.remove(new Key(vfs, dir));
    }
  }

  private static final int YES = 1;
  private static final int NO = 0;
  private static final int OTHER = -1;

  /** {@link #YES} if {@code p} exists, {@link #NO} if not, {@link #OTHER} if the stat failed. */
  private static int exists(Vfs vfs, VfsPath p) throws VfsException {
    try {
      vfs.stat(p);
      return YES;
    } catch (VfsException e) {
      if (e.errno() == Errno.ENOENT) {
        return NO;
      }
      if (e.errno() == Errno.ENOTDIR || e.errno() == Errno.ELOOP || e.errno() == Errno.EACCES) {
        return OTHER;
      }
      throw e;
    }
  }

  private static boolean notThere(VfsException e) {
    return e.errno() == Errno.ENOENT || e.errno() == Errno.ENOTDIR || e.errno() == Errno.ELOOP;
  }
}
