package io.cephsmb.omapkv;

/**
 * A guard in a compound operation did not hold (ECANCELED, ERANGE, EOVERFLOW, EEXIST); nothing was
 * applied.
 */
public class GuardFailedException extends KvException {
  private static final long serialVersionUID = 1L;

  public GuardFailedException(int errno, String message) {
    super(errno, message);
  }
}
