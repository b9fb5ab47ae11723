package io.cephsmb.vfs;

/**
 * The Linux (x86-64 and arm64 generic) errno values the VFS reports. libcephfs returns them
 * negated; the local implementation derives them from java.nio exceptions or libc.
 */
public final class Errno {
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int EIO = 5;
  public static final int E2BIG = 7;
  public static final int EBADF = 9;
  public static final int EAGAIN = 11;
  public static final int ENOMEM = 12;
  public static final int EACCES = 13;
  public static final int EBUSY = 16;
  public static final int EEXIST = 17;
  public static final int EXDEV = 18;
  public static final int ENOTDIR = 20;
  public static final int EISDIR = 21;
  public static final int EINVAL = 22;
  public static final int ENFILE = 23;
  public static final int EMFILE = 24;
  public static final int ETXTBSY = 26;
  public static final int EFBIG = 27;
  public static final int ENOSPC = 28;
  public static final int EROFS = 30;
  public static final int EMLINK = 31;
  public static final int ERANGE = 34;
  public static final int ENAMETOOLONG = 36;
  public static final int ENOSYS = 38;
  public static final int ENOTEMPTY = 39;
  public static final int ELOOP = 40;

  /** Also {@code ENOATTR}: the extended attribute does not exist. */
  public static final int ENODATA = 61;

  public static final int EOPNOTSUPP = 95;
  public static final int ENOTCONN = 107;
  public static final int ESHUTDOWN = 108;
  public static final int ETIMEDOUT = 110;
  public static final int ESTALE = 116;
  public static final int EDQUOT = 122;

  private Errno() {}

  /** The symbolic name of {@code errno}, or {@code "errno <n>"}. */
  public static String name(int errno) {
    switch (errno) {
      case EPERM:
        return "EPERM";
      case ENOENT:
        return "ENOENT";
      case EIO:
        return "EIO";
      case E2BIG:
        return "E2BIG";
      case EBADF:
        return "EBADF";
      case EAGAIN:
        return "EAGAIN";
      case ENOMEM:
        return "ENOMEM";
      case EACCES:
        return "EACCES";
      case EBUSY:
        return "EBUSY";
      case EEXIST:
        return "EEXIST";
      case EXDEV:
        return "EXDEV";
      case ENOTDIR:
        return "ENOTDIR";
      case EISDIR:
        return "EISDIR";
      case EINVAL:
        return "EINVAL";
      case ENFILE:
        return "ENFILE";
      case EMFILE:
        return "EMFILE";
      case ETXTBSY:
        return "ETXTBSY";
      case EFBIG:
        return "EFBIG";
      case ENOSPC:
        return "ENOSPC";
      case EROFS:
        return "EROFS";
      case EMLINK:
        return "EMLINK";
      case ERANGE:
        return "ERANGE";
      case ENAMETOOLONG:
        return "ENAMETOOLONG";
      case ENOSYS:
        return "ENOSYS";
      case ENOTEMPTY:
        return "ENOTEMPTY";
      case ELOOP:
        return "ELOOP";
      case ENODATA:
        return "ENODATA";
      case EOPNOTSUPP:
        return "EOPNOTSUPP";
      case ENOTCONN:
        return "ENOTCONN";
      case ESHUTDOWN:
        return "ESHUTDOWN";
      case ETIMEDOUT:
        return "ETIMEDOUT";
      case ESTALE:
        return "ESTALE";
      case EDQUOT:
        return "EDQUOT";
      default:
        return "errno " + errno;
    }
  }
}
