package io.cephsmb.gateway.msdtyp;

/** A malformed SID, ACE, ACL or security descriptor. */
public final class DtypException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What is wrong. */
  public DtypException(String message) {
    super(message);
  }
}
