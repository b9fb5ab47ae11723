package io.cephsmb.dcerpc.server;

import io.cephsmb.dcerpc.pdu.PfcFlags;
import io.cephsmb.dcerpc.pdu.RequestPdu;
import java.io.ByteArrayOutputStream;

/**
 * [C706] 12.6.2 / 12.4.2 reassembles one request from its fragments: a first fragment starts a
 * call, later ones must carry the same call_id, p_cont_id and opnum, the last one completes it; the
 * total is bounded. Fragments of different calls may not interleave. alloc_hint is ignored.
 */
final class CallAssembler {
  private final int maxRequest;
  private RequestPdu first;
  private ByteArrayOutputStream stub;

  CallAssembler(int maxRequest) {
    this.maxRequest = maxRequest;
  }

  /** The call being reassembled, or -1. */
  int callInProgress() {
    return first == null ? -1 : first.callId();
  }

  /** Drops the call being reassembled. */
  void reset() {
    first = null;
    stub = null;
  }

  /**
   * Adds a fragment with its (already verified and unsealed) stub; returns the first fragment and
   * the whole stub when this was the last fragment, or null.
   */
  Assembled add(RequestPdu fragment, byte[] fragmentStub) throws ProtocolViolation {
    boolean isFirst = (fragment.flags() & PfcFlags.FIRST_FRAG) != 0;
    if (isFirst) {
      if (first != null) {
        throw new ProtocolViolation(
            RpcStatus.PROTO_ERROR,
            "call " + fragment.callId() + " starts while call " + first.callId() + " is open");
      }
      first = fragment;
      stub = new ByteArrayOutputStream(Math.min(fragmentStub.length * 2, maxRequest));
    } else if (first == null) {
      throw new ProtocolViolation(
          RpcStatus.PROTO_ERROR, "fragment of call " + fragment.callId() + " without a first");
    } else if (fragment.callId() != first.callId()
        || fragment.contextId() != first.contextId()
        || fragment.opnum() != first.opnum()) {
      throw new ProtocolViolation(
          RpcStatus.PROTO_ERROR,
          "fragment of call " + fragment.callId() + " inside call " + first.callId());
    }
    if (stub.size() + (long) fragmentStub.length > maxRequest) {
      reset();
      throw new ProtocolViolation(
          RpcStatus.FAULT_REMOTE_NO_MEMORY, "request larger than " + maxRequest + " bytes");
    }
    stub.writeBytes(fragmentStub);
    if ((fragment.flags() & PfcFlags.LAST_FRAG) == 0) {
      return null;
    }
    Assembled done = new Assembled(first, stub.toByteArray());
    reset();
    return done;
  }

  /** A complete request: its first fragment (ids, object) and its whole stub. */
  record Assembled(RequestPdu first, byte[] stub) {}
}
