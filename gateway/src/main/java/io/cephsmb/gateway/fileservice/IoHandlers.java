package io.cephsmb.gateway.fileservice;

import static io.cephsmb.gateway.fileservice.FileService.fail;
import static io.cephsmb.gateway.fileservice.FileService.io;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2FlushRequest;
import io.cephsmb.gateway.mssmb2.Smb2FlushResponse;
import io.cephsmb.gateway.mssmb2.Smb2ReadRequest;
import io.cephsmb.gateway.mssmb2.Smb2ReadResponse;
import io.cephsmb.gateway.mssmb2.Smb2WriteRequest;
import io.cephsmb.gateway.mssmb2.Smb2WriteResponse;
import io.cephsmb.gateway.server.CommandHandler;
import io.cephsmb.gateway.server.IoBuffers;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.Response;
import io.cephsmb.vfs.VfsStat;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/** READ, WRITE and FLUSH: positional I/O on the open's VFS handle, off the event loop. */
final class IoHandlers {
  private IoHandlers() {}

  /**
   * [MS-SMB2] 3.3.5.12 Receiving an SMB2 READ Request: FILE_READ_DATA (or FILE_EXECUTE) needed,
   * Length at most the negotiated MaxReadSize, an offset of 2^63 or more is
   * STATUS_INVALID_PARAMETER, fewer bytes than MinimumCount (0 at or past the end) is
   * STATUS_END_OF_FILE.
   */
  static final class Read implements CommandHandler {
    private final FileService fs;

    Read(FileService fs) {
      this.fs = fs;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext rc) {
      Smb2ReadRequest req = Smb2ReadRequest.decode(rc.message());
      FileOpen o = fs.lookup(rc, req.fileId());
      if (o.directory) {
        throw fail(NtStatus.INVALID_DEVICE_REQUEST, "read of a directory");
      }
      if (!o.has(Access.FILE_READ_DATA | Access.FILE_EXECUTE)) {
        throw fail(NtStatus.ACCESS_DENIED, "no read access");
      }
      if (req.length() > rc.server().config().maxReadSize()) {
        throw fail(NtStatus.INVALID_PARAMETER, "Length over MaxReadSize");
      }
      if (req.offset() < 0 || req.offset() + req.length() < 0) {
        throw fail(NtStatus.INVALID_PARAMETER, "offset past 2^63");
      }
      int len = (int) req.length();
      return rc.offload(
          () -> {
            // read straight into the buffer the response is sent from
            ByteBuf data = IoBuffers.ALLOC.directBuffer(Math.max(len, 1));
            try {
              ByteBuffer buf = data.nioBuffer(0, len);
              int n = 0;
              while (buf.hasRemaining()) {
                int r = io(() -> o.vfs.read(o.handle, req.offset() + buf.position(), buf));
                if (r <= 0) {
                  break;
                }
                n += r;
              }
              if (n < req.minimumCount() || (n == 0 && len > 0)) {
                throw fail(NtStatus.END_OF_FILE, "end of file");
              }
              int count = n;
              o.position = req.offset() + n;
              data.writerIndex(count);
              ByteBuf payload = data;
              data = null;
              return Response.ok(
                  out -> {
                    Smb2ReadResponse.encodeHeader(out, count, 0);
                    if (count == 0) {
                      out.writeByte(0);
                    }
                  },
                  payload);
            } finally {
              if (data != null) {
                data.release();
              }
            }
          });
    }
  }

  /**
   * [MS-SMB2] 3.3.5.13 Receiving an SMB2 WRITE Request: FILE_WRITE_DATA or FILE_APPEND_DATA needed
   * (with only the latter, or Offset 0xFFFFFFFFFFFFFFFF, the data goes to the end of the file),
   * Length at most MaxWriteSize, offsets past 2^63 are STATUS_INVALID_PARAMETER, and
   * SMB2_WRITEFLAG_WRITE_THROUGH or an open with FILE_WRITE_THROUGH writes synchronously.
   */
  static final class Write implements CommandHandler {
    /** MAXFILESIZE of [MS-FSA] (NTFS): writes ending past it are STATUS_INVALID_PARAMETER. */
    static final long MAX_FILE_SIZE = 0xfffffff0000L;

    private final FileService fs;

    Write(FileService fs) {
      this.fs = fs;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext rc) {
      Smb2WriteRequest.Direct req = Smb2WriteRequest.decodeDirect(rc.message());
      java.util.concurrent.atomic.AtomicBoolean started =
          new java.util.concurrent.atomic.AtomicBoolean();
      try {
        CompletableFuture<Response> done = write(rc, req, started);
        // the task releases the data when it ran; if it never started (executor full), here
        return done.whenComplete(
            (r, t) -> {
              if (!started.get()) {
                req.release();
              }
            });
      } catch (RuntimeException e) {
        req.release();
        throw e;
      }
    }

    private CompletableFuture<Response> write(
        RequestContext rc,
        Smb2WriteRequest.Direct req,
        java.util.concurrent.atomic.AtomicBoolean started) {
      FileOpen o = fs.lookup(rc, req.fileId());
      if (o.directory) {
        throw fail(NtStatus.INVALID_DEVICE_REQUEST, "write to a directory");
      }
      boolean write = o.has(Access.FILE_WRITE_DATA);
      boolean append = o.has(Access.FILE_APPEND_DATA);
      if (!write && !append) {
        throw fail(NtStatus.ACCESS_DENIED, "no write access");
      }
      if (req.length() > rc.server().config().maxWriteSize()) {
        throw fail(NtStatus.INVALID_PARAMETER, "Length over MaxWriteSize");
      }
      boolean toEnd = !write;
      if (!toEnd && req.offset() < 0) {
        throw fail(NtStatus.INVALID_PARAMETER, "offset past 2^63");
      }
      if (!toEnd && req.length() > 0 && req.offset() + req.length() > MAX_FILE_SIZE) {
        throw fail(NtStatus.INVALID_PARAMETER, "write past MAXFILESIZE");
      }
      boolean sync =
          (req.flags() & Smb2WriteRequest.WRITE_THROUGH) != 0
              || (o.mode & io.cephsmb.gateway.mssmb2.Smb2CreateRequest.FILE_WRITE_THROUGH) != 0;
      return rc.offload(
          () -> {
            started.set(true);
            try {
              long at = req.offset();
              if (toEnd) {
                VfsStat st = io(() -> FileService.stat(o));
                at = st.size();
              }
              long off = at;
              ByteBuffer src = req.data();
              // an open that keeps its LastWriteTime/ChangeTime ([MS-FSA] 2.1.5.14.2) puts them
              // back
              io.cephsmb.gateway.mssmb2.FileTimes kept =
                  o.keptTimes != 0 ? io(() -> Timestamps.current(fs, o)) : null;
              int n = io(() -> o.vfs.write(o.handle, off, src, sync));
              if (kept != null) {
                io(
                    () -> {
                      Timestamps.restore(fs, o, kept);
                      return null;
                    });
              }
              o.position = off + n;
              fs.oplocks.written(o.ino, o.record);
              return Response.ok(new Smb2WriteResponse(n)::encode);
            } finally {
              req.release();
            }
          });
    }
  }

  /**
   * [MS-SMB2] 3.3.5.11 Receiving an SMB2 FLUSH Request: FILE_WRITE_DATA or FILE_APPEND_DATA needed,
   * else STATUS_ACCESS_DENIED; fsync of the handle; a directory has nothing to flush.
   */
  static final class Flush implements CommandHandler {
    private final FileService fs;

    Flush(FileService fs) {
      this.fs = fs;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext rc) {
      Smb2FlushRequest req = Smb2FlushRequest.decode(rc.message());
      FileOpen o = fs.lookup(rc, req.fileId());
      if (!o.has(Access.FILE_WRITE_DATA | Access.FILE_APPEND_DATA)) {
        throw fail(NtStatus.ACCESS_DENIED, "flush without write access");
      }
      if (o.handle == null) {
        return CompletableFuture.completedFuture(Response.ok(new Smb2FlushResponse()::encode));
      }
      return rc.offload(
          () -> {
            io(
                () -> {
                  o.vfs.fsync(o.handle, false);
                  return null;
                });
            return Response.ok(new Smb2FlushResponse()::encode);
          });
    }
  }
}
