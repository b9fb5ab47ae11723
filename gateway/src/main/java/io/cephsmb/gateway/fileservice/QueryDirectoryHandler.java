package io.cephsmb.gateway.fileservice;

import static io.cephsmb.gateway.fileservice.FileService.fail;
import static io.cephsmb.gateway.fileservice.FileService.io;

import io.cephsmb.gateway.mssmb2.FileTimes;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2OutputBufferResponse;
import io.cephsmb.gateway.mssmb2.Smb2QueryDirectoryRequest;
import io.cephsmb.gateway.server.CommandHandler;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.Response;
import io.cephsmb.vfs.DirEntry;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.VfsStat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * [MS-SMB2] 3.3.5.18 Receiving an SMB2 QUERY_DIRECTORY Request. The open keeps its {@code
 * DirStream} (the native cursor) and the entry that did not fit last time, so a listing resumes
 * exactly where it stopped however large the directory; {@code .} and {@code ..} come first
 * (synthesized from stat). The pattern ([MS-FSA] 2.1.4.4, {@link Wildcard}) is taken on the first
 * call and on RESTART_SCANS / REOPEN, which rewind. INDEX_SPECIFIED is accepted and ignored (as
 * Samba does). Entries are 8-byte aligned with NextEntryOffset; the buffer is filled up to
 * OutputBufferLength (one entry with RETURN_SINGLE_ENTRY). No match at all on the first call is
 * STATUS_NO_SUCH_FILE, the end of a listing STATUS_NO_MORE_FILES, an OutputBufferLength too small
 * for the next entry STATUS_INFO_LENGTH_MISMATCH (when nothing else was returned).
 */
final class QueryDirectoryHandler implements CommandHandler {
  static final int FILE_DIRECTORY_INFORMATION = 0x01;
  static final int FILE_FULL_DIRECTORY_INFORMATION = 0x02;
  static final int FILE_BOTH_DIRECTORY_INFORMATION = 0x03;
  static final int FILE_NAMES_INFORMATION = 0x0C;
  static final int FILE_ID_BOTH_DIRECTORY_INFORMATION = 0x25;
  static final int FILE_ID_FULL_DIRECTORY_INFORMATION = 0x26;
  static final int FILE_ID_EXTD_DIRECTORY_INFORMATION = 0x3C;

  private static final int BATCH = 512;

  private final FileService fs;

  QueryDirectoryHandler(FileService fs) {
    this.fs = fs;
  }

  @Override
  public CompletableFuture<Response> handle(RequestContext rc) {
    Smb2QueryDirectoryRequest req = Smb2QueryDirectoryRequest.decode(rc.message());
    FileOpen o = fs.lookup(rc, req.fileId());
    if (!o.directory) {
      throw fail(NtStatus.INVALID_PARAMETER, "not a directory");
    }
    if (!o.has(Access.FILE_READ_DATA)) {
      throw fail(NtStatus.ACCESS_DENIED, "no FILE_LIST_DIRECTORY");
    }
    int cls = req.fileInformationClass();
    if (fixedSize(cls) < 0) {
      throw fail(NtStatus.INVALID_INFO_CLASS, "class " + cls);
    }
    long max = Math.min(req.outputBufferLength(), (long) rc.server().config().maxTransactSize());
    return rc.offload(() -> list(o, req, cls, (int) max));
  }

  private Response list(FileOpen o, Smb2QueryDirectoryRequest req, int cls, int max) {
    synchronized (o) {
      boolean restart =
          (req.flags()
                  & (Smb2QueryDirectoryRequest.RESTART_SCANS | Smb2QueryDirectoryRequest.REOPEN))
              != 0;
      if (o.stream == null) {
        o.stream = io(() -> o.vfs.openDir(o.path()));
        restart = true;
      }
      if (restart || o.pattern == null) {
        if (o.pattern != null) {
          io(
              () -> {
                o.stream.rewind();
                return null;
              });
        }
        o.pattern = req.pattern().isEmpty() ? "*" : req.pattern();
        o.dotsDone = 0;
        o.pending.clear();
        o.exhausted = false;
        o.returnedAny = false;
      }
      boolean single = (req.flags() & Smb2QueryDirectoryRequest.RETURN_SINGLE_ENTRY) != 0;
      ByteBuf out = Unpooled.buffer();
      int lastStart = -1;
      int count = 0;
      while (true) {
        DirEntry e = next(o);
        if (e == null) {
          break;
        }
        if (!Wildcard.matches(o.pattern, e.name())) {
          o.pending.poll();
          continue;
        }
        int start = (out.writerIndex() + 7) & ~7;
        byte[] name = e.name().getBytes(StandardCharsets.UTF_16LE);
        int size = fixedSize(cls) + name.length;
        if (start + size > max) {
          if (count == 0) {
            throw fail(NtStatus.INFO_LENGTH_MISMATCH, "buffer too small for an entry");
          }
          break;
        }
        out.writeZero(start - out.writerIndex());
        if (lastStart >= 0) {
          out.setIntLE(lastStart, start - lastStart);
        }
        VfsPath p = entryPath(o, e);
        encode(out, cls, e, p, o, name);
        lastStart = start;
        count++;
        o.pending.poll();
        if (single) {
          break;
        }
      }
      if (count == 0) {
        NtStatus s = o.returnedAny ? NtStatus.NO_MORE_FILES : NtStatus.NO_SUCH_FILE;
        o.returnedAny = true;
        throw fail(s, "end of listing");
      }
      o.returnedAny = true;
      return Response.ok(b -> Smb2OutputBufferResponse.encode(b, out));
    }
  }

  /** The next candidate entry (left in the queue until it is consumed), or null at the end. */
  private DirEntry next(FileOpen o) {
    if (!o.exhausted && o.dotsDone == 0 && literal(o.pattern)) {
      // a name without wildcards: one stat instead of a listing (Explorer asks this a lot);
      // names are case-sensitive here as in CREATE
      o.dotsDone = 2;
      o.exhausted = true;
      try {
        VfsPath p = o.path().resolve(o.pattern);
        VfsStat st = o.vfs.stat(p);
        if (!Streams.reserved(p)) {
          o.pending.add(new DirEntry(o.pattern, st, 0));
        }
      } catch (VfsException e) {
        if (e.errno() != io.cephsmb.vfs.Errno.ENOENT && e.errno() != io.cephsmb.vfs.Errno.EINVAL) {
          throw FileService.status(e);
        }
      }
    }
    while (o.pending.isEmpty()) {
      if (o.dotsDone < 2) {
        boolean dot = o.dotsDone == 0;
        o.dotsDone++;
        VfsPath p = dot || o.path().isRoot() ? o.path() : o.path().parent();
        VfsStat st = io(() -> o.vfs.stat(p));
        o.pending.add(new DirEntry(dot ? "." : "..", st, 0));
      } else if (o.exhausted) {
        return null;
      } else {
        List<DirEntry> batch = io(() -> o.stream.next(BATCH));
        if (batch.isEmpty()) {
          o.exhausted = true;
        } else {
          for (DirEntry e : batch) {
            if (!o.path().isRoot() || !e.name().equals(Streams.DIR)) { // the hidden stream store
              o.pending.add(e);
            }
          }
        }
      }
    }
    return o.pending.peek();
  }

  /** A pattern that names one entry: no wildcard and not "." or "..". */
  private static boolean literal(String pattern) {
    return Wildcard.isLiteral(pattern) && !pattern.equals(".") && !pattern.equals("..");
  }

  private static VfsPath entryPath(FileOpen o, DirEntry e) {
    if (e.name().equals(".")) {
      return o.path();
    }
    if (e.name().equals("..")) {
      return o.path().isRoot() ? o.path() : o.path().parent();
    }
    try {
      return o.path().resolve(e.name());
    } catch (VfsException ex) {
      return o.path();
    }
  }

  /** The size of the fixed part of an entry of {@code cls}, or -1 if the class is not supported. */
  static int fixedSize(int cls) {
    switch (cls) {
      case FILE_DIRECTORY_INFORMATION:
        return 64;
      case FILE_FULL_DIRECTORY_INFORMATION:
        return 68;
      case FILE_BOTH_DIRECTORY_INFORMATION:
        return 94;
      case FILE_NAMES_INFORMATION:
        return 12;
      case FILE_ID_BOTH_DIRECTORY_INFORMATION:
        return 104;
      case FILE_ID_FULL_DIRECTORY_INFORMATION:
        return 80;
      case FILE_ID_EXTD_DIRECTORY_INFORMATION:
        return 88;
      default:
        return -1;
    }
  }

  /** Writes one entry ([MS-FSCC] 2.4) with NextEntryOffset 0. */
  private void encode(ByteBuf out, int cls, DirEntry e, VfsPath p, FileOpen o, byte[] name) {
    VfsStat st = e.stat();
    out.writeIntLE(0); // NextEntryOffset
    out.writeIntLE(0); // FileIndex
    if (cls == FILE_NAMES_INFORMATION) {
      out.writeIntLE(name.length);
      out.writeBytes(name);
      return;
    }
    FileTimes t;
    int attrs;
    try {
      t = fs.changeTimes.adjust(Attributes.times(o.vfs, p, st), st);
      attrs = Attributes.of(o.vfs, p, st);
    } catch (VfsException ex) {
      t =
          new FileTimes(
              FileTimes.fromUnixNanos(st.birthTimeNanos()),
              FileTimes.fromUnixNanos(st.accessTimeNanos()),
              FileTimes.fromUnixNanos(st.modifyTimeNanos()),
              FileTimes.fromUnixNanos(st.changeTimeNanos()));
      attrs = st.isDirectory() ? Attributes.DIRECTORY : Attributes.ARCHIVE;
    }
    t.encode(out);
    out.writeLongLE(st.isDirectory() ? 0 : st.size());
    out.writeLongLE(st.isDirectory() ? 0 : st.allocationSize());
    out.writeIntLE(attrs);
    out.writeIntLE(name.length);
    switch (cls) {
      case FILE_DIRECTORY_INFORMATION:
        break;
      case FILE_FULL_DIRECTORY_INFORMATION:
        out.writeIntLE(0); // EaSize
        break;
      case FILE_ID_FULL_DIRECTORY_INFORMATION:
        out.writeIntLE(0); // EaSize
        out.writeIntLE(0); // Reserved
        out.writeLongLE(st.ino());
        break;
      case FILE_BOTH_DIRECTORY_INFORMATION:
        out.writeIntLE(0); // EaSize
        out.writeByte(0); // ShortNameLength
        out.writeByte(0);
        out.writeZero(24); // ShortName
        break;
      case FILE_ID_BOTH_DIRECTORY_INFORMATION:
        out.writeIntLE(0); // EaSize
        out.writeByte(0);
        out.writeByte(0);
        out.writeZero(24);
        out.writeShortLE(0); // Reserved2
        out.writeLongLE(st.ino());
        break;
      case FILE_ID_EXTD_DIRECTORY_INFORMATION:
        out.writeIntLE(0); // EaSize
        out.writeIntLE(0); // ReparsePointTag
        out.writeLongLE(st.ino());
        out.writeLongLE(0);
        break;
      default:
        throw new IllegalArgumentException("class " + cls);
    }
    out.writeBytes(name);
  }
}
