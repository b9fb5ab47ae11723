package io.cephsmb.gateway.server;

/**
 * The connection must be dropped ([MS-SMB2] says "the server MUST disconnect"): bad framing, an
 * unknown protocol, a MessageId outside the window, a failed decryption.
 */
public final class Smb2ConnectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A reason for the log. */
  public Smb2ConnectionException(String message) {
    super(message);
  }
}
