package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.NtStatus;

/**
 * A request failed with a status: its scope is the one request (the connection stays up). Handlers
 * complete their futures exceptionally with it, or throw it.
 */
public final class Smb2StatusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final NtStatus status;

  /** A failure with {@code status}. */
  public Smb2StatusException(NtStatus status, String message) {
    super(message);
    this.status = status;
  }

  /** The status for the client. */
  public NtStatus status() {
    return status;
  }
}
