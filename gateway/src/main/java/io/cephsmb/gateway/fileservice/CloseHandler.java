package io.cephsmb.gateway.fileservice;

import io.cephsmb.gateway.mssmb2.FileTimes;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2CloseRequest;
import io.cephsmb.gateway.mssmb2.Smb2CloseResponse;
import io.cephsmb.gateway.server.CommandHandler;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.Response;
import io.cephsmb.omapkv.Futures;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsStat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * [MS-SMB2] 3.3.5.10 Receiving an SMB2 CLOSE Request: the open leaves the table at once (later
 * requests get STATUS_FILE_CLOSED), then off the event loop the attributes are read if
 * SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB asks for them and the handle is closed, and {@link
 * FileService#closeRecord} removes the share-mode record (asynchronously: no thread waits for
 * RADOS) and a delete-pending file on its last close. An open with nothing for the VFS is closed
 * without leaving the event loop.
 */
final class CloseHandler implements CommandHandler {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CloseHandler.class);

  private final FileService fs;

  CloseHandler(FileService fs) {
    this.fs = fs;
  }

  @Override
  public CompletableFuture<Response> handle(RequestContext rc) {
    Smb2CloseRequest req = Smb2CloseRequest.decode(rc.message());
    FileOpen o = fs.lookup(rc, req.fileId());
    if (!fs.remove(o)) {
      return FileService.failed(FileService.fail(NtStatus.FILE_CLOSED, "closed meanwhile"));
    }
    boolean post = (req.flags() & Smb2CloseRequest.POSTQUERY_ATTRIB) != 0;
    Executor blocking = rc.connection().server().blocking();
    CompletableFuture<Smb2CloseResponse> closed;
    if (!post && !FileService.hasVfsState(o)) {
      // nothing for the VFS (a directory open without a listing): no thread waits for RADOS
      closed = fs.closeRecord(o, blocking).thenApply(v -> Smb2CloseResponse.EMPTY);
    } else {
      try {
        closed =
            CompletableFuture.supplyAsync(
                    () -> {
                      Smb2CloseResponse resp = post ? postQuery(o) : Smb2CloseResponse.EMPTY;
                      fs.closeVfs(o);
                      return resp;
                    },
                    blocking)
                .thenCompose(resp -> fs.closeRecord(o, blocking).thenApply(v -> resp));
      } catch (RejectedExecutionException e) {
        return FileService.failed(
            FileService.fail(NtStatus.INSUFFICIENT_RESOURCES, "blocking executor full"));
      }
    }
    return rc.onLoop(
        closed.handle(
            (resp, e) -> {
              if (e != null) {
                // the handle is closed; a share-mode record left behind by a RADOS failure is
                // removed when this node restarts (OpenFileTable.purgeNode)
                LOG.warn("closing {}: {}", o.path(), Futures.unwrap(e).getMessage());
                return Response.ok(Smb2CloseResponse.EMPTY::encode);
              }
              return Response.ok(resp::encode);
            }));
  }

  /** The attributes SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB asks for (empty if the file is gone). */
  private Smb2CloseResponse postQuery(FileOpen o) {
    try {
      VfsStat st = FileService.stat(o);
      FileTimes t = fs.changeTimes.adjust(Attributes.times(o.vfs, o.path(), st), st);
      int attrs = Attributes.of(o.vfs, o.path(), st);
      return new Smb2CloseResponse(
          Smb2CloseRequest.POSTQUERY_ATTRIB,
          t,
          o.directory ? 0 : st.allocationSize(),
          o.directory ? 0 : st.size(),
          attrs);
    } catch (VfsException e) {
      return Smb2CloseResponse.EMPTY;
    }
  }
}
