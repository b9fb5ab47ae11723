package io.cephsmb.dcerpc.auth;

/** An authentication leg that failed or a PDU whose verifier does not check out. */
public final class AuthException extends Exception {
  private static final long serialVersionUID = 1L;

  public AuthException(String message) {
    super(message);
  }
}
