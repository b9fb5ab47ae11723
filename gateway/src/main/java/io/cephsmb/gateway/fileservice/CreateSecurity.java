package io.cephsmb.gateway.fileservice;

import io.cephsmb.gateway.msdtyp.DtypException;
import io.cephsmb.gateway.msdtyp.SecurityDescriptor;
import io.cephsmb.gateway.msdtyp.Sid;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2CreateContext;
import io.cephsmb.gateway.mssmb2.Smb2CreateRequest;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.VfsStat;

/**
 * The security part of CREATE ([MS-SMB2] 3.3.5.9, [MS-FSA] 2.1.5.1): the access a stored descriptor
 * leaves an open of an existing file (DELETE also through the parent's FILE_DELETE_CHILD, [MS-FSA]
 * 2.1.5.1.2), and the descriptor of a new file: the SecD create context ([MS-SMB2] 2.2.13.2.1...
 * SMB2_CREATE_SD_BUFFER) merged over what the parent's stored descriptor passes on (see {@link
 * FileSecurity}).
 */
final class CreateSecurity {
  private CreateSecurity() {}

  /** The SecD context of a request, decoded; null if there is none. */
  static SecurityDescriptor requested(Smb2CreateRequest req) {
    for (Smb2CreateContext c : req.contexts()) {
      if (c.is(Smb2CreateContext.SECD)) {
        try {
          return SecurityDescriptor.decode(c.data());
        } catch (DtypException e) {
          throw FileService.fail(NtStatus.INVALID_SECURITY_DESCR, "SecD: " + e.getMessage());
        }
      }
    }
    return null;
  }

  /** {@code maximal} narrowed by the file's stored descriptor. */
  static int restrict(Vfs vfs, VfsPath path, int maximal) throws VfsException {
    SecurityDescriptor sd = FileSecurity.stored(vfs, path);
    if (sd == null) {
      return maximal;
    }
    int g = FileSecurity.granted(sd);
    if ((g & Access.DELETE) == 0
        && !path.isRoot()
        && (FileSecurity.granted(vfs, path.parent()) & Access.FILE_DELETE_CHILD) != 0) {
      g |= Access.DELETE;
    }
    return maximal & g;
  }

  /** Gives a file just created its descriptor, if its parent or the request has one for it. */
  static void created(Vfs vfs, VfsPath path, boolean dir, SecurityDescriptor given)
      throws VfsException {
    if (!vfs.capabilities().xattrs()) {
      return;
    }
    VfsStat st = vfs.stat(path);
    SecurityDescriptor parent = path.isRoot() ? null : FileSecurity.stored(vfs, path.parent());
    SecurityDescriptor inherited =
        FileSecurity.inherit(parent, dir, Sid.unixUser(st.uid()), Sid.unixGroup(st.gid()));
    if (inherited != null) {
      FileSecurity.store(vfs, path, inherited);
    }
    if (given != null) {
      FileSecurity.set(vfs, path, st, given, FileSecurity.parts(given));
    }
  }
}
