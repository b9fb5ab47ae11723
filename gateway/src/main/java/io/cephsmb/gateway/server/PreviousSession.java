package io.cephsmb.gateway.server;

import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * [MS-SMB2] 3.3.5.5.3, PreviousSessionId: once a SESSION_SETUP has authenticated a user, the
 * session it names as PreviousSessionId (found in the GlobalSessionTable, on any connection of this
 * node) is torn down if the same user authenticated it: removed from its connection, its opens
 * closed (share modes and oplocks released, [MS-SMB2] 3.3.4.17 for opens that are not durable), so
 * that the new session can open the same files. A PreviousSessionId equal to the request's own
 * SessionId, unknown, or of a session of another user is ignored and changes nothing. Anonymous and
 * guest logons prove no identity and never tear anything down.
 */
final class PreviousSession {
  private PreviousSession() {}

  /**
   * Tears down {@code previousId} if {@code current}'s user authenticated it; completes on {@code
   * rc}'s event loop when its opens are closed (never exceptionally).
   */
  static CompletableFuture<Void> close(RequestContext rc, SmbSession current, long previousId) {
    CompletableFuture<Void> nothing = CompletableFuture.completedFuture(null);
    if (previousId == 0
        || previousId == current.sessionId()
        || current.isAnonymous()
        || current.isGuest()
        || current.user() == null
        || current.user().isEmpty()) {
      return nothing;
    }
    SmbSession old = rc.server().globalSession(previousId);
    if (old == null) {
      return nothing;
    }
    String user = current.user();
    SmbConnection owner = old.connection();
    if (owner == rc.connection()) {
      return closeIfSameUser(owner, old, user);
    }
    EventLoop loop = owner.eventLoop();
    if (loop == null) {
      return nothing;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      // the old session is confined to its own connection's event loop
      loop.execute(
          () -> {
            CompletableFuture<Void> unused =
                closeIfSameUser(owner, old, user).whenComplete((v, t) -> done.complete(null));
          });
    } catch (RejectedExecutionException e) {
      return nothing; // that connection's loop is gone, and the session with it
    }
    return rc.onLoop(done);
  }

  /** On {@code owner}'s event loop. */
  private static CompletableFuture<Void> closeIfSameUser(
      SmbConnection owner, SmbSession old, String user) {
    if (owner.session(old.sessionId()) != old || !old.isUser(user)) {
      return CompletableFuture.completedFuture(null);
    }
    return owner.closeSession(old);
  }
}
