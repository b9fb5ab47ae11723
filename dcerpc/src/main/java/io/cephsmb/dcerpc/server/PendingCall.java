package io.cephsmb.dcerpc.server;

import java.util.concurrent.CompletableFuture;

/** A dispatched call whose handler has not completed yet. */
final class PendingCall {
  final CallContext context;
  CompletableFuture<byte[]> result;
  boolean orphaned;

  PendingCall(CallContext context) {
    this.context = context;
  }

  /** Signals the handler and cancels its future; {@code orphan} means no response is wanted. */
  void cancel(boolean orphan) {
    orphaned |= orphan;
    context.cancellation().complete(null);
    if (result != null) {
      result.cancel(true);
    }
  }
}
