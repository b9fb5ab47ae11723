package io.cephsmb.gateway.pipe;

import io.cephsmb.dcerpc.np.PipeChunk;
import io.cephsmb.dcerpc.np.PipeException;
import io.cephsmb.dcerpc.np.PipePeek;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2IoctlRequest;
import io.cephsmb.gateway.mssmb2.Smb2IoctlResponse;
import io.cephsmb.gateway.server.CommandHandler;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.Response;
import java.util.concurrent.CompletableFuture;

/**
 * [MS-SMB2] 3.3.5.15 IOCTL on the IPC$ share: the pipe FSCTLs ([MS-SMB2] 3.3.5.15.1 PIPE_PEEK,
 * 3.3.5.15.2 PIPE_TRANSCEIVE, FSCTL_PIPE_WAIT) are served here; any other control code on a pipe
 * open is STATUS_INVALID_DEVICE_REQUEST; everything else (other trees,
 * FSCTL_VALIDATE_NEGOTIATE_INFO on IPC$ with no handle) goes to the handler this one wraps.
 */
final class PipeIoctl implements CommandHandler {
  /** [MS-FSCC] 2.3.47 FSCTL_PIPE_PEEK. */
  static final int FSCTL_PIPE_PEEK = 0x0011400C;

  /** [MS-FSCC] 2.3.51 FSCTL_PIPE_TRANSCEIVE. */
  static final int FSCTL_PIPE_TRANSCEIVE = 0x0011C017;

  /** [MS-FSCC] 2.3.49 FSCTL_PIPE_WAIT. */
  static final int FSCTL_PIPE_WAIT = 0x00110018;

  /** The fixed part of FILE_PIPE_PEEK_BUFFER. */
  static final int PEEK_HEADER = 16;

  private final NamedPipes pipes;
  private final CommandHandler next;

  PipeIoctl(NamedPipes pipes, CommandHandler next) {
    this.pipes = pipes;
    this.next = next;
  }

  @Override
  public CompletableFuture<Response> handle(RequestContext rc) {
    if (rc.tree() == null || !rc.tree().ipc()) {
      return next.handle(rc);
    }
    Smb2IoctlRequest req = Smb2IoctlRequest.decode(rc.message());
    boolean fsctl = (req.flags() & Smb2IoctlRequest.FLAG_IS_FSCTL) != 0;
    if (fsctl && req.ctlCode() == FSCTL_PIPE_WAIT) {
      return PipeHandlers.done(waitFor(req));
    }
    if (fsctl && req.ctlCode() == FSCTL_PIPE_TRANSCEIVE) {
      return transceive(rc, req);
    }
    if (fsctl && req.ctlCode() == FSCTL_PIPE_PEEK) {
      return PipeHandlers.done(peek(pipes.lookup(rc, req.fileId()), req));
    }
    if (pipes.find(rc, req.fileId()) != null) {
      return PipeHandlers.done(Response.error(NtStatus.INVALID_DEVICE_REQUEST));
    }
    return next.handle(rc);
  }

  /**
   * [MS-FSCC] 2.3.49: a pipe that exists always has an instance free, so the wait ends at once; an
   * unknown name is STATUS_OBJECT_NAME_NOT_FOUND, a malformed request STATUS_INVALID_PARAMETER.
   */
  private Response waitFor(Smb2IoctlRequest req) {
    String name = PipeInfo.waitName(req.input());
    if (name == null) {
      return Response.error(NtStatus.INVALID_PARAMETER);
    }
    if (pipes.server(name) == null) {
      return Response.error(NtStatus.OBJECT_NAME_NOT_FOUND);
    }
    return ok(req, new byte[0]);
  }

  /**
   * [MS-SMB2] 3.3.5.15.2: the input is written as one message and the reply read; a reply longer
   * than MaxOutputResponse is answered with its first part and STATUS_BUFFER_OVERFLOW, the rest is
   * read with READ. Unread data in the pipe is STATUS_PIPE_BUSY. The reply may come later: the
   * request goes asynchronous.
   */
  private CompletableFuture<Response> transceive(RequestContext rc, Smb2IoctlRequest req) {
    PipeOpen o = pipes.lookup(rc, req.fileId());
    if (Integer.toUnsignedLong(req.maxOutputResponse()) > rc.server().config().maxTransactSize()) {
      return PipeHandlers.done(Response.error(NtStatus.INVALID_PARAMETER));
    }
    CompletableFuture<PipeChunk> reply;
    try {
      reply = o.endpoint().transceive(req.input(), req.maxOutputResponse());
    } catch (PipeException e) {
      return PipeHandlers.done(Response.error(PipeHandlers.status(e)));
    }
    return PipeHandlers.waitFor(
        rc,
        o,
        reply,
        c -> {
          Response r = ok(req, c.data());
          return c.overflow() ? Response.of(NtStatus.BUFFER_OVERFLOW, r.body()) : r;
        });
  }

  /**
   * [MS-FSCC] 2.3.47/2.3.48: the pipe state, the bytes and messages queued and as much of the head
   * message as fits; less than the 16-byte header is STATUS_BUFFER_TOO_SMALL, a message that does
   * not fit STATUS_BUFFER_OVERFLOW.
   */
  private static Response peek(PipeOpen o, Smb2IoctlRequest req) {
    long max = Integer.toUnsignedLong(req.maxOutputResponse());
    if (max < PEEK_HEADER) {
      return Response.error(NtStatus.BUFFER_TOO_SMALL);
    }
    PipePeek p = o.endpoint().peek((int) Math.min(max - PEEK_HEADER, 1 << 20));
    Response r = ok(req, PipeInfo.peek(p));
    return p.data().length < p.messageLength()
        ? Response.of(NtStatus.BUFFER_OVERFLOW, r.body())
        : r;
  }

  private static Response ok(Smb2IoctlRequest req, byte[] output) {
    Smb2IoctlResponse resp =
        new Smb2IoctlResponse(req.ctlCode(), req.fileId(), new byte[0], output, 0);
    return Response.ok(resp::encode);
  }
}
