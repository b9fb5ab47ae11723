package io.cephsmb.dcerpc.server;

import io.cephsmb.dcerpc.ndr.NdrException;
import io.cephsmb.dcerpc.ndr.Operation;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * Binds an {@link Operation} description to its implementation: the request stub is unmarshalled
 * into a map of [in] parameters, the implementation completes with a map of [out] parameters (and
 * {@link Operation#RETURN}), which is marshalled into the response stub. Stub data that does not
 * unmarshal is answered with RPC_X_BAD_STUB_DATA.
 */
public final class OperationHandler implements RpcHandler {
  private final Operation operation;
  private final BiFunction<CallContext, Map<String, Object>, CompletionStage<Map<String, Object>>>
      implementation;

  public OperationHandler(
      Operation operation,
      BiFunction<CallContext, Map<String, Object>, CompletionStage<Map<String, Object>>>
          implementation) {
    this.operation = operation;
    this.implementation = implementation;
  }

  /** The operation's opnum. */
  public int opnum() {
    return operation.opnum();
  }

  @Override
  public CompletionStage<byte[]> invoke(CallContext call, byte[] stub) {
    Map<String, Object> in;
    try {
      in = operation.decodeRequest(stub);
    } catch (NdrException e) {
      return CompletableFuture.failedFuture(
          new RpcFaultException(RpcStatus.BAD_STUB_DATA, e.getMessage()));
    }
    return implementation.apply(call, in).thenApply(operation::encodeResponse);
  }
}
