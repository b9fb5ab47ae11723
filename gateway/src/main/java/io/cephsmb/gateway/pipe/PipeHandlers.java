package io.cephsmb.gateway.pipe;

import io.cephsmb.dcerpc.np.PipeChunk;
import io.cephsmb.dcerpc.np.PipeException;
import io.cephsmb.dcerpc.server.RpcServer;
import io.cephsmb.gateway.mssmb2.FileTimes;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2CloseRequest;
import io.cephsmb.gateway.mssmb2.Smb2CloseResponse;
import io.cephsmb.gateway.mssmb2.Smb2CreateRequest;
import io.cephsmb.gateway.mssmb2.Smb2CreateResponse;
import io.cephsmb.gateway.mssmb2.Smb2FlushRequest;
import io.cephsmb.gateway.mssmb2.Smb2FlushResponse;
import io.cephsmb.gateway.mssmb2.Smb2OutputBufferResponse;
import io.cephsmb.gateway.mssmb2.Smb2QueryDirectoryRequest;
import io.cephsmb.gateway.mssmb2.Smb2QueryInfoRequest;
import io.cephsmb.gateway.mssmb2.Smb2ReadRequest;
import io.cephsmb.gateway.mssmb2.Smb2ReadResponse;
import io.cephsmb.gateway.mssmb2.Smb2SetInfoRequest;
import io.cephsmb.gateway.mssmb2.Smb2SetInfoResponse;
import io.cephsmb.gateway.mssmb2.Smb2WriteRequest;
import io.cephsmb.gateway.mssmb2.Smb2WriteResponse;
import io.cephsmb.gateway.server.CommandHandler;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.Response;
import io.cephsmb.gateway.server.Smb2StatusException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SMB2 commands on a named-pipe open (IPC$ tree connects), one small handler each. */
final class PipeHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(PipeHandlers.class);

  /** FILE_ATTRIBUTE_NORMAL, what a pipe open reports. */
  static final int FILE_ATTRIBUTE_NORMAL = 0x80;

  private PipeHandlers() {}

  /**
   * [MS-SMB2] 3.3.5.9 CREATE on a pipe share: the name ({@code srvsvc} or {@code \PIPE\srvsvc},
   * without case) must be a registered pipe, else STATUS_OBJECT_NAME_NOT_FOUND; a new pipe instance
   * (DCE/RPC connection) is opened, FILE_OPENED. Create contexts are ignored.
   */
  static final class Create implements CommandHandler {
    private final NamedPipes pipes;

    Create(NamedPipes pipes) {
      this.pipes = pipes;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext rc) {
      Smb2CreateRequest req = Smb2CreateRequest.decode(rc.message());
      RpcServer server = pipes.server(req.name());
      if (server == null) {
        LOG.debug("CREATE of unknown pipe {}", req.name());
        return done(Response.error(NtStatus.OBJECT_NAME_NOT_FOUND));
      }
      if ((req.createOptions() & Smb2CreateRequest.FILE_DIRECTORY_FILE) != 0) {
        return done(Response.error(NtStatus.NOT_A_DIRECTORY));
      }
      PipeOpen o = pipes.open(rc, req.name(), server);
      rc.fileCreated(o.fileId());
      Smb2CreateResponse resp =
          new Smb2CreateResponse(
              0,
              0,
              Smb2CreateResponse.FILE_OPENED,
              FileTimes.ZERO,
              2L * PipeInfo.QUOTA,
              0,
              FILE_ATTRIBUTE_NORMAL,
              o.fileId(),
              List.of());
      return done(Response.ok(resp::encode));
    }
  }

  /** [MS-SMB2] 3.3.5.10 CLOSE of a pipe open: the instance and its RPC connection go away. */
  static final class Close implements CommandHandler {
    private final NamedPipes pipes;

    Close(NamedPipes pipes) {
      this.pipes = pipes;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext rc) {
      Smb2CloseRequest req = Smb2CloseRequest.decode(rc.message());
      PipeOpen o = pipes.lookup(rc, req.fileId());
      pipes.close(o);
      Smb2CloseResponse resp =
          (req.flags() & Smb2CloseRequest.POSTQUERY_ATTRIB) == 0
              ? Smb2CloseResponse.EMPTY
              : new Smb2CloseResponse(
                  Smb2CloseRequest.POSTQUERY_ATTRIB,
                  FileTimes.ZERO,
                  2L * PipeInfo.QUOTA,
                  0,
                  FILE_ATTRIBUTE_NORMAL);
      return done(Response.ok(resp::encode));
    }
  }

  /**
   * [MS-SMB2] 3.3.5.12 READ of a pipe: up to Length bytes of the next message; a message longer
   * than Length is answered in parts with STATUS_BUFFER_OVERFLOW. When nothing is there to read the
   * request goes asynchronous at once (interim STATUS_PENDING) and completes when the RPC server
   * answers; CANCEL withdraws it.
   */
  static final class Read implements CommandHandler {
    private final NamedPipes pipes;

    Read(NamedPipes pipes) {
      this.pipes = pipes;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext rc) {
      Smb2ReadRequest req = Smb2ReadRequest.decode(rc.message());
      PipeOpen o = pipes.lookup(rc, req.fileId());
      if (req.length() > rc.server().config().maxReadSize()) {
        throw new Smb2StatusException(NtStatus.INVALID_PARAMETER, "Length over MaxReadSize");
      }
      CompletableFuture<PipeChunk> read = o.endpoint().read((int) req.length());
      return waitFor(rc, o, read, PipeHandlers::readResponse);
    }
  }

  static Response readResponse(PipeChunk c) {
    byte[] data = c.data();
    return Response.of(
        c.overflow() ? NtStatus.BUFFER_OVERFLOW : NtStatus.SUCCESS,
        out -> {
          Smb2ReadResponse.encodeHeader(out, data.length, 0);
          out.writeBytes(data);
          if (data.length == 0) {
            out.writeByte(0);
          }
        });
  }

  /**
   * Answers when {@code read} completes: at once if it has, else asynchronously (interim response
   * now, as Windows does for a pipe read that waits; CANCEL withdraws the read).
   */
  static CompletableFuture<Response> waitFor(
      RequestContext rc,
      PipeOpen o,
      CompletableFuture<PipeChunk> read,
      Function<PipeChunk, Response> answer) {
    if (!read.isDone()) {
      rc.onCancel(() -> o.endpoint().cancelRead(read));
      rc.goAsync();
    }
    CompletableFuture<PipeChunk> onLoop = read.isDone() ? read : rc.onLoop(read);
    return onLoop.handle((c, error) -> c != null ? answer.apply(c) : Response.error(status(error)));
  }

  /** The status for a failed pipe operation. */
  static NtStatus status(Throwable error) {
    Throwable t =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (t instanceof PipeException p) {
      switch (p.kind()) {
        case BUSY:
          return NtStatus.PIPE_BUSY;
        case CLOSED:
          return NtStatus.PIPE_BROKEN;
        default:
          return NtStatus.PIPE_DISCONNECTED;
      }
    }
    if (t instanceof Smb2StatusException s) {
      return s.status();
    }
    LOG.warn("pipe operation failed", t);
    return NtStatus.INTERNAL_ERROR;
  }

  /**
   * [MS-SMB2] 3.3.5.13 WRITE to a pipe: the bytes go to the pipe's RPC connection (PDUs may span
   * writes); a disconnected pipe is STATUS_PIPE_DISCONNECTED.
   */
  static final class Write implements CommandHandler {
    private final NamedPipes pipes;

    Write(NamedPipes pipes) {
      this.pipes = pipes;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext rc) {
      Smb2WriteRequest req = Smb2WriteRequest.decode(rc.message());
      PipeOpen o = pipes.lookup(rc, req.fileId());
      if (req.length() > rc.server().config().maxWriteSize()) {
        throw new Smb2StatusException(NtStatus.INVALID_PARAMETER, "Length over MaxWriteSize");
      }
      try {
        o.endpoint().write(req.data());
      } catch (PipeException e) {
        return done(Response.error(status(e)));
      }
      Smb2WriteResponse resp = new Smb2WriteResponse(req.length());
      return done(Response.ok(resp::encode));
    }
  }

  /** [MS-SMB2] 3.3.5.11 FLUSH of a pipe: nothing is buffered on the server side; success. */
  static final class Flush implements CommandHandler {
    private final NamedPipes pipes;

    Flush(NamedPipes pipes) {
      this.pipes = pipes;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext rc) {
      Smb2FlushRequest req = Smb2FlushRequest.decode(rc.message());
      pipes.lookup(rc, req.fileId());
      return done(Response.ok(new Smb2FlushResponse()::encode));
    }
  }

  /**
   * [MS-SMB2] 3.3.5.20 QUERY_INFO on a pipe: FileStandardInformation, FilePipeInformation and
   * FilePipeLocalInformation ([MS-FSCC] 2.4.41, 2.4.33, 2.4.34); an OutputBufferLength below the
   * structure is STATUS_INFO_LENGTH_MISMATCH; other classes STATUS_NOT_SUPPORTED.
   */
  static final class QueryInfo implements CommandHandler {
    private final NamedPipes pipes;

    QueryInfo(NamedPipes pipes) {
      this.pipes = pipes;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext rc) {
      Smb2QueryInfoRequest req = Smb2QueryInfoRequest.decode(rc.message());
      PipeOpen o = pipes.lookup(rc, req.fileId());
      if (req.infoType() != Smb2QueryInfoRequest.INFO_FILE) {
        return done(Response.error(NtStatus.NOT_SUPPORTED));
      }
      byte[] info;
      switch (req.fileInfoClass()) {
        case PipeInfo.FILE_STANDARD_INFORMATION:
          info = PipeInfo.standard(o.endpoint().readDataAvailable());
          break;
        case PipeInfo.FILE_PIPE_INFORMATION:
          info = PipeInfo.pipe(PipeInfo.MESSAGE, PipeInfo.QUEUE_OPERATION);
          break;
        case PipeInfo.FILE_PIPE_LOCAL_INFORMATION:
          info =
              PipeInfo.local(
                  pipes.instances(o.name()),
                  o.endpoint().readDataAvailable(),
                  o.endpoint().connected());
          break;
        default:
          return done(Response.error(NtStatus.NOT_SUPPORTED));
      }
      if (req.outputBufferLength() < info.length) {
        return done(Response.error(NtStatus.INFO_LENGTH_MISMATCH));
      }
      Smb2OutputBufferResponse resp = new Smb2OutputBufferResponse(info);
      return done(Response.ok(resp::encode));
    }
  }

  /**
   * [MS-SMB2] 3.3.5.21 SET_INFO on a pipe: FilePipeInformation ([MS-FSCC] 2.4.33) with a valid
   * ReadMode and CompletionMode is accepted (the pipe stays in message mode with queued operations,
   * which is what RPC clients set); other classes STATUS_NOT_SUPPORTED.
   */
  static final class SetInfo implements CommandHandler {
    private final NamedPipes pipes;

    SetInfo(NamedPipes pipes) {
      this.pipes = pipes;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext rc) {
      Smb2SetInfoRequest req = Smb2SetInfoRequest.decode(rc.message());
      pipes.lookup(rc, req.fileId());
      if (req.infoType() != Smb2QueryInfoRequest.INFO_FILE
          || req.fileInfoClass() != PipeInfo.FILE_PIPE_INFORMATION) {
        return done(Response.error(NtStatus.NOT_SUPPORTED));
      }
      byte[] b = req.buffer();
      if (b.length < 8) {
        return done(Response.error(NtStatus.INFO_LENGTH_MISMATCH));
      }
      ByteBuf in = Unpooled.wrappedBuffer(b);
      long readMode = in.getUnsignedIntLE(0);
      long completionMode = in.getUnsignedIntLE(4);
      if (readMode > 1 || completionMode > 1) {
        return done(Response.error(NtStatus.INVALID_PARAMETER));
      }
      return done(Response.ok(new Smb2SetInfoResponse()::encode));
    }
  }

  /** Commands a pipe does not support (QUERY_DIRECTORY): STATUS_INVALID_DEVICE_REQUEST. */
  static final class NotOnPipes implements CommandHandler {
    private final NamedPipes pipes;

    NotOnPipes(NamedPipes pipes) {
      this.pipes = pipes;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext rc) {
      Smb2QueryDirectoryRequest req = Smb2QueryDirectoryRequest.decode(rc.message());
      pipes.lookup(rc, req.fileId());
      return done(Response.error(NtStatus.INVALID_DEVICE_REQUEST));
    }
  }

  static CompletableFuture<Response> done(Response r) {
    return CompletableFuture.completedFuture(r);
  }
}
