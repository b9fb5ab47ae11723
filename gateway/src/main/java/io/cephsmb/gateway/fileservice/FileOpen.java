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
final class FileOpen {
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
  volatile int mode;

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

    StreamOpen(String name, VfsPath storage, long baseIno, OpenRecord baseRecord) {
      this.name = name;
      this.storage = storage;
      this.baseIno = baseIno;
      this.baseRecord = baseRecord;
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
}
