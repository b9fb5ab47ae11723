package io.cephsmb.gateway.fileservice;

import static io.cephsmb.gateway.fileservice.FileService.fail;
import static io.cephsmb.gateway.fileservice.FileService.io;

import io.cephsmb.gateway.msfscc.SrvCopychunkCopy;
import io.cephsmb.gateway.msfscc.SrvCopychunkResponse;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2IoctlRequest;
import io.cephsmb.gateway.mssmb2.Smb2IoctlResponse;
import io.cephsmb.gateway.server.CommandHandler;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.Response;
import io.cephsmb.vfs.VfsStat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * [MS-SMB2] 3.3.5.15 IOCTL for the file service: the FSCTLs on files of a disk share (server-side
 * copy 3.3.5.15.6 and its resume key 3.3.5.15.1, network interfaces 3.3.5.15.11, DFS referrals
 * 3.3.5.15.2, and the object-store FSCTLs of [MS-FSA] 2.1.5.9 passed through: sparse files,
 * allocated ranges, zero data, reparse points, object ids, compression). FSCTL_VALIDATE_NEGOTIATE
 * _INFO, the named-pipe FSCTLs and everything on IPC$ go to the engine's handler. A request without
 * SMB2_0_IOCTL_IS_FSCTL is STATUS_NOT_SUPPORTED; an FSCTL the object store does not know
 * STATUS_INVALID_DEVICE_REQUEST (as Windows and [MS-FSA] 2.1.5.9).
 */
final class FsctlHandler implements CommandHandler {
  static final int FSCTL_DFS_GET_REFERRALS = 0x00060194;
  static final int FSCTL_DFS_GET_REFERRALS_EX = 0x000601B0;
  static final int FSCTL_GET_OBJECT_ID = 0x0009009C;
  static final int FSCTL_GET_REPARSE_POINT = 0x000900A8;
  static final int FSCTL_CREATE_OR_GET_OBJECT_ID = 0x000900C0;
  static final int FSCTL_SET_SPARSE = 0x000900C4;
  static final int FSCTL_GET_COMPRESSION = 0x0009003C;
  static final int FSCTL_SET_COMPRESSION = 0x0009C040;
  static final int FSCTL_QUERY_ALLOCATED_RANGES = 0x000940CF;
  static final int FSCTL_SET_ZERO_DATA = 0x000980C8;
  static final int FSCTL_SRV_REQUEST_RESUME_KEY = 0x00140078;
  static final int FSCTL_QUERY_NETWORK_INTERFACE_INFO = 0x001401FC;
  static final int FSCTL_SRV_COPYCHUNK = 0x001440F2;
  static final int FSCTL_SRV_COPYCHUNK_WRITE = 0x001480F2;

  /** FILE_DEVICE_NAMED_PIPE: the device type of the pipe FSCTLs (bits 16-31). */
  private static final int DEVICE_NAMED_PIPE = 0x11;

  /** [MS-SMB2] 3.3.3 ServerSideCopyMaxNumberofChunks, MaxChunkSize, MaxDataSize (Windows). */
  static final int MAX_CHUNKS = 256;

  static final int MAX_CHUNK_SIZE = 1 << 20;
  static final int MAX_DATA_SIZE = 16 << 20;

  /** SRV_REQUEST_RESUME_KEY response: key 24, ContextLength 4, 4 bytes of context as Windows. */
  static final int RESUME_KEY_RESPONSE = 32;

  private final FileService fs;
  private final CommandHandler engine;

  FsctlHandler(FileService fs, CommandHandler engine) {
    this.fs = fs;
    this.engine = engine;
  }

  @Override
  public CompletableFuture<Response> handle(RequestContext rc) {
    Smb2IoctlRequest req = Smb2IoctlRequest.decode(rc.message());
    int code = req.ctlCode();
    boolean fsctl = (req.flags() & Smb2IoctlRequest.FLAG_IS_FSCTL) != 0;
    if (fsctl && code == FSCTL_QUERY_NETWORK_INTERFACE_INFO) {
      // clients ask on whatever tree they have, IPC$ included; the FileId must be all ones
      // (3.3.5.15.11; smbtorture smb2.ioctl.bug14788.NETWORK_INTERFACE)
      if (!req.fileId().isAny()) {
        throw fail(NtStatus.INVALID_PARAMETER, "FSCTL_QUERY_NETWORK_INTERFACE_INFO with a FileId");
      }
      return rc.offload(() -> NetworkInterfaces.answer(req));
    }
    if (fsctl && (code == FSCTL_DFS_GET_REFERRALS || code == FSCTL_DFS_GET_REFERRALS_EX)) {
      // [MS-SMB2] 3.3.5.15.2: a server without DFS
      throw fail(NtStatus.FS_DRIVER_REQUIRED, "no DFS");
    }
    if (rc.tree() == null
        || rc.tree().ipc()
        || code == Smb2IoctlRequest.FSCTL_VALIDATE_NEGOTIATE_INFO
        || (code >>> 16) == DEVICE_NAMED_PIPE) {
      return engine.handle(rc);
    }
    if (!fsctl) {
      throw fail(NtStatus.NOT_SUPPORTED, "IOCTL without SMB2_0_IOCTL_IS_FSCTL");
    }
    long maxTransact = rc.server().config().maxTransactSize() & 0xffffffffL;
    if (req.input().length > maxTransact
        || (req.maxOutputResponse() & 0xffffffffL) > maxTransact
        || (req.maxInputResponse() & 0xffffffffL) > maxTransact) {
      throw fail(NtStatus.INVALID_PARAMETER, "IOCTL buffers over MaxTransactSize");
    }
    FileOpen o = fs.lookup(rc, req.fileId());
    switch (code) {
      case FSCTL_SRV_REQUEST_RESUME_KEY:
        if ((req.maxOutputResponse() & 0xffffffffL) < RESUME_KEY_RESPONSE) {
          throw fail(NtStatus.INVALID_PARAMETER, "MaxOutputResponse for the resume key");
        }
        return done(ok(req, b -> b.writeBytes(fs.resumeKey(o)).writeZero(8)));
      case FSCTL_SRV_COPYCHUNK:
      case FSCTL_SRV_COPYCHUNK_WRITE:
        return ServerSideCopy.copy(fs, rc, o, req, code == FSCTL_SRV_COPYCHUNK);
      case FSCTL_SET_SPARSE:
        return rc.offload(() -> Sparse.setSparse(o, req));
      case FSCTL_QUERY_ALLOCATED_RANGES:
        return rc.offload(() -> Sparse.allocatedRanges(o, req));
      case FSCTL_SET_ZERO_DATA:
        return rc.offload(() -> Sparse.zeroData(o, req));
      case FSCTL_GET_REPARSE_POINT:
        throw fail(NtStatus.NOT_A_REPARSE_POINT, "no reparse points");
      case FSCTL_CREATE_OR_GET_OBJECT_ID:
      case FSCTL_GET_OBJECT_ID:
        return rc.offload(() -> ObjectIds.answer(o, req, code == FSCTL_CREATE_OR_GET_OBJECT_ID));
      case FSCTL_GET_COMPRESSION:
        if ((req.maxOutputResponse() & 0xffffffffL) < 2) {
          throw fail(NtStatus.INVALID_PARAMETER, "MaxOutputResponse for the compression state");
        }
        return done(ok(req, b -> b.writeShortLE(0))); // COMPRESSION_FORMAT_NONE
      case FSCTL_SET_COMPRESSION:
        if (req.input().length < 2) {
          throw fail(NtStatus.INVALID_PARAMETER, "FSCTL_SET_COMPRESSION input");
        }
        if ((req.input()[0] | req.input()[1]) != 0) {
          throw fail(NtStatus.NOT_SUPPORTED, "no compression");
        }
        return done(ok(req, b -> {}));
      default:
        throw fail(
            NtStatus.INVALID_DEVICE_REQUEST, "FSCTL 0x" + Integer.toHexString(code) + " unknown");
    }
  }

  /** A successful IOCTL response whose output {@code body} writes. */
  static Response ok(Smb2IoctlRequest req, Consumer<ByteBuf> body) {
    return of(NtStatus.SUCCESS, req, body);
  }

  /** An IOCTL response with {@code status} and the output {@code body} writes. */
  static Response of(NtStatus status, Smb2IoctlRequest req, Consumer<ByteBuf> body) {
    ByteBuf out = Unpooled.buffer();
    body.accept(out);
    Smb2IoctlResponse r =
        new Smb2IoctlResponse(
            req.ctlCode(), req.fileId(), new byte[0], ByteBufUtil.getBytes(out), 0);
    out.release();
    return status == NtStatus.SUCCESS ? Response.ok(r::encode) : Response.of(status, r::encode);
  }

  static CompletableFuture<Response> done(Response r) {
    return CompletableFuture.completedFuture(r);
  }

  /** [MS-SMB2] 3.3.5.15.6 server-side copy (FSCTL_SRV_COPYCHUNK and _WRITE). */
  static final class ServerSideCopy {
    private ServerSideCopy() {}

    static CompletableFuture<Response> copy(
        FileService fs, RequestContext rc, FileOpen dst, Smb2IoctlRequest req, boolean readToo) {
      if ((req.maxOutputResponse() & 0xffffffffL) < SrvCopychunkResponse.LENGTH) {
        throw fail(NtStatus.INVALID_PARAMETER, "MaxOutputResponse for SRV_COPYCHUNK_RESPONSE");
      }
      SrvCopychunkCopy c = SrvCopychunkCopy.decode(req.input(), MAX_CHUNKS);
      long total = 0;
      boolean over = c.overCount();
      for (SrvCopychunkCopy.Chunk ch : c.chunks()) {
        if (over) {
          break;
        }
        if (ch.length() > MAX_CHUNK_SIZE) {
          over = true;
        }
        total += ch.length();
      }
      if (over || total > MAX_DATA_SIZE) {
        SrvCopychunkResponse limits =
            new SrvCopychunkResponse(MAX_CHUNKS, MAX_CHUNK_SIZE, MAX_DATA_SIZE);
        return done(of(NtStatus.INVALID_PARAMETER, req, limits::encode));
      }
      for (SrvCopychunkCopy.Chunk ch : c.chunks()) {
        if (ch.length() == 0 || ch.sourceOffset() < 0 || ch.targetOffset() < 0) {
          // a zero-length chunk is answered like one over the limits (Windows)
          SrvCopychunkResponse limits =
              new SrvCopychunkResponse(MAX_CHUNKS, MAX_CHUNK_SIZE, MAX_DATA_SIZE);
          return done(of(NtStatus.INVALID_PARAMETER, req, limits::encode));
        }
      }
      FileOpen src = fs.byResumeKey(c.sourceKey());
      if (src == null) {
        throw fail(NtStatus.OBJECT_NAME_NOT_FOUND, "unknown resume key");
      }
      if (src.directory || dst.directory) {
        throw fail(NtStatus.INVALID_PARAMETER, "copy chunk of a directory");
      }
      if (!src.has(Access.FILE_READ_DATA | Access.FILE_EXECUTE)) {
        throw fail(NtStatus.ACCESS_DENIED, "source not open for reading");
      }
      if (!dst.has(Access.FILE_WRITE_DATA) || (readToo && !dst.has(Access.FILE_READ_DATA))) {
        throw fail(NtStatus.ACCESS_DENIED, "destination access");
      }
      if (dst.share.readOnly()) {
        throw fail(NtStatus.ACCESS_DENIED, "read-only share");
      }
      return rc.offload(
          () -> {
            // chunk by chunk: a chunk past the source's end stops the copy with
            // STATUS_INVALID_VIEW_SIZE and what was copied before it
            long written = 0;
            int chunks = 0;
            ByteBuffer buf = ByteBuffer.allocateDirect(MAX_CHUNK_SIZE);
            for (SrvCopychunkCopy.Chunk ch : c.chunks()) {
              VfsStat st = io(() -> FileService.stat(src));
              if (ch.sourceOffset() > st.size() - ch.length()) {
                SrvCopychunkResponse r = new SrvCopychunkResponse(chunks, 0, (int) written);
                return of(NtStatus.INVALID_VIEW_SIZE, req, r::encode);
              }
              buf.clear();
              buf.limit((int) ch.length());
              while (buf.hasRemaining()) {
                int n = io(() -> src.vfs.read(src.handle, ch.sourceOffset() + buf.position(), buf));
                if (n <= 0) {
                  SrvCopychunkResponse r = new SrvCopychunkResponse(chunks, 0, (int) written);
                  return of(NtStatus.INVALID_VIEW_SIZE, req, r::encode);
                }
              }
              buf.flip();
              io(() -> dst.vfs.write(dst.handle, ch.targetOffset(), buf, false));
              written += ch.length();
              chunks++;
            }
            SrvCopychunkResponse r = new SrvCopychunkResponse(chunks, 0, (int) written);
            return ok(req, r::encode);
          });
    }
  }
}
