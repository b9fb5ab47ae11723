package io.cephsmb.omapkv;

/**
 * This client and cookie do not hold the lock (ENOENT from cls_lock, or MUST_RENEW on a lost lock).
 */
public class LockNotHeldException extends KvException {
  private static final long serialVersionUID = 1L;

  public LockNotHeldException(int errno, String message) {
    super(errno, message);
  }
}
