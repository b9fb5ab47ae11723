package io.cephsmb.omapkv;

/** The connection or watch is gone (ENOTCONN). */
public class NotConnectedException extends KvException {
  private static final long serialVersionUID = 1L;

  public NotConnectedException(int errno, String message) {
    super(errno, message);
  }
}
