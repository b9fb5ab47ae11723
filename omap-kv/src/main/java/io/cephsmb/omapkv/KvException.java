package io.cephsmb.omapkv;

/**
 * A failed state-store operation. The subclass says what happened; {@link #errno()} keeps the
 * (positive) errno librados returned, or 0 where none applies. {@link Errno#toException} is the one
 * table from errno to subclass.
 */
public class KvException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int errno;

  public KvException(int errno, String message) {
    super(message);
    this.errno = errno;
  }

  public KvException(int errno, String message, Throwable cause) {
    super(message, cause);
    this.errno = errno;
  }

  /** The positive errno, 0 if none. */
  public int errno() {
    return errno;
  }
}
