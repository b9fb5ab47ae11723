package io.cephsmb.gateway.fileservice;

import static io.cephsmb.gateway.fileservice.FileService.fail;
import static io.cephsmb.gateway.fileservice.FileService.io;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2IoctlRequest;
import io.cephsmb.gateway.server.Response;
import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsStat;
import io.cephsmb.vfs.XattrMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * Object ids ([MS-FSA] 2.1.5.9.3 FSCTL_CREATE_OR_GET_OBJECT_ID, 2.1.5.9.11 FSCTL_GET_OBJECT_ID;
 * [MS-FSCC] 2.1.3.1 FILE_OBJECTID_BUFFER, 64 bytes): the 16-byte ObjectId is the inode number
 * (little-endian) and 8 random bytes, kept in the xattr {@code user.cephsmb.objectid} once made, so
 * it stays the same across renames, nodes and restarts and is not reused with the inode number.
 * BirthObjectId is the ObjectId, BirthVolumeId and DomainId zero. FSCTL_GET_OBJECT_ID of a file
 * without one is STATUS_OBJECTID_NOT_FOUND. Blocking.
 */
final class ObjectIds {
  static final String XATTR = "cephsmb.objectid";
  static final int LENGTH = 64;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ObjectIds() {}

  static Response answer(FileOpen o, Smb2IoctlRequest req, boolean create) {
    if ((req.maxOutputResponse() & 0xffffffffL) < LENGTH) {
      throw fail(NtStatus.BUFFER_TOO_SMALL, "MaxOutputResponse for FILE_OBJECTID_BUFFER");
    }
    if (!o.vfs.capabilities().xattrs()) {
      throw fail(NtStatus.INVALID_DEVICE_REQUEST, "no xattrs to keep object ids in");
    }
    byte[] id = io(() -> get(o));
    if (id == null) {
      if (!create) {
        throw fail(NtStatus.OBJECTID_NOT_FOUND, "no object id");
      }
      if (o.share.readOnly()) {
        throw fail(NtStatus.ACCESS_DENIED, "read-only share");
      }
      id = io(() -> make(o));
    }
    byte[] oid = id;
    return FsctlHandler.ok(
        req,
        b -> {
          b.writeBytes(oid); // ObjectId
          b.writeZero(16); // BirthVolumeId
          b.writeBytes(oid); // BirthObjectId
          b.writeZero(16); // DomainId
        });
  }

  private static byte[] get(FileOpen o) throws VfsException {
    try {
      byte[] v = o.vfs.getXattr(o.path(), XATTR);
      return v != null && v.length == 16 ? v : null;
    } catch (VfsException e) {
      if (e.errno() == Errno.ENODATA) {
        return null;
      }
      throw e;
    }
  }

  private static byte[] make(FileOpen o) throws VfsException {
    VfsStat st = FileService.baseStat(o);
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    ByteBuffer.wrap(id).order(ByteOrder.LITTLE_ENDIAN).putLong(0, st.ino());
    try {
      o.vfs.setXattr(o.path(), XATTR, id, XattrMode.CREATE);
      return id;
    } catch (VfsException e) {
      if (e.errno() == Errno.EEXIST) {
        byte[] other = get(o); // another open made it first
        if (other != null) {
          return other;
        }
      }
      throw e;
    }
  }
}
