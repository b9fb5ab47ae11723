package io.cephsmb.omapkv;

/** Another client or cookie holds the lock (EBUSY, EEXIST from cls_lock). */
public class LockBusyException extends KvException {
  private static final long serialVersionUID = 1L;

  public LockBusyException(int errno, String message) {
    super(errno, message);
  }
}
