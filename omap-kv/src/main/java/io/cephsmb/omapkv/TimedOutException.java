package io.cephsmb.omapkv;

/** The operation did not complete in time (ETIMEDOUT). */
public class TimedOutException extends KvException {
  private static final long serialVersionUID = 1L;

  public TimedOutException(int errno, String message) {
    super(errno, message);
  }
}
