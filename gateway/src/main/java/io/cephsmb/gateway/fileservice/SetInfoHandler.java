package io.cephsmb.gateway.fileservice;

import static io.cephsmb.gateway.fileservice.FileService.fail;
import static io.cephsmb.gateway.fileservice.FileService.io;

import io.cephsmb.gateway.mssmb2.FileTimes;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2QueryInfoRequest;
import io.cephsmb.gateway.mssmb2.Smb2SetInfoRequest;
import io.cephsmb.gateway.mssmb2.Smb2SetInfoResponse;
import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.gateway.server.CommandHandler;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.Response;
import io.cephsmb.omapkv.Futures;
import io.cephsmb.vfs.DirStream;
import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.TimeChange;
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
 * the target is a file nobody has open; a directory with opens below it on this node cannot be
 * renamed), FilePositionInformation and FileModeInformation. Security descriptors are accepted and
 * ignored (no ACLs yet).
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
      return CompletableFuture.completedFuture(ok());
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
        return rc.offload(() -> basic(o, b));
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

  private Response basic(FileOpen o, ByteBuffer b) {
    long creation = b.getLong(0);
    long access = b.getLong(8);
    long write = b.getLong(16);
    long change = b.getLong(24);
    int attrs = b.getInt(32);
    if (o.share.readOnly()) {
      throw fail(NtStatus.ACCESS_DENIED, "read-only share");
    }
    VfsPath p = o.path();
    io(
        () -> {
          if (attrs != 0) {
            if ((attrs & Attributes.DIRECTORY) != 0 && !o.directory) {
              throw new VfsException(Errno.EINVAL, p, "DIRECTORY on a file");
            }
            if (o.vfs.capabilities().xattrs()) {
              Attributes.store(o.vfs, p, attrs);
            }
          }
          boolean btime = o.vfs.capabilities().settableBirthTime();
          Long at = set(access) ? FileTimes.toUnixNanos(access) : null;
          Long mt = set(write) ? FileTimes.toUnixNanos(write) : null;
          Long bt = set(creation) && btime ? FileTimes.toUnixNanos(creation) : null;
          TimeChange tc = new TimeChange(at, mt, bt);
          if (!tc.isEmpty()) {
            if (o.handle != null && o.ads == null) {
              o.vfs.setTimes(o.handle, tc);
            } else {
              o.vfs.setTimes(p, tc);
            }
          }
          if (set(creation) && !btime && o.vfs.capabilities().xattrs()) {
            Attributes.storeCreation(o.vfs, p, creation);
          }
          if (set(change)) {
            fs.changeTimes.set(FileService.baseStat(o), change);
          }
          return null;
        });
    return ok();
  }

  /** 0 and -1 leave the time unchanged ([MS-FSA] 2.1.5.15.1; -2 re-enables updates: also none). */
  private static boolean set(long filetime) {
    return filetime > 0;
  }

  private static Response endOfFile(FileOpen o, long size, boolean allocation) {
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

  /** [MS-FSCC] 2.4.37.2 FILE_RENAME_INFORMATION_TYPE_2 (the SMB2 form). */
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
    if (o.ads != null || name.startsWith(":")) {
      String target = name;
      return rc.offload(
          () -> {
            StreamRename.rename(fs, o, target, replace);
            return ok();
          });
    }
    VfsPath to = Names.parse(name);
    if (Streams.reserved(to)) {
      throw fail(NtStatus.ACCESS_DENIED, "the stream directory");
    }
    VfsPath from = o.path();
    if (to.isRoot() || from.isRoot()) {
      throw fail(NtStatus.ACCESS_DENIED, "rename of or onto the share root");
    }
    if (o.directory && !fs.localOpensUnder(o.share, from, o).isEmpty()) {
      throw fail(NtStatus.ACCESS_DENIED, "files open below the directory");
    }
    if (from.isPrefixOf(to) && !from.equals(to)) {
      throw fail(NtStatus.INVALID_PARAMETER, "into itself");
    }
    return rc.offload(
            () -> {
              if (from.equals(to)) {
                return Boolean.TRUE;
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
              if (target != null) {
                if (!replace) {
                  throw fail(NtStatus.OBJECT_NAME_COLLISION, to.toString());
                }
                if (target.isDirectory() || target.ino() == o.ino) {
                  if (target.ino() != o.ino) {
                    throw fail(NtStatus.ACCESS_DENIED, "target is a directory");
                  }
                } else if (!Futures.join(fs.table.query(target.ino())).opens().isEmpty()) {
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
              return Boolean.TRUE;
            })
        .thenApply(
            v -> {
              fs.renamed(o.share, from, to);
              return ok();
            });
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
