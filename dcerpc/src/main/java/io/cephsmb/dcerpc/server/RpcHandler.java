package io.cephsmb.dcerpc.server;

import java.util.concurrent.CompletionStage;

/**
 * One operation's implementation: takes the request stub, completes with the response stub. It may
 * complete much later on any thread; it completes exceptionally with {@link RpcFaultException} to
 * choose a fault status. It should stop work when {@link CallContext#cancellation()} completes.
 */
@FunctionalInterface
public interface RpcHandler {
  CompletionStage<byte[]> invoke(CallContext call, byte[] stub);
}
