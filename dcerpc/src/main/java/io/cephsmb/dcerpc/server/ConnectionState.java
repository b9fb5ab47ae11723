package io.cephsmb.dcerpc.server;

/** The states of a {@link ServerConnection}; only {@code ServerConnection} changes them. */
public enum ConnectionState {
  /** Connected; only a bind is acceptable. */
  AWAITING_BIND,
  /** Bound (bind_ack sent): alter_context, auth3, requests, cancels. */
  BOUND,
  /** Closed by the client or aborted after a protocol error; everything is ignored. */
  CLOSED
}
