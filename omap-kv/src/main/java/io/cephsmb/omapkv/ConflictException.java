package io.cephsmb.omapkv;

/** A transaction kept conflicting with concurrent writers and gave up after its retry bound. */
public class ConflictException extends KvException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message, Throwable lastConflict) {
    super(Errno.ECANCELED, message, lastConflict);
  }
}
