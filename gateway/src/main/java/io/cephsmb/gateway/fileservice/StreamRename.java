package io.cephsmb.gateway.fileservice;

import static io.cephsmb.gateway.fileservice.FileService.fail;
import static io.cephsmb.gateway.fileservice.FileService.io;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.gateway.openfiles.OpenRecord;
import io.cephsmb.omapkv.Futures;
import io.cephsmb.vfs.OpenFlag;
import io.cephsmb.vfs.VfsHandle;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.VfsStat;
import java.nio.ByteBuffer;
import java.util.EnumSet;

/**
 * FileRenameInformation on a stream ([MS-FSA] 2.1.5.15.11 with a stream name: the target is {@code
 * :name[:$DATA]} of the same file). Rules as NTFS answers them (smbtorture smb2.streams.names,
 * rename, rename2): an existing target stream without ReplaceIfExists is
 * STATUS_OBJECT_NAME_COLLISION, a non-empty one even with it STATUS_INVALID_PARAMETER; a target
 * with a file part is STATUS_SHARING_VIOLATION; {@code ::$DATA} moves the stream's data into an
 * empty default stream. Blocking.
 */
final class StreamRename {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamRename.class);

  private StreamRename() {}

  /** Renames the stream of {@code o} to {@code target} (the name as sent, without a leading \). */
  static void rename(FileService fs, FileOpen o, String target, boolean replace) {
    if (!target.startsWith(":")) {
      if (target.indexOf(':') >= 0) {
        throw fail(NtStatus.SHARING_VIOLATION, "stream rename to another file's stream");
      }
      throw fail(NtStatus.INVALID_PARAMETER, "a stream renamed to a file");
    }
    String to = StreamName.parseStreamOnly(target);
    FileOpen.StreamOpen s = o.ads;
    if (s == null) {
      if (!to.isEmpty()) {
        throw fail(NtStatus.INVALID_PARAMETER, "the default stream renamed to a named one");
      }
      return;
    }
    if (to.isEmpty()) {
      toDefault(o, replace);
      return;
    }
    if (to.equals(s.name)) {
      return;
    }
    VfsPath base = o.path();
    Streams.Entry existing = io(() -> Streams.find(o.vfs, base, s.baseIno, to));
    if (existing != null && !existing.storage().equals(s.storage)) {
      if (!replace) {
        throw fail(NtStatus.OBJECT_NAME_COLLISION, to);
      }
      if (existing.stat().size() != 0) {
        throw fail(NtStatus.INVALID_PARAMETER, "replacing a stream that has data");
      }
      if (!Futures.join(fs.table.query(existing.stat().ino())).opens().isEmpty()) {
        throw fail(NtStatus.SHARING_VIOLATION, "target stream open");
      }
    }
    VfsPath from = s.storage;
    VfsPath dest = io(() -> Streams.storage(s.baseIno, to));
    io(
        () -> {
          if (existing != null && !existing.storage().equals(dest)) {
            o.vfs.unlink(existing.storage());
          }
          o.vfs.rename(from, dest, true);
          return null;
        });
    fs.streamRenamed(o.share, from, dest, to);
    // the open's record in the base file's object goes under the new name (per-stream share
    // modes); the old record is removed first, so the new one can only meet other opens of the
    // new name, which the checks above found to be none
    OpenRecord old = s.baseRecord;
    OpenRecord renamed =
        new OpenRecord(
            old.nodeId(),
            old.incarnation(),
            old.persistentId(),
            Streams.canonical(to),
            old.grantedAccess(),
            old.shareAccess(),
            old.deleteOnClose(),
            old.directory(),
            old.sessionId(),
            old.clientGuid(),
            old.createGuid(),
            old.createdMillis());
    Futures.join(
        fs.table.close(s.baseIno, old, o.share.name(), base.toString(), s.baseIndexedPath));
    OpenFileTable.OpenOutcome out =
        Futures.join(fs.table.open(s.baseIno, renamed, s.baseIndexedPath));
    s.baseRecord = renamed;
    if (out != OpenFileTable.OpenOutcome.OPENED) {
      LOG.warn("stream {} renamed to {}: its share-mode record was refused ({})", from, to, out);
    }
  }

  /** The stream's data becomes the (empty) default stream's; the stream goes. */
  private static void toDefault(FileOpen o, boolean replace) {
    VfsStat base = io(() -> o.vfs.stat(o.path()));
    if (!replace) {
      throw fail(NtStatus.OBJECT_NAME_COLLISION, "::$DATA");
    }
    if (base.size() != 0) {
      throw fail(NtStatus.INVALID_PARAMETER, "the default stream has data");
    }
    io(
        () -> {
          VfsHandle dst = o.vfs.open(o.path(), EnumSet.of(OpenFlag.WRITE), 0644);
          try {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            long off = 0;
            while (true) {
              buf.clear();
              int n = o.vfs.read(o.handle, off, buf);
              if (n <= 0) {
                break;
              }
              buf.flip();
              o.vfs.write(dst, off, buf, false);
              off += n;
            }
          } finally {
            o.vfs.close(dst);
          }
          o.vfs.unlink(o.ads.storage);
          return null;
        });
  }
}
