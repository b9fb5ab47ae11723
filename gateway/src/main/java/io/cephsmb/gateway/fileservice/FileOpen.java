package io.cephsmb.gateway.fileservice;

import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.openfiles.OpenRecord;
import io.cephsmb.gateway.server.ShareDefinition;
import io.cephsmb.gateway.server.SmbConnection;
import io.cephsmb.vfs.DirEntry;
import io.cephsmb.vfs.DirStream;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsHandle;
import io.cephsmb.vfs.VfsPath;
import java.util.ArrayDeque;

/**
 * [MS-SMB2] 3.3.1.10 Open: one open file or directory of one session and tree connect on this node.
 * The immutable part is fixed at CREATE; the path changes with renames, the position and mode with
 * SET_INFO; the directory enumeration state is guarded by the object's monitor.
 */
final class FileOpen implements io.cephsmb.gateway.oplock.OplockManager.Holder {
  final Smb2FileId fileId;
  final SmbConnection connection;
  final long sessionId;
  final int treeId;
  final ShareDefinition share;
  final Vfs vfs;
  final VfsHandle handle;
  final boolean directory;
  final int grantedAccess;
  final long ino;
  final OpenRecord record;

  /** The named stream this open is of; null for the file itself (default stream, directory). */
  final StreamOpen ads;

  private volatile VfsPath path;
  volatile long position;

  /**
   * The absolute path under which this open is in its node's index ({@code OpenPath}); moved with
   * renames, guarded by this. Null for a stream open, which is recorded without a path.
   */
  String indexedPath;

  volatile int mode;

  /**
   * [MS-FSA] 2.1.5.14.2 UserSetModificationTime / UserSetChangeTime of this open ({@link
   * Timestamps#WRITE}, {@link Timestamps#CHANGE}): set by an explicit time or -1, cleared by -2;
   * while set, changes through this open keep that time.
   */
  volatile int keptTimes;

  /** Whether the lease was asked with SMB2_CREATE_REQUEST_LEASE_V2 (epochs in breaks). */
  volatile boolean leaseV2;

  // QUERY_DIRECTORY state, guarded by this
  DirStream stream;
  String pattern;
  int dotsDone;
  boolean exhausted;
  boolean returnedAny;
  final ArrayDeque<DirEntry> pending = new ArrayDeque<>();

  FileOpen(
      Smb2FileId fileId,
      SmbConnection connection,
      long sessionId,
      int treeId,
      ShareDefinition share,
      Vfs vfs,
      VfsPath path,
      VfsHandle handle,
      boolean directory,
      int grantedAccess,
      long ino,
      OpenRecord record,
      int mode) {
    this(
        fileId,
        connection,
        sessionId,
        treeId,
        share,
        vfs,
        path,
        handle,
        directory,
        grantedAccess,
        ino,
        record,
        mode,
        null);
  }

  FileOpen(
      Smb2FileId fileId,
      SmbConnection connection,
      long sessionId,
      int treeId,
      ShareDefinition share,
      Vfs vfs,
      VfsPath path,
      VfsHandle handle,
      boolean directory,
      int grantedAccess,
      long ino,
      OpenRecord record,
      int mode,
      StreamOpen stream) {
    this.ads = stream;
    this.fileId = fileId;
    this.connection = connection;
    this.sessionId = sessionId;
    this.treeId = treeId;
    this.share = share;
    this.vfs = vfs;
    this.path = path;
    // a stream open is recorded without a path (indexed by its file), so it holds no path entry
    this.indexedPath = stream == null ? FileService.absPath(share, path) : null;
    this.handle = handle;
    this.directory = directory;
    this.grantedAccess = grantedAccess;
    this.ino = ino;
    this.record = record;
    this.mode = mode;
  }

  /**
   * What an open of a named stream adds: the stream's name and storage (both change with a stream
   * rename), the base file's inode and the record of this open in the base file's share-mode object
   * (where the per-stream share modes, the base file's delete-pending and the DELETE rule across
   * streams are checked); {@link FileOpen#ino} and {@link FileOpen#record} are the stream file's
   * own (its delete-on-close and disposition).
   */
  static final class StreamOpen {
    final long baseIno;
    volatile OpenRecord baseRecord;
    volatile String name;
    volatile VfsPath storage;

    /**
     * The base file's absolute path, under which the base record is in the node's index: a
     * directory with a stream open below it counts as having an open below it.
     */
    final String baseIndexedPath;

    StreamOpen(
        String name, VfsPath storage, long baseIno, OpenRecord baseRecord, String baseIndexedPath) {
      this.name = name;
      this.storage = storage;
      this.baseIno = baseIno;
      this.baseRecord = baseRecord;
      this.baseIndexedPath = baseIndexedPath;
    }
  }

  /** The path of the data this open reads and writes (the stream's storage for a stream). */
  VfsPath dataPath() {
    return ads == null ? path : ads.storage;
  }

  VfsPath path() {
    return path;
  }

  void path(VfsPath p) {
    path = p;
  }

  boolean has(int access) {
    return (grantedAccess & access) != 0;
  }

  @Override
  public OpenRecord record() {
    return record;
  }

  @Override
  public long ino() {
    return ino;
  }

  @Override
  public boolean sendOplockBreak(int toLevel) {
    io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.buffer(24);
    try {
      new io.cephsmb.gateway.mssmb2.Smb2OplockBreak(toLevel, fileId).encode(b);
      return connection.sendUnsolicited(
          io.cephsmb.gateway.mssmb2.Smb2Command.OPLOCK_BREAK,
          sessionId,
          io.netty.buffer.ByteBufUtil.getBytes(b));
    } finally {
      b.release();
    }
  }

  @Override
  public boolean sendLeaseBreak(
      io.cephsmb.omapkv.Bytes leaseKey, int current, int to, int epoch, boolean ackRequired) {
    io.cephsmb.gateway.crypto.Smb2Dialect d = connection.dialect();
    boolean v3 = d != null && d.compareTo(io.cephsmb.gateway.crypto.Smb2Dialect.SMB_3_0) >= 0;
    io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.buffer(44);
    try {
      new io.cephsmb.gateway.mssmb2.Smb2LeaseBreak(
              v3 && leaseV2 ? epoch : 0,
              ackRequired ? io.cephsmb.gateway.mssmb2.Smb2LeaseBreak.ACK_REQUIRED : 0,
              leaseKey.toArray(),
              current,
              to)
          .encode(b);
      return connection.sendUnsolicited(
          io.cephsmb.gateway.mssmb2.Smb2Command.OPLOCK_BREAK,
          0,
          io.netty.buffer.ByteBufUtil.getBytes(b));
    } finally {
      b.release();
    }
  }
}
