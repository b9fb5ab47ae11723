package io.cephsmb.gateway.fileservice;

import io.cephsmb.vfs.DirEntry;
import io.cephsmb.vfs.DirStream;
import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.VfsStat;
import io.cephsmb.vfs.XattrMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where alternate data streams ([MS-FSCC] 2.1.5.3 stream names, [MS-FSA] 2.1.1.4 Stream) live: one
 * ordinary file per named stream in a hidden directory of the share, {@code .cephsmb-streams/<ino
 * low byte>/<ino hex>/<encoded stream name>}, keyed by the base file's inode so the streams follow
 * the file through renames. The base file carries the xattr {@code user.cephsmb.streams} (its
 * inode, 8 bytes little-endian) once it has had a stream: without it (or with another inode in it,
 * after CephFS reused a number) the file has no streams and whatever sits under its inode's
 * directory is stale and is removed before a stream is created.
 *
 * <p>Why not xattrs: CephFS caps one value at 64 KiB and all xattrs of an inode together at {@code
 * mds_max_xattr_pairs_size} (64 KiB by default), far below what Windows applications put in streams
 * (Zone.Identifier is small, but macOS resource forks and backup tools are not). A file per stream
 * gets the data path of ordinary files (positional I/O, sparse data, truncate, fsync) and works
 * alike on CephFS and the local VFS.
 *
 * <p>Names: stream names compare without case ([MS-FSCC] 2.1.5.3); the stored name keeps the case
 * it was created with, escaped ({@code %XX} for {@code %}, control characters, DEL and a leading
 * {@code .}) so any legal stream name is a legal file name. A lookup tries the name as given, then
 * scans the (small) directory without case.
 */
final class Streams {
  /** The hidden directory at the root of every share; clients cannot name it. */
  static final String DIR = ".cephsmb-streams";

  static final String MARKER_XATTR = "cephsmb.streams";

  private static final int DIR_MODE = 0700;

  private Streams() {}

  /** A named stream: its name as created, where its data is, and its stat. */
  record Entry(String name, VfsPath storage, VfsStat stat) {}

  /** Whether {@code p} is the hidden directory or below it. */
  static boolean reserved(VfsPath p) {
    return !p.isRoot() && p.components().get(0).equalsIgnoreCase(DIR);
  }

  /** The directory of the streams of the file with inode {@code ino}. */
  static VfsPath dirOf(long ino) {
    try {
      return VfsPath.of(DIR, String.format("%02x", ino & 0xff), String.format("%016x", ino));
    } catch (VfsException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The streams of the file at {@code base} (inode {@code ino}), in directory order. */
  static List<Entry> list(Vfs vfs, VfsPath base, long ino) throws VfsException {
    List<Entry> out = new ArrayList<>();
    if (!marked(vfs, base, ino)) {
      return out;
    }
    VfsPath dir = dirOf(ino);
    DirStream d;
    try {
      d = vfs.openDir(dir);
    } catch (VfsException e) {
      if (e.errno() == Errno.ENOENT) {
        return out;
      }
      throw e;
    }
    try (d) {
      for (List<DirEntry> batch = d.next(256); !batch.isEmpty(); batch = d.next(256)) {
        for (DirEntry e : batch) {
          String name = decode(e.name());
          if (name != null && !e.stat().isDirectory()) {
            out.add(new Entry(name, dir.resolve(e.name()), e.stat()));
          }
        }
      }
    }
    return out;
  }

  /** The stream {@code name} of the file (case-insensitive), or null. */
  static Entry find(Vfs vfs, VfsPath base, long ino, String name) throws VfsException {
    if (!marked(vfs, base, ino)) {
      return null;
    }
    VfsPath exact = dirOf(ino).resolve(encode(name));
    try {
      return new Entry(name, exact, vfs.stat(exact));
    } catch (VfsException e) {
      if (e.errno() != Errno.ENOENT) {
        throw e;
      }
    }
    for (Entry e : list(vfs, base, ino)) {
      if (same(e.name(), name)) {
        return e;
      }
    }
    return null;
  }

  /**
   * The storage path for a new stream {@code name} of the file, with its directory made and the
   * file marked (stale streams of a reused inode removed first).
   */
  static VfsPath prepare(Vfs vfs, VfsPath base, long ino, String name) throws VfsException {
    VfsPath dir = dirOf(ino);
    if (!marked(vfs, base, ino)) {
      removeAll(vfs, ino);
      mkdirs(vfs, dir);
      byte[] v = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(ino).array();
      if (vfs.capabilities().xattrs()) {
        vfs.setXattr(base, MARKER_XATTR, v, XattrMode.UPSERT);
      }
    } else {
      mkdirs(vfs, dir);
    }
    return dir.resolve(encode(name));
  }

  /** The storage path of stream {@code name} in the directory of inode {@code ino}. */
  static VfsPath storage(long ino, String name) throws VfsException {
    return dirOf(ino).resolve(encode(name));
  }

  /** Removes every stream of the file with inode {@code ino} (the file is gone or overwritten). */
  static void removeAll(Vfs vfs, long ino) throws VfsException {
    VfsPath dir = dirOf(ino);
    DirStream d;
    try {
      d = vfs.openDir(dir);
    } catch (VfsException e) {
      if (e.errno() == Errno.ENOENT) {
        return;
      }
      throw e;
    }
    List<String> names = new ArrayList<>();
    try (d) {
      for (List<DirEntry> batch = d.next(256); !batch.isEmpty(); batch = d.next(256)) {
        for (DirEntry e : batch) {
          names.add(e.name());
        }
      }
    }
    for (String n : names) {
      try {
        vfs.unlink(dir.resolve(n));
      } catch (VfsException e) {
        if (e.errno() != Errno.ENOENT) {
          throw e;
        }
      }
    }
    try {
      vfs.rmdir(dir);
    } catch (VfsException e) {
      if (e.errno() != Errno.ENOENT && e.errno() != Errno.ENOTEMPTY) {
        throw e;
      }
    }
  }

  /** Whether two stream names are the same stream (no case). */
  static boolean same(String a, String b) {
    return canonical(a).equals(canonical(b));
  }

  /** The case-folded name (for share-mode records). */
  static String canonical(String name) {
    return name.toUpperCase(Locale.ROOT);
  }

  static String encode(String name) {
    StringBuilder sb = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '%' || c < 0x20 || c == 0x7f || (i == 0 && c == '.')) {
        sb.append('%').append(String.format("%02X", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The stream name of a stored file name, or null if it is not one we wrote. */
  static String decode(String stored) {
    StringBuilder sb = new StringBuilder(stored.length());
    for (int i = 0; i < stored.length(); i++) {
      char c = stored.charAt(i);
      if (c == '%') {
        if (i + 3 > stored.length()) {
          return null;
        }
        try {
          sb.append((char) Integer.parseInt(stored.substring(i + 1, i + 3), 16));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
          return null;
        }
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Whether the file at {@code base} (inode {@code ino}) may have streams: it carries the marker
   * for its inode (always true without xattrs). One getxattr, where listing the streams' directory
   * would cost a lookup of it.
   */
  static boolean marked(Vfs vfs, VfsPath base, long ino) throws VfsException {
    if (!vfs.capabilities().xattrs()) {
      return true;
    }
    byte[] v;
    try {
      v = vfs.getXattr(base, MARKER_XATTR);
    } catch (VfsException e) {
      if (e.errno() == Errno.ENODATA || e.errno() == Errno.EOPNOTSUPP) {
        return false;
      }
      throw e;
    }
    return v != null
        && v.length == 8
        && ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong() == ino;
  }

  private static void mkdirs(Vfs vfs, VfsPath dir) throws VfsException {
    for (int i = 1; i <= dir.depth(); i++) {
      try {
        vfs.mkdir(dir.prefix(i), DIR_MODE);
      } catch (VfsException e) {
        if (e.errno() != Errno.EEXIST) {
          throw e;
        }
      }
    }
  }

  /** Bytes of a UTF-16LE name (FileStreamInformation). */
  static byte[] utf16(String s) {
    return s.getBytes(StandardCharsets.UTF_16LE);
  }
}
