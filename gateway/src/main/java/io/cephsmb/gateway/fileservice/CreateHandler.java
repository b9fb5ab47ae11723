package io.cephsmb.gateway.fileservice;

import static io.cephsmb.gateway.fileservice.FileService.fail;
import static io.cephsmb.gateway.fileservice.FileService.io;
import static io.cephsmb.gateway.mssmb2.Smb2CreateRequest.FILE_CREATE;
import static io.cephsmb.gateway.mssmb2.Smb2CreateRequest.FILE_OPEN;
import static io.cephsmb.gateway.mssmb2.Smb2CreateRequest.FILE_OPEN_IF;
import static io.cephsmb.gateway.mssmb2.Smb2CreateRequest.FILE_OVERWRITE;
import static io.cephsmb.gateway.mssmb2.Smb2CreateRequest.FILE_OVERWRITE_IF;
import static io.cephsmb.gateway.mssmb2.Smb2CreateRequest.FILE_SUPERSEDE;

import io.cephsmb.gateway.crypto.Smb2Dialect;
import io.cephsmb.gateway.msdtyp.SecurityDescriptor;
import io.cephsmb.gateway.mssmb2.FileTimes;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2CreateContext;
import io.cephsmb.gateway.mssmb2.Smb2CreateRequest;
import io.cephsmb.gateway.mssmb2.Smb2CreateResponse;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.gateway.openfiles.OpenRecord;
import io.cephsmb.gateway.oplock.CachingPolicy;
import io.cephsmb.gateway.oplock.LeaseRequest;
import io.cephsmb.gateway.oplock.OplockLevel;
import io.cephsmb.gateway.oplock.OplockManager;
import io.cephsmb.gateway.server.CommandHandler;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.Response;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * [MS-SMB2] 3.3.5.9 Receiving an SMB2 CREATE Request, with the dispositions, directory options,
 * delete-on-close and access checks of [MS-FSA] 2.1.5.1, and share modes checked on every node
 * through the {@link OpenFileTable}. Create contexts answered: MxAc (maximal access) and QFid (the
 * inode as DiskFileId); AlSi is accepted and ignored (no preallocation on CephFS); RqLs (lease V1
 * and V2) answered when leasing is on; durable handle requests are not granted and so not answered;
 * the rest are ignored. Oplocks and leases are decided by {@link CachingPolicy} inside the
 * share-mode transaction; breaks they need are made by the {@link OplockManager} first.
 */
final class CreateHandler implements CommandHandler {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(CreateHandler.class);

  /** CreateOptions bits kept as the open's mode (FileModeInformation). */
  static final int MODE_BITS = 0x0000103E;

  /** CreateOptions Windows answers STATUS_NOT_SUPPORTED to (smbtorture smb2.create.gentest). */
  static final int UNSUPPORTED_OPTIONS = 0x00102080;

  /** FileAttributes bits that are STATUS_INVALID_PARAMETER in a CREATE (VOLUME, DEVICE, ...). */
  static final int INVALID_ATTRIBUTES = 0xFFFF8048;

  private static final int FILE_MODE = 0644;
  private static final int DIR_MODE = 0755;

  private final FileService fs;

  CreateHandler(FileService fs) {
    this.fs = fs;
  }

  @Override
  public CompletableFuture<Response> handle(RequestContext rc) {
    Smb2CreateRequest req;
    try {
      req = Smb2CreateRequest.decode(rc.message());
    } catch (io.cephsmb.gateway.mssmb2.Smb2DecodeException e) {
      LOG.debug("CREATE: {}", e.getMessage());
      throw e;
    }
    if (rc.tree().ipc()) {
      return FileService.failed(fail(NtStatus.OBJECT_NAME_NOT_FOUND, "no named pipes yet"));
    }
    if (rc.session().isAnonymous()) {
      // a session re-authenticated as anonymous keeps its tree connects and opens, but opens
      // nothing new in a disk share (it could not have connected one)
      return FileService.failed(fail(NtStatus.ACCESS_DENIED, "anonymous session"));
    }
    ShareDefinition share = rc.tree().share();
    SmbConnection conn = rc.connection();
    long sessionId = rc.sessionId();
    int treeId = rc.treeId();
    Smb2FileId fileId = fs.newFileId();
    return run(rc, req, share, conn, sessionId, treeId, fileId, new HashSet<>(), 0);
  }

  /**
   * One try of the CREATE; when other opens' oplocks or leases must be broken first, the request
   * goes async (STATUS_PENDING), the breaks are made ({@link OplockManager#breakAll}) and the
   * CREATE tries again, never breaking the same open twice.
   */
  private CompletableFuture<Response> run(
      RequestContext rc,
      Smb2CreateRequest req,
      ShareDefinition share,
      SmbConnection conn,
      long sessionId,
      int treeId,
      Smb2FileId fileId,
      Set<String> broken,
      int round) {
    Set<String> done = Set.copyOf(broken);
    return rc.offload(() -> create(req, share, conn, sessionId, treeId, fileId, done))
        .thenCompose(
            r -> {
              if (r.breaks != null) {
                if (round == 0) {
                  rc.goAsync();
                }
                r.breaks.forEach(b -> broken.add(b.holder().key()));
                return rc.onLoop(fs.oplocks.breakAll(r.breaks))
                    .thenCompose(
                        v ->
                            run(
                                rc, req, share, conn, sessionId, treeId, fileId, broken,
                                round + 1));
              }
              fs.register(r.open);
              if (r.open.record.oplockLevel() != 0) {
                fs.oplocks.granted(r.open);
              }
              rc.fileCreated(r.open.fileId);
              return CompletableFuture.completedFuture(Response.ok(r.response::encode));
            });
  }

  record Result(FileOpen open, Smb2CreateResponse response, List<OpenFileTable.Break> breaks) {
    Result(FileOpen open, Smb2CreateResponse response) {
      this(open, response, null);
    }
  }

  /** Thrown inside a try when breaks must come first; the try's cleanup runs on the way out. */
  private static final class NeedsBreak extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient List<OpenFileTable.Break> breaks;

    NeedsBreak(List<OpenFileTable.Break> breaks) {
      super("oplock or lease breaks needed", null, false, false);
      this.breaks = breaks;
    }
  }

  private Result create(
      Smb2CreateRequest req,
      ShareDefinition share,
      SmbConnection conn,
      long sessionId,
      int treeId,
      Smb2FileId fileId,
      Set<String> broken) {
    int disposition = req.createDisposition();
    int options = req.createOptions();
    boolean wantDir = (options & Smb2CreateRequest.FILE_DIRECTORY_FILE) != 0;
    boolean wantFile = (options & Smb2CreateRequest.FILE_NON_DIRECTORY_FILE) != 0;
    if (disposition < FILE_SUPERSEDE || disposition > FILE_OVERWRITE_IF) {
      throw fail(NtStatus.INVALID_PARAMETER, "CreateDisposition " + disposition);
    }
    if (wantDir && wantFile) {
      throw fail(NtStatus.INVALID_PARAMETER, "both DIRECTORY_FILE and NON_DIRECTORY_FILE");
    }
    if (wantDir
        && disposition != FILE_CREATE
        && disposition != FILE_OPEN
        && disposition != FILE_OPEN_IF) {
      throw fail(NtStatus.INVALID_PARAMETER, "directory with disposition " + disposition);
    }
    if ((options & 0xFF000000) != 0) {
      throw fail(NtStatus.INVALID_PARAMETER, "reserved CreateOptions");
    }
    if ((options & UNSUPPORTED_OPTIONS) != 0) {
      // FILE_CREATE_TREE_CONNECTION, FILE_OPEN_BY_FILE_ID, FILE_RESERVE_OPFILTER
      throw fail(NtStatus.NOT_SUPPORTED, "CreateOptions " + Integer.toHexString(options));
    }
    // DesiredAccess is checked before FileAttributes, as Windows (smb2.create.gentest)
    if (req.desiredAccess() == 0) {
      throw fail(NtStatus.ACCESS_DENIED, "DesiredAccess 0");
    }
    if ((req.desiredAccess() & ~Access.VALID) != 0) {
      throw fail(NtStatus.ACCESS_DENIED, "reserved DesiredAccess bits");
    }
    if ((req.fileAttributes() & INVALID_ATTRIBUTES) != 0) {
      throw fail(NtStatus.INVALID_PARAMETER, "FileAttributes");
    }
    if ((req.impersonationLevel() & 0xffffffffL) > 3) {
      throw fail(NtStatus.BAD_IMPERSONATION_LEVEL, "ImpersonationLevel");
    }
    StreamName name = StreamName.parse(req.name());
    SecurityDescriptor sd = CreateSecurity.requested(req);
    List<ExtendedAttributes.Ea> eas = ExtendedAttributes.requested(req);
    Vfs vfs = fs.vfs(share);
    VfsPath path = fs.onDisk(vfs, share, name.path());
    if (name.named()) {
      // the base file is found like any name (without case, by short name)
      StreamName onDisk = new StreamName(path, name.stream());
      return new StreamCreate(fs).create(req, share, conn, sessionId, treeId, fileId, vfs, onDisk);
    }
    if (name.stream() != null) {
      // file::$DATA names the default stream, which a directory does not have
      if (wantDir) {
        throw fail(NtStatus.NOT_A_DIRECTORY, "::$DATA with FILE_DIRECTORY_FILE");
      }
      VfsStat st = statOrNull(vfs, path);
      if (st != null && st.isDirectory()) {
        throw fail(NtStatus.FILE_IS_A_DIRECTORY, "::$DATA of a directory");
      }
    }
    for (int attempt = 0; ; attempt++) {
      Optional<Result> r;
      try {
        r =
            attempt(
                req,
                share,
                conn,
                sessionId,
                treeId,
                fileId,
                vfs,
                path,
                sd,
                eas,
                attempt > 0,
                broken);
      } catch (NeedsBreak b) {
        return new Result(null, null, b.breaks);
      }
      if (r.isPresent()) {
        return r.get();
      }
    }
  }

  /** One try; empty when a stale delete-pending file was removed and the create must start over. */
  private Optional<Result> attempt(
      Smb2CreateRequest req,
      ShareDefinition share,
      SmbConnection conn,
      long sessionId,
      int treeId,
      Smb2FileId fileId,
      Vfs vfs,
      VfsPath path,
      SecurityDescriptor sd,
      List<ExtendedAttributes.Ea> eas,
      boolean retried,
      Set<String> broken) {
    int disposition = req.createDisposition();
    int options = req.createOptions();
    boolean wantDir = (options & Smb2CreateRequest.FILE_DIRECTORY_FILE) != 0;
    boolean wantFile = (options & Smb2CreateRequest.FILE_NON_DIRECTORY_FILE) != 0;
    boolean deleteOnClose = (options & Smb2CreateRequest.FILE_DELETE_ON_CLOSE) != 0;
    VfsStat st = statOrNull(vfs, path);
    boolean exists = st != null;
    if (exists && st.isDirectory() && wantFile) {
      throw fail(NtStatus.FILE_IS_A_DIRECTORY, path.toString());
    }
    if (exists && !st.isDirectory() && wantDir) {
      throw fail(NtStatus.NOT_A_DIRECTORY, path.toString());
    }
    if (exists && disposition == FILE_CREATE) {
      throw fail(NtStatus.OBJECT_NAME_COLLISION, path.toString());
    }
    if (!exists && (disposition == FILE_OPEN || disposition == FILE_OVERWRITE)) {
      throw fail(NtStatus.OBJECT_NAME_NOT_FOUND, path.toString());
    }
    if (exists
        && st.isDirectory()
        && (disposition == FILE_OVERWRITE
            || disposition == FILE_OVERWRITE_IF
            || disposition == FILE_SUPERSEDE)) {
      throw fail(NtStatus.INVALID_PARAMETER, "overwrite of a directory");
    }
    if (path.isRoot() && (deleteOnClose || !exists)) {
      throw fail(NtStatus.ACCESS_DENIED, "the share root");
    }
    boolean overwrite = exists && disposition != FILE_OPEN && disposition != FILE_OPEN_IF;
    boolean creating = !exists;
    if (share.readOnly() && (creating || overwrite)) {
      throw fail(NtStatus.ACCESS_DENIED, "read-only share");
    }
    boolean directory = exists ? st.isDirectory() : wantDir;
    int dos = exists ? io(() -> Attributes.of(vfs, path, st)) : 0;
    int maximal0 =
        Access.maximal(share.readOnly(), exists, directory, exists ? st.mode() : 0777, dos);
    int maximal = exists ? io(() -> CreateSecurity.restrict(vfs, path, maximal0)) : maximal0;
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
    int hs = Attributes.HIDDEN | Attributes.SYSTEM;
    if (overwrite && !directory && (dos & hs & ~req.fileAttributes()) != 0) {
      // [MS-FSA] 2.1.5.1.2.1: overwriting a HIDDEN or SYSTEM file must keep those attributes
      throw fail(NtStatus.ACCESS_DENIED, "overwrite drops HIDDEN/SYSTEM");
    }
    if (deleteOnClose) {
      if ((granted & Access.DELETE) == 0) {
        throw fail(NtStatus.ACCESS_DENIED, "delete-on-close without DELETE");
      }
      if (!directory && ((creating ? req.fileAttributes() : dos) & Attributes.READONLY) != 0) {
        throw fail(NtStatus.CANNOT_DELETE, "read-only file");
      }
    }
    // create or open in the VFS
    VfsHandle handle = null;
    boolean made = false;
    try {
      if (creating) {
        try {
          if (directory) {
            mkdir(vfs, path);
          } else {
            handle =
                open(
                    vfs,
                    path,
                    EnumSet.of(
                        OpenFlag.READ,
                        OpenFlag.WRITE,
                        OpenFlag.CREATE,
                        OpenFlag.EXCLUSIVE,
                        OpenFlag.NON_DIRECTORY));
          }
        } catch (io.cephsmb.gateway.server.Smb2StatusException e) {
          if (e.status() == NtStatus.OBJECT_NAME_COLLISION
              && disposition != FILE_CREATE
              && !retried) {
            // another open created it meanwhile (smb2.create.mkdir-dup): open it instead
            return Optional.empty();
          }
          throw e;
        }
        made = true;
        io(
            () -> {
              CreateSecurity.created(vfs, path, directory, sd);
              return null;
            });
        fs.names.added(vfs, path.parent(), path.name());
        fs.notify.changed(share, path.parent());
        int attrs = req.fileAttributes() & Attributes.STORED;
        if (attrs != 0 && attrs != Attributes.ARCHIVE && vfs.capabilities().xattrs()) {
          io(
              () -> {
                Attributes.store(vfs, path, attrs);
                return null;
              });
        }
      } else if (!directory) {
        Set<OpenFlag> flags = EnumSet.of(OpenFlag.READ, OpenFlag.NON_DIRECTORY);
        if (overwrite
            || (granted & (Access.FILE_WRITE_DATA | Access.FILE_APPEND_DATA)) != 0
            || (!share.readOnly() && (granted & Access.FILE_WRITE_ATTRIBUTES) != 0)) {
          flags.add(OpenFlag.WRITE);
        }
        handle = open(vfs, path, flags);
      }
      VfsHandle h = handle;
      // an existing directory opened as it is: the stat just taken still holds
      VfsStat now = h == null && exists ? st : io(() -> h != null ? vfs.stat(h) : vfs.stat(path));
      OpenRecord rec =
          new OpenRecord(
              fs.nodeId,
              fs.incarnation,
              fileId.persistent(),
              "",
              granted,
              req.shareAccess() & 7,
              deleteOnClose,
              directory,
              sessionId,
              Bytes.wrap(conn.clientGuid()),
              Bytes.EMPTY,
              System.currentTimeMillis());
      LeaseRequest lease = leaseRequest(req, conn);
      if (lease != null
          && fs.oplocks.leaseKeyOnOtherFile(
              Bytes.wrap(conn.clientGuid()), lease.key(), now.ino())) {
        throw fail(NtStatus.INVALID_PARAMETER, "lease key in use for another file");
      }
      CachingPolicy policy =
          new CachingPolicy(req.requestedOplockLevel(), lease, overwrite, directory, broken);
      if (creating) {
        fs.table.created(now.ino());
      }
      OpenFileTable.OpenResult result =
          Futures.join(fs.table.open(now.ino(), rec, policy, FileService.absPath(share, path)));
      OpenFileTable.OpenOutcome outcome = result.outcome();
      switch (outcome) {
        case OPENED:
          rec = result.recorded();
          break;
        case NEEDS_BREAK:
          throw new NeedsBreak(result.breaks());
        case SHARING_VIOLATION:
          throw fail(NtStatus.SHARING_VIOLATION, path.toString());
        case DELETE_PENDING:
          throw fail(NtStatus.DELETE_PENDING, path.toString());
        case STALE_DELETE_PENDING:
          if (retried) {
            throw fail(NtStatus.DELETE_PENDING, path.toString());
          }
          closeQuiet(vfs, handle);
          handle = null;
          removeStale(vfs, path, directory);
          Futures.join(fs.table.forget(now.ino()));
          return Optional.empty();
        default:
          throw new IllegalStateException("outcome " + outcome);
      }
      try {
        int action;
        if (creating) {
          action = Smb2CreateResponse.FILE_CREATED;
        } else if (overwrite) {
          VfsHandle hh = handle;
          long overwritten = now.ino();
          io(
              () -> {
                vfs.truncate(hh, 0);
                Streams.removeAll(vfs, overwritten); // [MS-FSA] 2.1.5.1.2.1: streams go too
                int attrs = req.fileAttributes() & Attributes.STORED;
                if (vfs.capabilities().xattrs()) {
                  Attributes.store(vfs, path, attrs | Attributes.ARCHIVE);
                }
                return null;
              });
          action =
              disposition == FILE_SUPERSEDE
                  ? Smb2CreateResponse.FILE_SUPERSEDED
                  : Smb2CreateResponse.FILE_OVERWRITTEN;
          now = io(() -> vfs.stat(hh));
        } else {
          action = Smb2CreateResponse.FILE_OPENED;
        }
        if (eas != null && (creating || overwrite)) {
          io(
              () -> {
                ExtendedAttributes.apply(vfs, path, eas);
                return null;
              });
        }
        VfsStat fin = now;
        FileTimes times = fs.changeTimes.adjust(io(() -> Attributes.times(vfs, path, fin)), fin);
        // the attributes read for the access check, unless this create changed them
        int attrs = exists && !overwrite ? dos : io(() -> Attributes.of(vfs, path, fin));
        List<Smb2CreateContext> out = responseContexts(req, maximal, fin.ino());
        if (lease != null && rec.hasLease()) {
          out.add(lease.response(rec.leaseState(), rec.leaseEpoch(), false));
        }
        Smb2CreateResponse resp =
            new Smb2CreateResponse(
                rec.oplockLevel(),
                0,
                action,
                times,
                directory ? 0 : fin.allocationSize(),
                directory ? 0 : fin.size(),
                attrs,
                fileId,
                out);
        FileOpen open =
            new FileOpen(
                fileId,
                conn,
                sessionId,
                treeId,
                share,
                vfs,
                path,
                handle,
                directory,
                granted,
                fin.ino(),
                rec,
                options & MODE_BITS);
        open.leaseV2 = lease != null && lease.v2();
        return Optional.of(new Result(open, resp));
      } catch (RuntimeException e) {
        Futures.join(
            fs.table.close(
                now.ino(), rec, share.name(), path.toString(), FileService.absPath(share, path)));
        throw e;
      }
    } catch (RuntimeException e) {
      closeQuiet(vfs, handle);
      if (made && creating) {
        try {
          if (directory) {
            vfs.rmdir(path);
          } else {
            vfs.unlink(path);
          }
        } catch (VfsException ignored) {
          // best effort: the create failed anyway
        }
      }
      throw e;
    }
  }

  /** The lease request of a CREATE when leasing is on and the dialect has leases (2.1+). */
  private LeaseRequest leaseRequest(Smb2CreateRequest req, SmbConnection conn) {
    if (!fs.leasing
        || req.requestedOplockLevel() != OplockLevel.LEASE
        || conn.dialect() == null
        || conn.dialect() == Smb2Dialect.SMB_2_0_2) {
      return null;
    }
    for (Smb2CreateContext c : req.contexts()) {
      if (c.is(LeaseRequest.RQLS)) {
        return LeaseRequest.parse(c);
      }
    }
    return null;
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

  private static void mkdir(Vfs vfs, VfsPath path) {
    io(
        () -> {
          vfs.mkdir(path, DIR_MODE);
          return null;
        });
  }

  private static VfsHandle open(Vfs vfs, VfsPath path, Set<OpenFlag> flags) {
    return io(() -> vfs.open(path, flags, FILE_MODE));
  }

  private static void closeQuiet(Vfs vfs, VfsHandle h) {
    if (h != null) {
      try {
        vfs.close(h);
      } catch (VfsException ignored) {
        // nothing to do
      }
    }
  }

  private static void removeStale(Vfs vfs, VfsPath path, boolean directory) {
    try {
      if (directory) {
        vfs.rmdir(path);
      } else {
        vfs.unlink(path);
      }
    } catch (VfsException e) {
      if (e.errno() != Errno.ENOENT) {
        throw FileService.status(e);
      }
    }
  }

  /**
   * The create contexts answered for the ones asked that the server grants without a lease or
   * durable handle: MxAc (maximal access, [MS-SMB2] 2.2.14.2.5) and QFid (the on-disk id from the
   * inode, 2.2.14.2.9). A mutable list: the caller adds the lease's answer.
   */
  static List<Smb2CreateContext> responseContexts(Smb2CreateRequest req, int maximal, long ino) {
    List<Smb2CreateContext> out = new ArrayList<>();
    for (Smb2CreateContext c : req.contexts()) {
      if (c.is(Smb2CreateContext.MXAC)) {
        out.add(
            Smb2CreateContext.of(
                Smb2CreateContext.MXAC,
                ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(0)
                    .putInt(maximal)
                    .array()));
      } else if (c.is(Smb2CreateContext.QFID)) {
        byte[] id = new byte[32];
        ByteBuffer.wrap(id).order(ByteOrder.LITTLE_ENDIAN).putLong(ino);
        out.add(Smb2CreateContext.of(Smb2CreateContext.QFID, id));
      }
    }
    return out;
  }
}
