package io.cephsmb.omapkv;

/**
 * The one table from librados return codes to {@link KvException} subclasses. librados returns
 * negative errno values; the table takes either sign.
 */
public final class Errno {
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int EIO = 5;
  public static final int EACCES = 13;
  public static final int EBUSY = 16;
  public static final int EEXIST = 17;
  public static final int EINVAL = 22;
  public static final int ERANGE = 34;
  public static final int ENODATA = 61;
  public static final int EOVERFLOW = 75;
  public static final int EOPNOTSUPP = 95;
  public static final int ESHUTDOWN = 108;
  public static final int ETIMEDOUT = 110;
  public static final int ENOTCONN = 107;
  public static final int ECANCELED = 125;

  /** Ceph's EBLOCKLISTED is ESHUTDOWN. */
  public static final int EBLOCKLISTED = ESHUTDOWN;

  private Errno() {}

  /**
   * The exception for a librados return code in the context of a plain object operation.
   *
   * @param rc the return code (negative or positive errno)
   * @param what the operation and object, for the message
   */
  public static KvException toException(int rc, String what) {
    int e = Math.abs(rc);
    String msg = what + ": " + name(e) + " (" + e + ")";
    return switch (e) {
      case ENOENT -> new ObjectNotFoundException(e, msg);
      case ECANCELED, ERANGE, EOVERFLOW, EEXIST -> new GuardFailedException(e, msg);
      case ESHUTDOWN -> new BlocklistedException(e, msg);
      case ETIMEDOUT -> new TimedOutException(e, msg);
      case EBUSY -> new LockBusyException(e, msg);
      case ENOTCONN -> new NotConnectedException(e, msg);
      case EPERM, EACCES -> new PermissionDeniedException(e, msg);
      case EINVAL, EOPNOTSUPP -> new InvalidArgumentException(e, msg);
      default -> new KvException(e, msg);
    };
  }

  /**
   * The exception for a cls_lock call ({@code lock}, {@code unlock}, {@code assert_locked}): there
   * EBUSY and EEXIST mean another holder, ENOENT means the lock is not ours.
   */
  public static KvException lockException(int rc, String what) {
    int e = Math.abs(rc);
    String msg = what + ": " + name(e) + " (" + e + ")";
    return switch (e) {
      case EBUSY, EEXIST -> new LockBusyException(e, msg);
      case ENOENT -> new LockNotHeldException(e, msg);
      default -> toException(rc, what);
    };
  }

  /** The symbolic name of a positive errno, or "errno N". */
  public static String name(int e) {
    return switch (e) {
      case EPERM -> "EPERM";
      case ENOENT -> "ENOENT";
      case EIO -> "EIO";
      case EACCES -> "EACCES";
      case EBUSY -> "EBUSY";
      case EEXIST -> "EEXIST";
      case EINVAL -> "EINVAL";
      case ERANGE -> "ERANGE";
      case ENODATA -> "ENODATA";
      case EOVERFLOW -> "EOVERFLOW";
      case EOPNOTSUPP -> "EOPNOTSUPP";
      case ENOTCONN -> "ENOTCONN";
      case ESHUTDOWN -> "ESHUTDOWN (blocklisted)";
      case ETIMEDOUT -> "ETIMEDOUT";
      case ECANCELED -> "ECANCELED";
      default -> "errno " + e;
    };
  }
}
