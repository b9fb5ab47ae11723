package io.cephsmb.dcerpc.server;

import io.cephsmb.dcerpc.auth.AuthLevel;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What a handler knows about its call: ids, the association group (for state shared by the
 * connections of one client, e.g. context handles), the auth level and principal, and a signal that
 * completes when the call is cancelled (co_cancel, orphaned, or the client disconnected), and what
 * the transport knows about the client (ncacn_np: the SMB user and session key).
 */
public record CallContext(
    int callId,
    int contextId,
    int opnum,
    Optional<UUID> object,
    AssociationGroup group,
    AuthLevel authLevel,
    String principal,
    CompletableFuture<Void> cancellation,
    TransportIdentity transport) {
  /** A call context without a transport identity (TCP). */
  public CallContext(
      int callId,
      int contextId,
      int opnum,
      Optional<UUID> object,
      AssociationGroup group,
      AuthLevel authLevel,
      String principal,
      CompletableFuture<Void> cancellation) {
    this(
        callId,
        contextId,
        opnum,
        object,
        group,
        authLevel,
        principal,
        cancellation,
        TransportIdentity.NONE);
  }

  /** True once the call has been cancelled. */
  public boolean isCancelled() {
    return cancellation.isDone();
  }
}
