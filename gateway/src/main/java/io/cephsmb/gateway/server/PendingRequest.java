package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.NtStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A request whose handler has not finished: found by MessageId (sync) or AsyncId (after an interim
 * response) when a CANCEL arrives ([MS-SMB2] 3.3.5.16). Event-loop confined.
 */
final class PendingRequest {
  private final long messageId;
  private final long sessionId;
  private final CompletableFuture<Response> result = new CompletableFuture<>();
  private final List<Runnable> cancelHooks = new ArrayList<>();
  private long asyncId;

  PendingRequest(long messageId, long sessionId) {
    this.messageId = messageId;
    this.sessionId = sessionId;
  }

  long messageId() {
    return messageId;
  }

  long sessionId() {
    return sessionId;
  }

  long asyncId() {
    return asyncId;
  }

  void asyncId(long id) {
    asyncId = id;
  }

  /** Completed by the handler or by {@link #cancel}, whichever is first. */
  CompletableFuture<Response> result() {
    return result;
  }

  void onCancel(Runnable hook) {
    cancelHooks.add(hook);
  }

  /** Answers the request with STATUS_CANCELLED and tells the handler. */
  void cancel() {
    if (result.complete(Response.error(NtStatus.CANCELLED))) {
      for (Runnable r : cancelHooks) {
        r.run();
      }
    }
  }
}
