package io.cephsmb.dcerpc.server;

/** Thrown (or used to complete a future) by a handler to answer its call with a fault status. */
public final class RpcFaultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public RpcFaultException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The fault status sent to the client. */
  public int status() {
    return status;
  }
}
