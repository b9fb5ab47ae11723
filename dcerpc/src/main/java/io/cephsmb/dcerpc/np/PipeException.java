package io.cephsmb.dcerpc.np;

/** A pipe operation that cannot be done; {@link #kind} says why (the transport maps it). */
public final class PipeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a pipe operation failed. */
  public enum Kind {
    /** The server end went away (RPC protocol error, garbage written): STATUS_PIPE_DISCONNECTED. */
    DISCONNECTED,
    /**
     * The client closed its handle: the operation is void (STATUS_PIPE_BROKEN for a pending one).
     */
    CLOSED,
    /** A transceive while unread data or a read is pending: STATUS_PIPE_BUSY. */
    BUSY,
    /** More output queued than the pipe holds: the pipe is disconnected. */
    OVERFLOW
  }

  private final Kind kind;

  PipeException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /** Why. */
  public Kind kind() {
    return kind;
  }
}
