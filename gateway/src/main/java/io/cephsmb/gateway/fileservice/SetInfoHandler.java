package io.cephsmb.gateway.fileservice;

import static io.cephsmb.gateway.fileservice.FileService.fail;
import static io.cephsmb.gateway.fileservice.FileService.io;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2QueryInfoRequest;
import io.cephsmb.gateway.mssmb2.Smb2SetInfoRequest;
import io.cephsmb.gateway.mssmb2.Smb2SetInfoResponse;
import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.gateway.server.CommandHandler;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.Response;
import io.cephsmb.gateway.server.Smb2StatusException;
import io.cephsmb.omapkv.Futures;
import io.cephsmb.vfs.DirStream;
import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.VfsStat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * [MS-SMB2] 3.3.5.21 Receiving an SMB2 SET_INFO Request, file classes with the rules of [MS-FSA]
 * 2.1.5.15: FileBasicInformation (times: 0 and -1 leave a time alone; creation time as CephFS btime
 * or the {@code user.cephsmb.creationtime} xattr; the DOS attributes in {@code
 * user.cephsmb.dosattrib}; a ChangeTime is kept by {@link ChangeTimes}), FileEndOfFileInformation,
 * FileAllocationInformation (only shrinks), FileDispositionInformation(Ex) (delete-pending on every
 * node through the {@link OpenFileTable}; a directory must be empty, a READONLY file is
 * STATUS_CANNOT_DELETE), FileRenameInformation (target in the same share; replace only if asked and
 * the target is a file nobody has open; a directory with opens below it on any node cannot be
 * renamed; names resolved by {@link NameResolver}), FilePositionInformation and
 * FileModeInformation. Security descriptors are accepted and ignored (no ACLs yet).
 */
final class SetInfoHandler implements CommandHandler {
  static final int FILE_BASIC = 4;
  static final int FILE_RENAME = 10;
  static final int FILE_LINK = 11;
  static final int FILE_DISPOSITION = 13;
  static final int FILE_POSITION = 14;
  static final int FILE_MODE = 16;
  static final int FILE_ALLOCATION = 19;
  static final int FILE_END_OF_FILE = 20;
  static final int FILE_DISPOSITION_EX = 64;

  private final FileService fs;

  SetInfoHandler(FileService fs) {
    this.fs = fs;
  }

  @Override
  public CompletableFuture<Response> handle(RequestContext rc) {
    Smb2SetInfoRequest req = Smb2SetInfoRequest.decode(rc.message());
    FileOpen o = fs.lookup(rc, req.fileId());
    if (req.infoType() == Smb2QueryInfoRequest.INFO_SECURITY) {
      return SecurityInfo.set(rc, o, req.buffer(), req.additionalInformation());
    }
    if (req.infoType() != Smb2QueryInfoRequest.INFO_FILE) {
      throw fail(NtStatus.NOT_SUPPORTED, "InfoType " + req.infoType());
    }
    byte[] raw = req.buffer();
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    int cls = req.fileInfoClass();
    switch (cls) {
      case FILE_BASIC:
        need(b, 36);
        need(o, Access.FILE_WRITE_ATTRIBUTES);
        return rc.offload(
            () -> {
              BasicInfo.set(fs, o, b);
              return ok();
            });
      case FILE_END_OF_FILE:
        need(b, 8);
        need(o, Access.FILE_WRITE_DATA);
        return rc.offload(() -> endOfFile(o, b.getLong(0), false));
      case FILE_ALLOCATION:
        need(b, 8);
        need(o, Access.FILE_WRITE_DATA);
        return rc.offload(() -> endOfFile(o, b.getLong(0), true));
      case FILE_DISPOSITION:
        need(b, 1);
        need(o, Access.DELETE);
        return rc.offload(() -> disposition(o, b.get(0) != 0));
      case FILE_DISPOSITION_EX:
        need(b, 4);
        need(o, Access.DELETE);
        return rc.offload(() -> disposition(o, (b.getInt(0) & 1) != 0));
      case FILE_RENAME:
        need(b, 20);
        need(o, Access.DELETE);
        return rename(rc, o, b, raw);
      case FILE_POSITION:
        need(b, 8);
        if (b.getLong(0) < 0) {
          throw fail(NtStatus.INVALID_PARAMETER, "position");
        }
        o.position = b.getLong(0);
        return CompletableFuture.completedFuture(ok());
      case FILE_MODE:
        {
          need(b, 4);
          int mode = b.getInt(0);
          if ((mode & ~0x3E) != 0 || (mode & 0x30) == 0x30) {
            throw fail(NtStatus.INVALID_PARAMETER, "mode " + Integer.toHexString(mode));
          }
          o.mode = (o.mode & 0x1000) | mode;
          return CompletableFuture.completedFuture(ok());
        }
      case EaInfo.FILE_FULL_EA:
        return EaInfo.set(rc, o, raw);
      case FILE_LINK:
        throw fail(NtStatus.NOT_SUPPORTED, "hard links");
      default:
        throw fail(NtStatus.INVALID_INFO_CLASS, "class " + cls);
    }
  }

  private static Response ok() {
    return Response.ok(new Smb2SetInfoResponse()::encode);
  }

  private static void need(ByteBuffer b, int n) {
    if (b.capacity() < n) {
      throw fail(NtStatus.INFO_LENGTH_MISMATCH, "buffer of " + b.capacity());
    }
  }

  private static void need(FileOpen o, int access) {
    if (!o.has(access)) {
      throw fail(NtStatus.ACCESS_DENIED, "access " + Integer.toHexString(access));
    }
  }

  private Response endOfFile(FileOpen o, long size, boolean allocation) {
    if (o.directory) {
      throw fail(NtStatus.INVALID_PARAMETER, "size of a directory");
    }
    if (size < 0) {
      throw fail(NtStatus.INVALID_PARAMETER, "size past 2^63");
    }
    io(
        () -> {
          if (allocation) {
            VfsStat st = FileService.stat(o);
            if (size < st.size()) {
              o.vfs.truncate(o.handle, size);
            }
          } else {
            o.vfs.truncate(o.handle, size);
          }
          return null;
        });
    fs.oplocks().written(o.ino, o.record); // a size change breaks read caching, as a write
    return ok();
  }

  private Response disposition(FileOpen o, boolean delete) {
    if (delete) {
      if (o.path().isRoot()) {
        throw fail(NtStatus.CANNOT_DELETE, "the share root");
      }
      VfsStat st = io(() -> o.vfs.stat(o.path()));
      if (o.directory) {
        try (DirStream d = io(() -> o.vfs.openDir(o.path()))) {
          if (!io(() -> d.next(1)).isEmpty()) {
            throw fail(NtStatus.DIRECTORY_NOT_EMPTY, o.path().toString());
          }
        } catch (VfsException e) {
          throw FileService.status(e);
        }
      } else if ((io(() -> Attributes.of(o.vfs, o.path(), st)) & Attributes.READONLY) != 0) {
        throw fail(NtStatus.CANNOT_DELETE, "read-only file");
      }
    }
    boolean done =
        Futures.join(
            fs.table.setDeletePending(
                o.ino, o.record, delete, o.share.name(), o.dataPath().toString()));
    if (!done) {
      throw fail(NtStatus.FILE_CLOSED, "open record gone");
    }
    return ok();
  }

  /**
   * [MS-FSCC] 2.4.37.2 FILE_RENAME_INFORMATION_TYPE_2 (the SMB2 form) with [MS-SMB2] 3.3.5.21.1 and
   * [MS-FSA] 2.1.5.14.11: the target is resolved like a CREATE name (case-insensitive, short names;
   * a target that differs from the source only in case renames to the new case); an existing target
   * without ReplaceIfExists is OBJECT_NAME_COLLISION, with it ACCESS_DENIED when it is a directory
   * or open anywhere; a directory with opens below it on any node is ACCESS_DENIED.
   */
  private CompletableFuture<Response> rename(
      RequestContext rc, FileOpen o, ByteBuffer b, byte[] raw) {
    boolean replace = b.get(0) != 0;
    long nameLength = b.getInt(16) & 0xffffffffL;
    if (nameLength == 0 || 20 + nameLength > b.capacity() || (nameLength & 1) != 0) {
      throw fail(NtStatus.INVALID_PARAMETER, "FileNameLength " + nameLength);
    }
    String name = new String(raw, 20, (int) nameLength, StandardCharsets.UTF_16LE);
    if (name.startsWith("\\")) {
      name = name.substring(1);
    }
    if (o.share.readOnly()) {
      throw fail(NtStatus.ACCESS_DENIED, "read-only share");
    }
    if (rc.session().isAnonymous()) {
      // the target directory is a new access, made with the session's current identity (after a
      // re-authentication as anonymous it has none in a disk share), as Windows does
      throw fail(NtStatus.ACCESS_DENIED, "anonymous session");
    }
    if (o.ads != null || name.startsWith(":")) {
      String target = name;
      return rc.offload(
          () -> {
            StreamRename.rename(fs, o, target, replace);
            return ok();
          });
    }
    VfsPath given = Names.parse(name);
    if (Streams.reserved(given)) {
      throw fail(NtStatus.ACCESS_DENIED, "the stream directory");
    }
    VfsPath from = o.path();
    if (given.isRoot() || from.isRoot()) {
      throw fail(NtStatus.ACCESS_DENIED, "rename of or onto the share root");
    }
    if (o.directory && !fs.localOpensUnder(o.share, from, o).isEmpty()) {
      throw fail(NtStatus.ACCESS_DENIED, "files open below the directory");
    }
    return rc.offload(
            () -> {
              VfsPath to = target(o, given);
              if (from.equals(to)) {
                return Boolean.TRUE;
              }
              if (from.isPrefixOf(to)) {
                throw fail(NtStatus.INVALID_PARAMETER, "into itself");
              }
              if (o.directory
                  && Futures.join(fs.table.anyOpenBelow(FileService.absPath(o.share, from)))) {
                throw fail(NtStatus.ACCESS_DENIED, "files open below the directory (a node)");
              }
              // a file with a stream open (on any node) cannot be renamed, as Windows
              // (smbtorture smb2.streams.basefile-rename-with-open-stream)
              for (io.cephsmb.gateway.openfiles.OpenRecord other :
                  Futures.join(fs.table.query(o.ino)).opens()) {
                if (!other.stream().isEmpty()) {
                  throw fail(NtStatus.ACCESS_DENIED, "a stream of the file is open");
                }
              }
              // the rename acts like an open of the source's parent directory for DELETE that
              // shares read and write: an open of the parent (any node) with DELETE access or
              // without FILE_SHARE_DELETE makes it a sharing violation (as Windows; smbtorture
              // smb2.rename.*_delete_access)
              VfsStat parent = io(() -> o.vfs.stat(from.parent()));
              for (io.cephsmb.gateway.openfiles.OpenRecord other :
                  Futures.join(fs.table.query(parent.ino())).opens()) {
                if (io.cephsmb.gateway.openfiles.ShareAccess.conflicts(
                    Access.DELETE, 0x3, other.grantedAccess(), other.shareAccess())) {
                  throw fail(NtStatus.SHARING_VIOLATION, "parent directory open");
                }
              }
              VfsStat target = statOrNull(o, to);
              if (target != null && target.ino() != o.ino) {
                if (!replace) {
                  throw fail(NtStatus.OBJECT_NAME_COLLISION, to.toString());
                }
                if (target.isDirectory()) {
                  throw fail(NtStatus.ACCESS_DENIED, "target is a directory");
                }
                if (!Futures.join(fs.table.query(target.ino())).opens().isEmpty()) {
                  throw fail(NtStatus.ACCESS_DENIED, "target is open");
                }
              }
              io(
                  () -> {
                    o.vfs.rename(from, to, replace);
                    if (target != null
                        && target.ino() != o.ino
                        && !target.isDirectory()
                        && target.nlink() <= 1) {
                      Streams.removeAll(o.vfs, target.ino()); // the replaced file's streams
                    }
                    return null;
                  });
              fs.names.changed(o.vfs, from.parent());
              fs.names.changed(o.vfs, to.parent());
              fs.notify.changed(o.share, from.parent());
              fs.notify.changed(o.share, to.parent());
              fs.renamed(o.share, from, to);
              return Boolean.TRUE;
            })
        .thenApply(v -> ok());
  }

  /**
   * The rename target on disk: its directory resolved as in CREATE; its last component the existing
   * entry it names ignoring case, unless that entry is the source itself (a change of case).
   */
  private VfsPath target(FileOpen o, VfsPath given) throws Smb2StatusException {
    VfsPath dir = fs.onDisk(o.vfs, o.share, given.parent());
    VfsPath literal = io(() -> dir.resolve(given.name()));
    VfsPath resolved = fs.onDisk(o.vfs, o.share, literal);
    if (!resolved.equals(literal)) {
      VfsStat st = statOrNull(o, resolved);
      if (st != null && st.ino() == o.ino) {
        return literal;
      }
    }
    return resolved;
  }

  private static VfsStat statOrNull(FileOpen o, VfsPath p) {
    try {
      return o.vfs.stat(p);
    } catch (VfsException e) {
      if (e.errno() == Errno.ENOENT && e.scope() == VfsException.Scope.LEAF) {
        return null;
      }
      throw FileService.status(e);
    }
  }
}
