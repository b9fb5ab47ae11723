package io.cephsmb.gateway.fileservice;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.gateway.server.CommandHandler;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.ShareDefinition;
import io.cephsmb.gateway.server.Smb2StatusException;
import io.cephsmb.gateway.server.SmbConnection;
import io.cephsmb.gateway.server.SmbServer;
import io.cephsmb.omapkv.Futures;
import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsPath;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file service of one gateway node: the table of its opens ([MS-SMB2] 3.3.1.10, FileId ->
 * {@link FileOpen}), the cluster-wide {@link OpenFileTable} for share modes and delete-pending, the
 * VFS of each share, and the handlers to pass to {@code SmbServer.start(..., handlers())}.
 *
 * <p>Threading: handlers look opens up and register them on the event loop; every VFS and RADOS
 * call runs through {@link RequestContext#offload} (RADOS futures are joined there).
 *
 * <p>An open belongs to the session and tree connect that created it: a request from another
 * session or tree gets STATUS_FILE_CLOSED. Opens are closed (and their share-mode records removed)
 * when the client closes them, at TREE_DISCONNECT of their tree, LOGOFF of their session, and when
 * the connection goes away.
 */
public final class FileService {
  private static final Logger LOG = LoggerFactory.getLogger(FileService.class);

  final ShareVfsProvider vfsProvider;
  final OpenFileTable table;
  final String nodeId;
  final ChangeTimes changeTimes = new ChangeTimes();
  final NameResolver names = new NameResolver();
  final ChangeNotify notify = new ChangeNotify(this);
  final long incarnation;
  final io.cephsmb.gateway.oplock.OplockManager oplocks;
  final boolean leasing;
  private final Map<Long, FileOpen> opens = new ConcurrentHashMap<>();
  private final Map<SmbConnection, Boolean> hooked = new ConcurrentHashMap<>();
  private final long resumeSecret;
  private final AtomicLong nextVolatile;
  private final AtomicLong nextPersistent;

  /**
   * A file service.
   *
   * @param vfsProvider the VFS of each share
   * @param table the cluster-wide open-file table
   * @param nodeId this node's id (in the open records)
   * @param incarnation this node's incarnation (in the open records)
   */
  public FileService(
      ShareVfsProvider vfsProvider, OpenFileTable table, String nodeId, long incarnation) {
    this(
        vfsProvider,
        table,
        nodeId,
        incarnation,
        new io.cephsmb.gateway.oplock.OplockManager(
            nodeId, table, java.time.Duration.ofSeconds(35)),
        false);
  }

  /**
   * A file service with oplocks and leases through {@code oplocks}.
   *
   * @param leasing whether leases are granted (the server announces SMB2_GLOBAL_CAP_LEASING)
   */
  public FileService(
      ShareVfsProvider vfsProvider,
      OpenFileTable table,
      String nodeId,
      long incarnation,
      io.cephsmb.gateway.oplock.OplockManager oplocks,
      boolean leasing) {
    this.oplocks = oplocks;
    this.leasing = leasing;
    this.vfsProvider = vfsProvider;
    this.table = table;
    this.nodeId = nodeId;
    this.incarnation = incarnation;
    SecureRandom r = new SecureRandom();
    this.resumeSecret = r.nextLong();
    this.nextVolatile = new AtomicLong(r.nextInt() & 0x7fffffffL);
    this.nextPersistent = new AtomicLong((incarnation << 32) ^ (r.nextInt() & 0xffffL) << 16);
  }

  /** The handlers of the file commands. */
  public Map<Smb2Command, CommandHandler> handlers() {
    Map<Smb2Command, CommandHandler> m = new EnumMap<>(Smb2Command.class);
    m.put(Smb2Command.CREATE, new CreateHandler(this));
    m.put(Smb2Command.CLOSE, new CloseHandler(this));
    m.put(Smb2Command.FLUSH, new IoHandlers.Flush(this));
    m.put(Smb2Command.READ, new IoHandlers.Read(this));
    m.put(Smb2Command.WRITE, new IoHandlers.Write(this));
    m.put(Smb2Command.QUERY_DIRECTORY, new QueryDirectoryHandler(this));
    m.put(Smb2Command.QUERY_INFO, new QueryInfoHandler(this));
    m.put(Smb2Command.SET_INFO, new SetInfoHandler(this));
    m.put(Smb2Command.OPLOCK_BREAK, new OplockBreakHandler(this));
    Map<Smb2Command, CommandHandler> engine = SmbServer.engineHandlers();
    m.put(Smb2Command.IOCTL, new FsctlHandler(this, engine.get(Smb2Command.IOCTL)));
    m.put(Smb2Command.TREE_DISCONNECT, closing(engine.get(Smb2Command.TREE_DISCONNECT), true));
    m.put(Smb2Command.LOGOFF, closing(engine.get(Smb2Command.LOGOFF), false));
    m.put(Smb2Command.CHANGE_NOTIFY, notify);
    return m;
  }

  /**
   * The engine's TREE_DISCONNECT or LOGOFF handler, followed by the close of every open of that
   * tree connect or session ([MS-SMB2] 3.3.5.7 and 3.3.5.6) before the response goes out.
   */
  private CommandHandler closing(CommandHandler engine, boolean tree) {
    return rc -> {
      SmbConnection c = rc.connection();
      long sessionId = rc.sessionId();
      int treeId = rc.treeId();
      return engine
          .handle(rc)
          .thenCompose(
              r -> {
                if (r.status() != NtStatus.SUCCESS) {
                  return CompletableFuture.completedFuture(r);
                }
                List<FileOpen> gone = new ArrayList<>();
                for (FileOpen o : opens.values()) {
                  if (o.connection == c
                      && o.sessionId == sessionId
                      && (!tree || o.treeId == treeId)
                      && remove(o)) {
                    gone.add(o);
                  }
                }
                if (gone.isEmpty()) {
                  return CompletableFuture.completedFuture(r);
                }
                return rc.offload(
                    () -> {
                      gone.forEach(this::closeQuietly);
                      return r;
                    });
              });
    };
  }

  /** The node's oplock and lease manager. */
  public io.cephsmb.gateway.oplock.OplockManager oplocks() {
    return oplocks;
  }

  /** The number of opens on this node (tests, metrics). */
  public int openCount() {
    return opens.size();
  }

  Smb2FileId newFileId() {
    return new Smb2FileId(nextPersistent.incrementAndGet(), nextVolatile.incrementAndGet());
  }

  /**
   * The resume key of an open ([MS-SMB2] 3.3.5.15.1, 24 opaque bytes): its FileId and this
   * service's secret, so a key names one open of this node and cannot be guessed from a FileId.
   */
  byte[] resumeKey(FileOpen o) {
    return java.nio.ByteBuffer.allocate(24)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putLong(o.fileId.persistent())
        .putLong(o.fileId.volatileId())
        .putLong(resumeSecret)
        .array();
  }

  /** The open a resume key names, or null. */
  FileOpen byResumeKey(byte[] key) {
    if (key.length != 24) {
      return null;
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(key).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    long persistent = b.getLong(0);
    FileOpen o = opens.get(b.getLong(8));
    if (o == null || o.fileId.persistent() != persistent || b.getLong(16) != resumeSecret) {
      return null;
    }
    return o;
  }

  /** Registers a new open; the first open of a connection hooks its close. Event loop. */
  void register(FileOpen o) {
    opens.put(o.fileId.volatileId(), o);
    if (hooked.putIfAbsent(o.connection, Boolean.TRUE) == null) {
      SmbConnection c = o.connection;
      c.onClose(() -> connectionClosed(c));
      c.onSessionClosed(session -> sessionClosed(c, session.sessionId()));
    }
  }

  /**
   * The open {@code id} names for this request (the all-ones FileId of a related compound
   * resolved), or STATUS_FILE_CLOSED ([MS-SMB2] 3.3.5.x: an unknown open or one of another session
   * or tree).
   */
  FileOpen lookup(RequestContext rc, Smb2FileId id) {
    Smb2FileId f = rc.resolveFileId(id);
    if (f == null) {
      throw new Smb2StatusException(NtStatus.FILE_CLOSED, "no previous FileId in the compound");
    }
    FileOpen o = opens.get(f.volatileId());
    if (o == null
        || o.fileId.persistent() != f.persistent()
        || o.connection != rc.connection()
        || o.sessionId != rc.sessionId()
        || o.treeId != rc.treeId()) {
      throw new Smb2StatusException(NtStatus.FILE_CLOSED, "unknown FileId");
    }
    return o;
  }

  /** Removes an open from the table (CLOSE); true if it was there. Event loop. */
  boolean remove(FileOpen o) {
    return opens.remove(o.fileId.volatileId(), o);
  }

  /** The local opens other than {@code except} whose path is {@code p} or below it. */
  List<FileOpen> localOpensUnder(ShareDefinition share, VfsPath p, FileOpen except) {
    List<FileOpen> out = new ArrayList<>();
    for (FileOpen o : opens.values()) {
      if (o != except && o.share.path().equals(share.path()) && p.isPrefixOf(o.path())) {
        out.add(o);
      }
    }
    return out;
  }

  /**
   * After a rename of {@code from} to {@code to}: the paths of local opens at or under {@code from}
   * follow, in memory and in this node's open-path index ({@code OpenFileTable#moved}). Opens of
   * the same files on other nodes keep their old path in memory and in their index until they
   * close. Blocking.
   */
  void renamed(ShareDefinition share, VfsPath from, VfsPath to) {
    for (FileOpen o : opens.values()) {
      VfsPath p = o.path();
      if (o.share.path().equals(share.path()) && from.isPrefixOf(p)) {
        List<String> c = new ArrayList<>(to.components());
        c.addAll(p.components().subList(from.depth(), p.depth()));
        try {
          VfsPath np = VfsPath.of(c);
          synchronized (o) {
            String abs = absPath(share, np);
            if (o.indexedPath != null) {
              try {
                Futures.join(table.moved(o.record, o.ino, o.indexedPath, abs));
                o.indexedPath = abs;
              } catch (RuntimeException e) {
                LOG.warn("open {}: its path index did not follow a rename: {}", p, e.getMessage());
              }
            }
            o.path(np);
          }
        } catch (VfsException e) {
          LOG.warn("open {} lost its path after a rename: {}", p, e.getMessage());
        }
      }
    }
  }

  /** Points the local opens of the stream stored at {@code from} to its new name and storage. */
  void streamRenamed(ShareDefinition share, VfsPath from, VfsPath to, String name) {
    for (FileOpen o : opens.values()) {
      if (o.ads != null && o.share.path().equals(share.path()) && o.ads.storage.equals(from)) {
        o.ads.storage = to;
        o.ads.name = name;
      }
    }
  }

  /**
   * The absolute path of {@code p} in the file system: the share's path joined with it ({@code
   * /exports/a/b}; {@code /a/b} for a share of the root), the key of the open-path index.
   */
  static String absPath(ShareDefinition share, VfsPath p) {
    String root = share.path();
    while (root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    if (!root.startsWith("/")) {
      root = "/" + root;
    }
    if (root.equals("/")) {
      root = "";
    }
    return p.isRoot() ? (root.isEmpty() ? "/" : root) : root + "/" + p;
  }

  /**
   * A session torn down by SESSION_SETUP ([MS-SMB2] 3.3.5.5.3: a failed re-authentication, or a new
   * session of the same user naming it as PreviousSessionId): its opens are closed, their share
   * modes and oplocks released; completes when they are. Event loop.
   */
  private CompletableFuture<Void> sessionClosed(SmbConnection c, long sessionId) {
    List<FileOpen> gone = new ArrayList<>();
    for (FileOpen o : opens.values()) {
      if (o.connection == c && o.sessionId == sessionId && remove(o)) {
        gone.add(o);
      }
    }
    if (gone.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    try {
      return CompletableFuture.runAsync(
          () -> gone.forEach(this::closeQuietly), c.server().blocking());
    } catch (java.util.concurrent.RejectedExecutionException e) {
      gone.forEach(this::closeQuietly);
      return CompletableFuture.completedFuture(null);
    }
  }

  private void connectionClosed(SmbConnection c) {
    hooked.remove(c);
    Executor blocking = c.server().blocking();
    for (FileOpen o : opens.values()) {
      if (o.connection == c && remove(o)) {
        try {
          blocking.execute(() -> closeQuietly(o));
        } catch (RuntimeException e) {
          closeQuietly(o);
        }
      }
    }
  }

  private void closeQuietly(FileOpen o) {
    try {
      closeBlocking(o);
    } catch (RuntimeException e) {
      LOG.warn("closing {} after disconnect: {}", o.path(), e.getMessage());
    }
  }

  /** Whether closing {@code o} has VFS work (a handle or a listing to close). */
  static boolean hasVfsState(FileOpen o) {
    synchronized (o) {
      return o.stream != null || o.handle != null;
    }
  }

  /**
   * The rest of a close once {@link #closeVfs} is done, without holding a thread while RADOS works:
   * the share-mode record is removed asynchronously, and only a file to remove or a stream's base
   * record goes to {@code blocking}. Any thread.
   */
  CompletableFuture<Void> closeRecord(FileOpen o, Executor blocking) {
    notify.closed(o);
    String indexed;
    synchronized (o) {
      indexed = o.indexedPath;
    }
    return table
        .close(o.ino, o.record, o.share.name(), o.dataPath().toString(), indexed)
        .whenComplete((out, e) -> oplocks.closed(o.record))
        .thenCompose(
            out ->
                !out.removeFile() && o.ads == null
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(() -> afterRecordRemoved(o, out), blocking));
  }

  /**
   * Closes an open (already removed from the table): the directory stream and the VFS handle, the
   * share-mode record, and the file if it was delete-pending and this was its last open ([MS-FSA]
   * 2.1.5.4). Blocking.
   */
  void closeBlocking(FileOpen o) {
    notify.closed(o);
    closeVfs(o);
    String indexed;
    synchronized (o) {
      indexed = o.indexedPath;
    }
    OpenFileTable.CloseOutcome out;
    try {
      out =
          Futures.join(
              table.close(o.ino, o.record, o.share.name(), o.dataPath().toString(), indexed));
    } finally {
      oplocks.closed(o.record);
    }
    afterRecordRemoved(o, out);
  }

  /** Closes the listing and VFS handle of an open. Blocking. */
  void closeVfs(FileOpen o) {
    synchronized (o) {
      if (o.stream != null) {
        try {
          o.stream.close();
        } catch (VfsException e) {
          LOG.debug("closing a listing: {}", e.getMessage());
        }
        o.stream = null;
      }
    }
    if (o.handle != null) {
      try {
        o.vfs.close(o.handle);
      } catch (VfsException e) {
        LOG.debug("closing {}: {}", o.path(), e.getMessage());
      }
    }
  }

  /**
   * After an open's record is gone: removes the file if it was the last open of a delete-pending
   * file, and a stream open's record in the base file's object. Blocking.
   */
  private void afterRecordRemoved(FileOpen o, OpenFileTable.CloseOutcome out) {
    if (out.removeFile()) {
      forget(
          o.ino, remove(o, o.dataPath(), o.directory, o.ads == null ? o.ino : -1, o.ads == null));
    }
    if (o.ads != null) {
      // the stream's record in the base file's object: the base file may have been waiting for it
      OpenFileTable.CloseOutcome base =
          Futures.join(
              table.close(
                  o.ads.baseIno,
                  o.ads.baseRecord,
                  o.share.name(),
                  o.path().toString(),
                  o.ads.baseIndexedPath));
      if (base.removeFile()) {
        forget(o.ads.baseIno, remove(o, o.path(), false, o.ads.baseIno, true));
      }
    }
  }

  /**
   * Drops the object of a removed file. When the inode itself is gone nobody can open it again, so
   * the caller does not wait; when another hard link keeps it, the delete-pending mark must be gone
   * before the close answers (an open through the other name would otherwise find it stale and
   * remove that name too).
   */
  private void forget(long ino, boolean inodeGone) {
    CompletableFuture<Void> f = table.forget(ino);
    if (!inodeGone) {
      Futures.join(f);
      return;
    }
    CompletableFuture<?> unused =
        f.whenComplete(
            (v, e) -> {
              if (e != null) {
                LOG.warn("forgetting removed file {}: {}", ino, Futures.unwrap(e).getMessage());
              }
            });
  }

  /**
   * Removes a delete-pending file (a directory if {@code directory} or if unlink says it is one)
   * and, for a base file ({@code ino} not -1), its streams; a {@code visible} name (not a stream's
   * storage) leaves the name cache and wakes change notifications. Returns whether the inode is
   * gone (false when another hard link keeps it, or the removal failed).
   */
  private boolean remove(FileOpen o, VfsPath p, boolean directory, long ino, boolean visible) {
    Vfs vfs = o.vfs;
    long links = 1;
    boolean streams = false;
    try {
      if (ino != -1 && !directory) {
        links = vfs.stat(p).nlink(); // another hard link keeps the file, and its streams
      }
      if (ino != -1) {
        streams = Streams.marked(vfs, p, ino);
      }
      if (directory) {
        vfs.rmdir(p);
      } else {
        try {
          vfs.unlink(p);
        } catch (VfsException e) {
          if (e.errno() != Errno.EISDIR) {
            throw e;
          }
          vfs.rmdir(p);
        }
      }
      if (visible && !p.isRoot()) {
        names.removed(vfs, p.parent(), p.name());
        notify.changed(o.share, p.parent());
      }
    } catch (VfsException e) {
      if (e.errno() != Errno.ENOENT) {
        LOG.warn("removing delete-pending {}: {}", p, e.getMessage());
        return false;
      }
    }
    if (ino != -1 && links <= 1 && streams) {
      try {
        Streams.removeAll(vfs, ino);
      } catch (VfsException e) {
        LOG.warn("removing the streams of {}: {}", p, e.getMessage());
      }
    }
    return links <= 1;
  }

  /**
   * The path on disk that a client's {@code path} names in {@code share}: case-insensitive unless
   * the share is case-sensitive, short names resolved ({@link NameResolver}). Blocking.
   */
  VfsPath onDisk(Vfs vfs, ShareDefinition share, VfsPath path) {
    return io(() -> names.resolve(vfs, path, share.caseSensitive()));
  }

  /** The VFS of a share, or STATUS_BAD_NETWORK_NAME-like failure as OBJECT_PATH_NOT_FOUND. */
  Vfs vfs(ShareDefinition share) {
    try {
      return vfsProvider.vfs(share);
    } catch (VfsException e) {
      throw new Smb2StatusException(
          NtStatus.OBJECT_PATH_NOT_FOUND, "share " + share.name() + ": " + e.getMessage());
    }
  }

  /**
   * The stat of an open: by handle (follows the file through renames on CephFS), by path for
   * directories and where the handle cannot be stat'ed (the local VFS stats a handle by its
   * original path).
   */
  static io.cephsmb.vfs.VfsStat stat(FileOpen o) throws VfsException {
    if (o.handle != null) {
      try {
        return o.vfs.stat(o.handle);
      } catch (VfsException e) {
        if (e.errno() != Errno.ENOENT) {
          throw e;
        }
      }
    }
    return o.vfs.stat(o.dataPath());
  }

  /** The stat of the file an open is of: the base file for a stream open, else {@link #stat}. */
  static io.cephsmb.vfs.VfsStat baseStat(FileOpen o) throws VfsException {
    return o.ads == null ? stat(o) : o.vfs.stat(o.path());
  }

  /** A VFS call that may fail. */
  @FunctionalInterface
  interface VfsCall<T> {
    T call() throws VfsException;
  }

  /** Runs {@code c}, turning a {@link VfsException} into its status. */
  static <T> T io(VfsCall<T> c) {
    try {
      return c.call();
    } catch (VfsException e) {
      throw status(e);
    }
  }

  /** The {@link Smb2StatusException} for a VFS failure ([MS-ERREF] codes from ErrnoStatus). */
  static Smb2StatusException status(VfsException e) {
    NtStatus s = NtStatus.fromCode(e.ntStatus().code());
    LOG.debug("{}: {}", s, e.getMessage());
    return new Smb2StatusException(s == null ? NtStatus.UNSUCCESSFUL : s, e.getMessage());
  }

  /** Fails the request with {@code s}. */
  static Smb2StatusException fail(NtStatus s, String why) {
    LOG.debug("{}: {}", s, why);
    return new Smb2StatusException(s, why);
  }

  /** A failed future. */
  static <T> CompletableFuture<T> failed(Throwable t) {
    return CompletableFuture.failedFuture(t);
  }
}
