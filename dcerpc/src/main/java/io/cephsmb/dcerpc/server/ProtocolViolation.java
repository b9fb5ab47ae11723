package io.cephsmb.dcerpc.server;

/**
 * A PDU that breaks the connection's state (fragments out of order, a call_id that does not match,
 * a fragment beyond max_recv_frag): answered with a fault carrying {@link #status} and then the
 * connection is aborted.
 */
final class ProtocolViolation extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  ProtocolViolation(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
