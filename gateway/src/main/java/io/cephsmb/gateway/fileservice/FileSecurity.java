package io.cephsmb.gateway.fileservice;

import io.cephsmb.gateway.msdtyp.Ace;
import io.cephsmb.gateway.msdtyp.Acl;
import io.cephsmb.gateway.msdtyp.DtypException;
import io.cephsmb.gateway.msdtyp.SecurityDescriptor;
import io.cephsmb.gateway.msdtyp.Sid;
import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.VfsStat;
import io.cephsmb.vfs.XattrMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The security descriptor of a file ([MS-DTYP] 2.4.6) and the access it grants.
 *
 * <ul>
 *   <li><b>SIDs:</b> a POSIX uid is S-1-22-1-uid and a gid S-1-22-2-gid (Samba's "Unix User" and
 *       "Unix Group" scheme); an owner or group SID of that form set by a client is applied with
 *       chown, any other SID is only stored.
 *   <li><b>Derived:</b> a file with no stored descriptor has owner and group from uid/gid and a
 *       DACL derived from the mode bits (owner, group, Everyone).
 *   <li><b>Stored:</b> a descriptor a client sets (SET_INFO, or the SecD create context), or one
 *       inherited from a parent's stored descriptor at CREATE, is kept whole, self-relative, in the
 *       xattr {@code user.cephsmb.ntacl} (one version byte, then the descriptor).
 *   <li><b>Access:</b> only a stored DACL restricts access. The gateway acts on CephFS as one
 *       identity and has no per-user token yet, so the requester is evaluated as the file's owner,
 *       a member of its group, Everyone and Authenticated Users ([MS-DTYP] 2.5.3.2 with that token;
 *       the owner gets READ_CONTROL and WRITE_DAC implicitly). Per-user evaluation comes with full
 *       NT ACLs.
 * </ul>
 */
final class FileSecurity {
  static final String XATTR = "cephsmb.ntacl";
  private static final byte VERSION = 1;

  static final int WRITE_DAC = 0x40000;
  static final int WRITE_OWNER = 0x80000;

  /** What the owner of a file gets beyond its rwx mapping. */
  private static final int OWNER_EXTRA =
      Access.READ_CONTROL
          | WRITE_DAC
          | WRITE_OWNER
          | Access.DELETE
          | Access.FILE_READ_ATTRIBUTES
          | Access.FILE_WRITE_ATTRIBUTES
          | Access.FILE_READ_EA
          | Access.FILE_WRITE_EA
          | Access.SYNCHRONIZE;

  private FileSecurity() {}

  /** The descriptor stored on a file, or null. */
  static SecurityDescriptor stored(Vfs vfs, VfsPath path) throws VfsException {
    if (!vfs.capabilities().xattrs()) {
      return null;
    }
    byte[] v;
    try {
      v = vfs.getXattr(path, XATTR);
    } catch (VfsException e) {
      if (e.errno() == Errno.ENODATA || e.errno() == Errno.EOPNOTSUPP) {
        return null;
      }
      throw e;
    }
    if (v.length < 21 || v[0] != VERSION) {
      return null;
    }
    try {
      return SecurityDescriptor.decode(java.util.Arrays.copyOfRange(v, 1, v.length));
    } catch (DtypException e) {
      return null;
    }
  }

  /** Stores {@code sd} on the file. */
  static void store(Vfs vfs, VfsPath path, SecurityDescriptor sd) throws VfsException {
    byte[] e = sd.encode();
    byte[] v = new byte[e.length + 1];
    v[0] = VERSION;
    System.arraycopy(e, 0, v, 1, e.length);
    vfs.setXattr(path, XATTR, v, XattrMode.UPSERT);
  }

  /** The file's descriptor: the stored one (owner and group filled in) or the derived one. */
  static SecurityDescriptor of(Vfs vfs, VfsPath path, VfsStat st) throws VfsException {
    SecurityDescriptor s = stored(vfs, path);
    if (s == null) {
      return derived(st);
    }
    return new SecurityDescriptor(
        s.control(),
        s.owner() != null ? s.owner() : Sid.unixUser(st.uid()),
        s.group() != null ? s.group() : Sid.unixGroup(st.gid()),
        s.sacl(),
        s.dacl());
  }

  /** The descriptor derived from uid, gid and mode. */
  static SecurityDescriptor derived(VfsStat st) {
    int m = st.mode();
    boolean dir = st.isDirectory();
    List<Ace> aces = new ArrayList<>();
    aces.add(Ace.of(Ace.ACCESS_ALLOWED, 0, rwx((m >> 6) & 7, dir) | OWNER_EXTRA, unixUser(st)));
    aces.add(Ace.of(Ace.ACCESS_ALLOWED, 0, rwx((m >> 3) & 7, dir), Sid.unixGroup(st.gid())));
    aces.add(Ace.of(Ace.ACCESS_ALLOWED, 0, rwx(m & 7, dir), Sid.EVERYONE));
    return new SecurityDescriptor(
        SecurityDescriptor.DACL_PRESENT, unixUser(st), Sid.unixGroup(st.gid()), null, Acl.of(aces));
  }

  private static Sid unixUser(VfsStat st) {
    return Sid.unixUser(st.uid());
  }

  /** The file rights of three POSIX permission bits. */
  static int rwx(int bits, boolean dir) {
    int m = Access.SYNCHRONIZE | Access.READ_CONTROL | Access.FILE_READ_ATTRIBUTES;
    if ((bits & 4) != 0) {
      m |= Access.FILE_GENERIC_READ;
    }
    if ((bits & 2) != 0) {
      m |= Access.FILE_GENERIC_WRITE | (dir ? Access.FILE_DELETE_CHILD : 0);
    }
    if ((bits & 1) != 0) {
      m |= Access.FILE_GENERIC_EXECUTE;
    }
    return m;
  }

  /**
   * The access the descriptor grants ([MS-DTYP] 2.5.3.2, MAXIMUM_ALLOWED), with the token described
   * in the class comment; {@link Access#FILE_ALL_ACCESS} for a NULL DACL.
   */
  static int granted(SecurityDescriptor sd) {
    if (sd.nullDacl() || !sd.daclPresent()) {
      return Access.FILE_ALL_ACCESS;
    }
    Set<Sid> token = new java.util.HashSet<>();
    token.add(Sid.EVERYONE);
    token.add(Sid.AUTHENTICATED_USERS);
    if (sd.owner() != null) {
      token.add(sd.owner());
    }
    if (sd.group() != null) {
      token.add(sd.group());
    }
    int granted = 0;
    int denied = 0;
    for (Ace a : sd.dacl().aces()) {
      if ((a.flags() & Ace.INHERIT_ONLY) != 0 || a.sid() == null || !token.contains(a.sid())) {
        continue;
      }
      int mask = Access.mapGeneric(a.mask());
      if (a.type() == Ace.ACCESS_ALLOWED) {
        granted |= mask & ~denied;
      } else if (a.type() == Ace.ACCESS_DENIED) {
        denied |= mask & ~granted;
      }
    }
    // the owner may always read and change the descriptor
    granted |= Access.READ_CONTROL | WRITE_DAC;
    return granted & Access.FILE_ALL_ACCESS;
  }

  /** The access a file's stored descriptor grants; everything when nothing is stored. */
  static int granted(Vfs vfs, VfsPath path) throws VfsException {
    SecurityDescriptor s = stored(vfs, path);
    return s == null ? Access.FILE_ALL_ACCESS : granted(s);
  }

  /**
   * The descriptor a new file or directory gets from its parent's stored one ([MS-DTYP] 2.5.3.4.2
   * ComputeACL, inheritance part): null if the parent has none or passes nothing on.
   */
  static SecurityDescriptor inherit(SecurityDescriptor parent, boolean dir, Sid owner, Sid group) {
    if (parent == null || parent.dacl() == null) {
      return null;
    }
    List<Ace> out = new ArrayList<>();
    for (Ace a : parent.dacl().aces()) {
      int f = a.flags();
      boolean oi = (f & Ace.OBJECT_INHERIT) != 0;
      boolean ci = (f & Ace.CONTAINER_INHERIT) != 0;
      boolean np = (f & Ace.NO_PROPAGATE_INHERIT) != 0;
      if (dir ? !oi && !ci : !oi) {
        continue;
      }
      Ace c = a;
      if (a.sid() != null && a.sid().equals(Sid.CREATOR_OWNER)) {
        c = a.withSid(owner);
      } else if (a.sid() != null && a.sid().equals(Sid.CREATOR_GROUP)) {
        c = a.withSid(group);
      }
      int nf;
      if (!dir || np) {
        nf = Ace.INHERITED;
      } else if (ci) {
        nf = (f & (Ace.OBJECT_INHERIT | Ace.CONTAINER_INHERIT)) | Ace.INHERITED;
      } else {
        // object-inherit only: the directory passes it on to files, it does not apply to itself
        nf = Ace.OBJECT_INHERIT | Ace.INHERIT_ONLY | Ace.INHERITED;
      }
      out.add(c.withFlags(nf));
    }
    if (out.isEmpty()) {
      return null;
    }
    return new SecurityDescriptor(
        SecurityDescriptor.DACL_PRESENT | SecurityDescriptor.DACL_AUTO_INHERITED,
        owner,
        group,
        null,
        Acl.of(out));
  }

  /** The parts of {@code sd} a SecD create context or SET_INFO carries, as SECURITY_INFORMATION. */
  static int parts(SecurityDescriptor sd) {
    int p = 0;
    if (sd.owner() != null) {
      p |= SecurityDescriptor.OWNER_SECURITY_INFORMATION;
    }
    if (sd.group() != null) {
      p |= SecurityDescriptor.GROUP_SECURITY_INFORMATION;
    }
    if (sd.daclPresent()) {
      p |= SecurityDescriptor.DACL_SECURITY_INFORMATION;
    }
    if ((sd.control() & SecurityDescriptor.SACL_PRESENT) != 0) {
      p |= SecurityDescriptor.SACL_SECURITY_INFORMATION;
    }
    return p;
  }

  /**
   * Applies a new descriptor's parts to a file: owner and group SIDs of the S-1-22 form become
   * chown, and the merged descriptor is stored.
   */
  static void set(Vfs vfs, VfsPath path, VfsStat st, SecurityDescriptor sd, int info)
      throws VfsException {
    SecurityDescriptor base = of(vfs, path, st);
    if ((info & SecurityDescriptor.DACL_SECURITY_INFORMATION) != 0 && !sd.daclPresent()) {
      // a DACL set without SE_DACL_PRESENT is a NULL DACL (as Windows stores it)
      sd =
          new SecurityDescriptor(
              sd.control() | SecurityDescriptor.DACL_PRESENT,
              sd.owner(),
              sd.group(),
              sd.sacl(),
              null);
    }
    SecurityDescriptor merged = base.merge(sd, info);
    int uid = -1;
    int gid = -1;
    if ((info & SecurityDescriptor.OWNER_SECURITY_INFORMATION) != 0 && sd.owner() != null) {
      long u = sd.owner().unixUid();
      if (u >= 0 && u != st.uid()) {
        uid = (int) u;
      }
    }
    if ((info & SecurityDescriptor.GROUP_SECURITY_INFORMATION) != 0 && sd.group() != null) {
      long g = sd.group().unixGid();
      if (g >= 0 && g != st.gid()) {
        gid = (int) g;
      }
    }
    if (uid != -1 || gid != -1) {
      vfs.chown(path, uid, gid);
    }
    store(vfs, path, merged);
  }
}
