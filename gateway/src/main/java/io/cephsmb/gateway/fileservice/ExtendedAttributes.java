package io.cephsmb.gateway.fileservice;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.XattrMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Extended attributes ([MS-FSCC] 2.4.15 FILE_FULL_EA_INFORMATION, [MS-FSA] 2.1.5.14.? / 2.1.5.1 for
 * the ExtA create context) kept as CephFS xattrs: EA {@code NAME} is the xattr {@code user.NAME}
 * (as Samba's {@code ea support = yes} stores them), the value verbatim.
 *
 * <ul>
 *   <li>Names: 1 to 255 ASCII characters, no control characters and none of {@code "*+,/:;<=>?[\]|}
 *       (STATUS_INVALID_EA_NAME); compared without case (setting {@code ea1} replaces {@code EA1});
 *       names in the gateway's own namespace ({@code cephsmb.*}) and Samba's ({@code DOSATTRIB},
 *       {@code SAMBA_PAI}, {@code DosStream.*}) are refused and never listed.
 *   <li>Size: values up to 65535 bytes (the field is 16 bits); all EAs of a file together (names
 *       plus values) at most {@link #MAX_TOTAL} bytes, which leaves room for the gateway's own
 *       xattrs under the MDS's 64 KiB per-inode limit ({@code mds_max_xattr_pairs_size}); more is
 *       STATUS_EA_TOO_LARGE and changes nothing.
 *   <li>A value of length 0 removes the EA.
 * </ul>
 */
final class ExtendedAttributes {
  /** The most all EAs of one file may hold together (names plus values). */
  static final int MAX_TOTAL = 60 * 1024;

  /** FILE_NEED_EA, the only valid flag. */
  static final int NEED_EA = 0x80;

  private static final String INVALID = "\"*+,/:;<=>?[\\]|";

  /**
   * Xattr names that are not EAs: the gateway's own, and Samba's (DOS attributes, POSIX ACL cache,
   * streams_xattr) for a directory also served by Samba + vfs_ceph.
   */
  private static final String[] RESERVED = {"cephsmb.", "dosstream.", "dosattrib", "samba_pai"};

  /** One EA. */
  record Ea(int flags, String name, byte[] value) {
    Ea {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    int length() {
      return 8 + name.length() + 1 + value.length;
    }
  }

  private ExtendedAttributes() {}

  /** Whether {@code name} is an xattr of the gateway's own (not an EA). */
  static boolean reserved(String name) {
    String l = name.toLowerCase(Locale.ROOT);
    for (String r : RESERVED) {
      if (l.startsWith(r)) {
        return true;
      }
    }
    return false;
  }

  /** Checks an EA name. */
  static void checkName(String name) {
    if (name.isEmpty() || name.length() > 255 || reserved(name)) {
      throw FileService.fail(NtStatus.INVALID_EA_NAME, "EA name '" + name + "'");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7e || INVALID.indexOf(c) >= 0) {
        throw FileService.fail(NtStatus.INVALID_EA_NAME, "EA name '" + name + "'");
      }
    }
  }

  /**
   * Decodes a FILE_FULL_EA_INFORMATION list: every entry inside the buffer, NextEntryOffset 0 or
   * past the entry, names NUL-terminated; else STATUS_EA_LIST_INCONSISTENT. Flags other than
   * FILE_NEED_EA are STATUS_INVALID_EA_FLAG, bad names STATUS_INVALID_EA_NAME.
   */
  static List<Ea> decode(byte[] buf) {
    List<Ea> out = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
    int at = 0;
    while (true) {
      if (at + 8 > buf.length) {
        throw FileService.fail(NtStatus.EA_LIST_INCONSISTENT, "EA entry past the buffer");
      }
      long next = b.getInt(at) & 0xFFFFFFFFL;
      int flags = buf[at + 4] & 0xff;
      int nameLen = buf[at + 5] & 0xff;
      int valueLen = b.getShort(at + 6) & 0xffff;
      int size = 8 + nameLen + 1 + valueLen;
      if (at + size > buf.length || buf[at + 8 + nameLen] != 0) {
        throw FileService.fail(NtStatus.EA_LIST_INCONSISTENT, "EA entry past the buffer");
      }
      if (next != 0 && next < size) {
        throw FileService.fail(NtStatus.EA_LIST_INCONSISTENT, "NextEntryOffset " + next);
      }
      if ((flags & ~NEED_EA) != 0) {
        throw FileService.fail(NtStatus.INVALID_EA_FLAG, "EA flags " + flags);
      }
      String name = new String(buf, at + 8, nameLen, StandardCharsets.ISO_8859_1);
      checkName(name);
      byte[] value = new byte[valueLen];
      System.arraycopy(buf, at + 9 + nameLen, value, 0, valueLen);
      out.add(new Ea(flags, name, value));
      if (next == 0) {
        return out;
      }
      if (at + next > buf.length) {
        throw FileService.fail(NtStatus.EA_LIST_INCONSISTENT, "NextEntryOffset " + next);
      }
      at += (int) next;
    }
  }

  /** Encodes a FILE_FULL_EA_INFORMATION list, entries 4-byte aligned (the last not padded). */
  static byte[] encode(List<Ea> eas) {
    int total = 0;
    for (int i = 0; i < eas.size(); i++) {
      total += i == eas.size() - 1 ? eas.get(i).length() : (eas.get(i).length() + 3) & ~3;
    }
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < eas.size(); i++) {
      Ea e = eas.get(i);
      boolean last = i == eas.size() - 1;
      int size = last ? e.length() : (e.length() + 3) & ~3;
      int start = b.position();
      b.putInt(last ? 0 : size);
      b.put((byte) e.flags());
      b.put((byte) e.name().length());
      b.putShort((short) e.value.length);
      b.put(e.name().getBytes(StandardCharsets.ISO_8859_1));
      b.put((byte) 0);
      b.put(e.value);
      b.position(start + size);
    }
    return b.array();
  }

  /** The EAs of a file, in xattr order. */
  static List<Ea> list(Vfs vfs, VfsPath path) throws VfsException {
    List<Ea> out = new ArrayList<>();
    if (!vfs.capabilities().xattrs()) {
      return out;
    }
    for (String n : vfs.listXattrs(path)) {
      if (reserved(n) || n.isEmpty() || n.length() > 255) {
        continue;
      }
      try {
        byte[] v = vfs.getXattr(path, n);
        if (v.length <= 0xffff) {
          out.add(new Ea(0, n, v));
        }
      } catch (VfsException e) {
        if (e.errno() != Errno.ENODATA) {
          throw e;
        }
      }
    }
    return out;
  }

  /** EaSize of FileEaInformation / FileAllInformation: the length of the full list. */
  static int size(Vfs vfs, VfsPath path) throws VfsException {
    List<Ea> l = list(vfs, path);
    return l.isEmpty() ? 0 : encode(l).length;
  }

  /**
   * Sets (or, with an empty value, removes) each EA of {@code eas}; checks the total size first so
   * that a list too large changes nothing.
   */
  static void apply(Vfs vfs, VfsPath path, List<Ea> eas) throws VfsException {
    if (!vfs.capabilities().xattrs()) {
      throw FileService.fail(NtStatus.EAS_NOT_SUPPORTED, "no xattrs");
    }
    List<Ea> have = list(vfs, path);
    int total = 0;
    for (Ea h : have) {
      if (find(eas, h.name()) == null) {
        total += h.name().length() + h.value.length;
      }
    }
    for (Ea e : eas) {
      total += e.value.length == 0 ? 0 : e.name().length() + e.value.length;
    }
    if (total > MAX_TOTAL) {
      throw FileService.fail(NtStatus.EA_TOO_LARGE, "EAs of " + total + " bytes");
    }
    for (Ea e : eas) {
      Ea old = find(have, e.name());
      if (old != null && (!old.name().equals(e.name()) || e.value.length == 0)) {
        try {
          vfs.removeXattr(path, old.name());
        } catch (VfsException x) {
          if (x.errno() != Errno.ENODATA) {
            throw x;
          }
        }
      }
      if (e.value.length > 0) {
        vfs.setXattr(path, e.name(), e.value, XattrMode.UPSERT);
      }
    }
  }

  /** The EA list of an ExtA create context, checked; null if there is none. */
  static List<Ea> requested(io.cephsmb.gateway.mssmb2.Smb2CreateRequest req) {
    for (io.cephsmb.gateway.mssmb2.Smb2CreateContext c : req.contexts()) {
      if (c.is(io.cephsmb.gateway.mssmb2.Smb2CreateContext.EXTA)) {
        return decode(c.data());
      }
    }
    return null;
  }

  private static Ea find(List<Ea> l, String name) {
    for (Ea e : l) {
      if (e.name().equalsIgnoreCase(name)) {
        return e;
      }
    }
    return null;
  }
}
