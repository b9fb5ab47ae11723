package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2CancelRequest;
import io.cephsmb.gateway.mssmb2.Smb2EchoRequest;
import io.cephsmb.gateway.mssmb2.Smb2EchoResponse;
import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.cephsmb.gateway.mssmb2.Smb2LogoffRequest;
import io.cephsmb.gateway.mssmb2.Smb2LogoffResponse;
import io.cephsmb.gateway.mssmb2.Smb2TreeDisconnectRequest;
import io.cephsmb.gateway.mssmb2.Smb2TreeDisconnectResponse;
import java.util.concurrent.CompletableFuture;

/** The handlers of the commands with 4-byte bodies: LOGOFF, TREE_DISCONNECT, ECHO, CANCEL. */
final class SimpleHandlers {
  private SimpleHandlers() {}

  /**
   * [MS-SMB2] 3.3.5.6 Receiving an SMB2 LOGOFF Request: the session is closed with its tree
   * connects; later requests on it get STATUS_USER_SESSION_DELETED. The response is still signed
   * with its key when signing applies.
   */
  static final class Logoff implements CommandHandler {
    @Override
    public CompletableFuture<Response> handle(RequestContext rc) {
      Smb2LogoffRequest.decode(rc.message());
      SmbSession s = rc.session();
      s.transition(SessionState.CLOSED);
      rc.connection().removeSession(s);
      return CompletableFuture.completedFuture(Response.ok(new Smb2LogoffResponse()::encode));
    }
  }

  /** [MS-SMB2] 3.3.5.8 Receiving an SMB2 TREE_DISCONNECT Request. */
  static final class TreeDisconnect implements CommandHandler {
    @Override
    public CompletableFuture<Response> handle(RequestContext rc) {
      Smb2TreeDisconnectRequest.decode(rc.message());
      if (!rc.session().removeTree(rc.treeId())) {
        return CompletableFuture.completedFuture(Response.error(NtStatus.NETWORK_NAME_DELETED));
      }
      return CompletableFuture.completedFuture(
          Response.ok(new Smb2TreeDisconnectResponse()::encode));
    }
  }

  /** [MS-SMB2] 3.3.5.17 Receiving an SMB2 ECHO Request. */
  static final class Echo implements CommandHandler {
    @Override
    public CompletableFuture<Response> handle(RequestContext rc) {
      Smb2EchoRequest.decode(rc.message());
      return CompletableFuture.completedFuture(Response.ok(new Smb2EchoResponse()::encode));
    }
  }

  /**
   * [MS-SMB2] 3.3.5.16 Receiving an SMB2 CANCEL Request: finds the request by AsyncId (async form)
   * or MessageId (sync form) in the same session and cancels it; the CANCEL itself gets no
   * response.
   */
  static final class Cancel implements CommandHandler {
    @Override
    public CompletableFuture<Response> handle(RequestContext rc) {
      Smb2CancelRequest.decode(rc.message());
      Smb2Header h = rc.header();
      SmbConnection c = rc.connection();
      PendingRequest p =
          h.isAsync() ? c.pendingByAsyncId(h.asyncId()) : c.pendingByMessageId(h.messageId());
      if (p != null && p.sessionId() == h.sessionId()) {
        p.cancel();
      }
      return CompletableFuture.completedFuture(Response.none());
    }
  }
}
