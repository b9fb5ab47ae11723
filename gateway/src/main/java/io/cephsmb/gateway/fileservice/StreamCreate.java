package io.cephsmb.gateway.fileservice;

import static io.cephsmb.gateway.fileservice.FileService.fail;
import static io.cephsmb.gateway.fileservice.FileService.io;
import static io.cephsmb.gateway.mssmb2.Smb2CreateRequest.FILE_CREATE;
import static io.cephsmb.gateway.mssmb2.Smb2CreateRequest.FILE_OPEN;
import static io.cephsmb.gateway.mssmb2.Smb2CreateRequest.FILE_OPEN_IF;
import static io.cephsmb.gateway.mssmb2.Smb2CreateRequest.FILE_OVERWRITE;
import static io.cephsmb.gateway.mssmb2.Smb2CreateRequest.FILE_SUPERSEDE;

import io.cephsmb.gateway.mssmb2.FileTimes;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2CreateRequest;
import io.cephsmb.gateway.mssmb2.Smb2CreateResponse;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.gateway.openfiles.OpenRecord;
import io.cephsmb.gateway.server.ShareDefinition;
import io.cephsmb.gateway.server.SmbConnection;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Futures;
import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.OpenFlag;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsHandle;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.VfsStat;
import java.util.EnumSet;
import java.util.Set;

/**
 * CREATE of a named stream ({@code file:name[:$DATA]}, [MS-FSA] 2.1.5.1 with Stream): the base file
 * is created first when missing (dispositions that create), access is judged on the base file (its
 * mode and DOS attributes), share access is checked per stream in the base file's share-mode object
 * (record with the stream's case-folded name) and there the base file's delete-pending refuses the
 * open; the stream's own delete-on-close and disposition live in the object of the stream's storage
 * file. Times and attributes in the response are the base file's, sizes the stream's. See {@link
 * Streams} for the storage.
 */
final class StreamCreate {
  private static final int FILE_MODE = 0644;

  private final FileService fs;

  StreamCreate(FileService fs) {
    this.fs = fs;
  }

  CreateHandler.Result create(
      Smb2CreateRequest req,
      ShareDefinition share,
      SmbConnection conn,
      long sessionId,
      int treeId,
      Smb2FileId fileId,
      Vfs vfs,
      StreamName name) {
    int disposition = req.createDisposition();
    int options = req.createOptions();
    if ((options & Smb2CreateRequest.FILE_DIRECTORY_FILE) != 0) {
      throw fail(NtStatus.NOT_A_DIRECTORY, "a stream is not a directory");
    }
    boolean deleteOnClose = (options & Smb2CreateRequest.FILE_DELETE_ON_CLOSE) != 0;
    VfsPath base = name.path();
    VfsStat bst = statOrNull(vfs, base);
    boolean baseCreated = false;
    if (bst == null) {
      if (disposition == FILE_OPEN || disposition == FILE_OVERWRITE) {
        throw fail(NtStatus.OBJECT_NAME_NOT_FOUND, base.toString());
      }
      if (share.readOnly()) {
        throw fail(NtStatus.ACCESS_DENIED, "read-only share");
      }
      bst = createBase(vfs, base, req.fileAttributes());
      baseCreated = true;
    }
    try {
      return open(req, share, conn, sessionId, treeId, fileId, vfs, name, bst, deleteOnClose);
    } catch (RuntimeException e) {
      if (baseCreated) {
        try {
          vfs.unlink(base);
        } catch (VfsException ignored) {
          // best effort: the create failed anyway
        }
      }
      throw e;
    }
  }

  private CreateHandler.Result open(
      Smb2CreateRequest req,
      ShareDefinition share,
      SmbConnection conn,
      long sessionId,
      int treeId,
      Smb2FileId fileId,
      Vfs vfs,
      StreamName name,
      VfsStat bst,
      boolean deleteOnClose) {
    int disposition = req.createDisposition();
    VfsPath base = name.path();
    int dos = io(() -> Attributes.of(vfs, base, bst));
    int maximal = Access.maximal(share.readOnly(), true, false, bst.mode(), dos);
    int desired = Access.mapGeneric(req.desiredAccess());
    if ((desired & Access.ACCESS_SYSTEM_SECURITY) != 0) {
      throw fail(NtStatus.PRIVILEGE_NOT_HELD, "ACCESS_SYSTEM_SECURITY");
    }
    boolean max = (desired & Access.MAXIMUM_ALLOWED) != 0;
    desired &= ~Access.MAXIMUM_ALLOWED;
    if ((desired & ~maximal) != 0) {
      throw fail(NtStatus.ACCESS_DENIED, "access " + Integer.toHexString(desired));
    }
    int granted = max ? maximal | desired : desired;
    if (deleteOnClose) {
      if ((granted & Access.DELETE) == 0) {
        throw fail(NtStatus.ACCESS_DENIED, "delete-on-close without DELETE");
      }
      if ((dos & Attributes.READONLY) != 0) {
        throw fail(NtStatus.CANNOT_DELETE, "read-only file");
      }
    }
    Streams.Entry existing = io(() -> Streams.find(vfs, base, bst.ino(), name.stream()));
    boolean exists = existing != null;
    if (exists && disposition == FILE_CREATE) {
      throw fail(NtStatus.OBJECT_NAME_COLLISION, name.stream());
    }
    if (!exists && (disposition == FILE_OPEN || disposition == FILE_OVERWRITE)) {
      throw fail(NtStatus.OBJECT_NAME_NOT_FOUND, name.stream());
    }
    boolean overwrite = exists && disposition != FILE_OPEN && disposition != FILE_OPEN_IF;
    if (share.readOnly() && (!exists || overwrite)) {
      throw fail(NtStatus.ACCESS_DENIED, "read-only share");
    }
    String streamName = exists ? existing.name() : name.stream();
    OpenRecord baseRec =
        record(fileId, sessionId, Streams.canonical(streamName), granted, req.shareAccess(), false);
    String baseAbs = FileService.absPath(share, base);
    outcome(Futures.join(fs.table.open(bst.ino(), baseRec, baseAbs)), name);
    VfsHandle handle = null;
    VfsPath storage = null;
    boolean made = false;
    long recordedIno = -1;
    OpenRecord rec = null;
    try {
      if (exists) {
        storage = existing.storage();
        Set<OpenFlag> flags = EnumSet.of(OpenFlag.READ, OpenFlag.NON_DIRECTORY);
        if (overwrite
            || (granted & (Access.FILE_WRITE_DATA | Access.FILE_APPEND_DATA)) != 0
            || (!share.readOnly() && (granted & Access.FILE_WRITE_ATTRIBUTES) != 0)) {
          flags.add(OpenFlag.WRITE);
        }
        VfsPath s = storage;
        handle = io(() -> vfs.open(s, flags, FILE_MODE));
        if (overwrite) {
          VfsHandle h = handle;
          io(
              () -> {
                vfs.truncate(h, 0);
                return null;
              });
        }
      } else {
        storage = io(() -> Streams.prepare(vfs, base, bst.ino(), name.stream()));
        VfsPath s = storage;
        handle =
            io(
                () ->
                    vfs.open(
                        s,
                        EnumSet.of(
                            OpenFlag.READ,
                            OpenFlag.WRITE,
                            OpenFlag.CREATE,
                            OpenFlag.EXCLUSIVE,
                            OpenFlag.NON_DIRECTORY),
                        FILE_MODE));
        made = true;
      }
      VfsHandle h = handle;
      VfsStat sst = io(() -> vfs.stat(h));
      rec = record(fileId, sessionId, "", granted, req.shareAccess(), deleteOnClose);
      OpenFileTable.OpenOutcome out = Futures.join(fs.table.open(sst.ino(), rec));
      if (out == OpenFileTable.OpenOutcome.STALE_DELETE_PENDING) {
        // a stream left delete-pending by a node that went away: finish its removal, start anew
        VfsPath s = storage;
        io(
            () -> {
              vfs.unlink(s);
              return null;
            });
        Futures.join(fs.table.forget(sst.ino()));
        throw fail(NtStatus.DELETE_PENDING, name.stream());
      }
      outcome(out, name);
      recordedIno = sst.ino();
      int action;
      if (!exists) {
        action = Smb2CreateResponse.FILE_CREATED;
      } else if (overwrite) {
        action =
            disposition == FILE_SUPERSEDE
                ? Smb2CreateResponse.FILE_SUPERSEDED
                : Smb2CreateResponse.FILE_OVERWRITTEN;
      } else {
        action = Smb2CreateResponse.FILE_OPENED;
      }
      VfsStat now = io(() -> vfs.stat(base));
      FileTimes times = fs.changeTimes.adjust(io(() -> Attributes.times(vfs, base, now)), now);
      int attrs = io(() -> Attributes.of(vfs, base, now));
      Smb2CreateResponse resp =
          new Smb2CreateResponse(
              0,
              0,
              action,
              times,
              sst.allocationSize(),
              sst.size(),
              attrs & ~Attributes.DIRECTORY,
              fileId,
              CreateHandler.responseContexts(req, maximal, now.ino()));
      FileOpen open =
          new FileOpen(
              fileId,
              conn,
              sessionId,
              treeId,
              share,
              vfs,
              base,
              handle,
              false,
              granted,
              sst.ino(),
              rec,
              req.createOptions() & CreateHandler.MODE_BITS,
              new FileOpen.StreamOpen(streamName, storage, bst.ino(), baseRec, baseAbs));
      return new CreateHandler.Result(open, resp);
    } catch (RuntimeException e) {
      if (recordedIno != -1) {
        Futures.join(fs.table.close(recordedIno, rec, share.name(), base.toString()));
      }
      if (handle != null) {
        try {
          vfs.close(handle);
        } catch (VfsException ignored) {
          // nothing to do
        }
      }
      if (made) {
        try {
          vfs.unlink(storage);
        } catch (VfsException ignored) {
          // best effort
        }
      }
      Futures.join(fs.table.close(bst.ino(), baseRec, share.name(), base.toString(), baseAbs));
      throw e;
    }
  }

  private OpenRecord record(
      Smb2FileId fileId,
      long sessionId,
      String stream,
      int granted,
      int shareAccess,
      boolean deleteOnClose) {
    return new OpenRecord(
        fs.nodeId,
        fs.incarnation,
        fileId.persistent(),
        stream,
        granted,
        shareAccess & 7,
        deleteOnClose,
        false,
        sessionId,
        Bytes.EMPTY,
        Bytes.EMPTY,
        System.currentTimeMillis());
  }

  private static void outcome(OpenFileTable.OpenOutcome out, StreamName name) {
    switch (out) {
      case OPENED:
        return;
      case SHARING_VIOLATION:
        throw fail(NtStatus.SHARING_VIOLATION, name.stream());
      case DELETE_PENDING:
      case STALE_DELETE_PENDING:
        throw fail(NtStatus.DELETE_PENDING, name.path().toString());
      default:
        throw new IllegalStateException("outcome " + out);
    }
  }

  private static VfsStat createBase(Vfs vfs, VfsPath base, int fileAttributes) {
    return io(
        () -> {
          VfsHandle h;
          try {
            h =
                vfs.open(
                    base,
                    EnumSet.of(
                        OpenFlag.READ,
                        OpenFlag.WRITE,
                        OpenFlag.CREATE,
                        OpenFlag.EXCLUSIVE,
                        OpenFlag.NON_DIRECTORY),
                    FILE_MODE);
          } catch (VfsException e) {
            if (e.errno() == Errno.EEXIST) {
              return vfs.stat(base);
            }
            throw e;
          }
          try {
            int attrs = fileAttributes & Attributes.STORED;
            if (attrs != 0 && attrs != Attributes.ARCHIVE && vfs.capabilities().xattrs()) {
              Attributes.store(vfs, base, attrs);
            }
            return vfs.stat(h);
          } finally {
            vfs.close(h);
          }
        });
  }

  private static VfsStat statOrNull(Vfs vfs, VfsPath path) {
    try {
      return vfs.stat(path);
    } catch (VfsException e) {
      if (e.errno() == Errno.ENOENT && e.scope() == VfsException.Scope.LEAF) {
        return null;
      }
      throw FileService.status(e);
    }
  }
}
