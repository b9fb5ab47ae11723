package io.cephsmb.gateway.fileservice;

/** [MS-SMB2] 2.2.13.1 access masks and the generic mapping of [MS-FSA] for files. */
final class Access {
  static final int FILE_READ_DATA = 0x1;
  static final int FILE_WRITE_DATA = 0x2;
  static final int FILE_APPEND_DATA = 0x4;
  static final int FILE_READ_EA = 0x8;
  static final int FILE_WRITE_EA = 0x10;
  static final int FILE_EXECUTE = 0x20;
  static final int FILE_DELETE_CHILD = 0x40;
  static final int FILE_READ_ATTRIBUTES = 0x80;
  static final int FILE_WRITE_ATTRIBUTES = 0x100;
  static final int DELETE = 0x10000;
  static final int READ_CONTROL = 0x20000;
  static final int SYNCHRONIZE = 0x100000;
  static final int ACCESS_SYSTEM_SECURITY = 0x1000000;
  static final int MAXIMUM_ALLOWED = 0x2000000;
  static final int GENERIC_ALL = 0x10000000;
  static final int GENERIC_EXECUTE = 0x20000000;
  static final int GENERIC_WRITE = 0x40000000;
  static final int GENERIC_READ = 0x80000000;

  /** FILE_ALL_ACCESS. */
  static final int FILE_ALL_ACCESS = 0x001F01FF;

  /** FILE_GENERIC_READ. */
  static final int FILE_GENERIC_READ = 0x00120089;

  /** FILE_GENERIC_WRITE. */
  static final int FILE_GENERIC_WRITE = 0x00120116;

  /** FILE_GENERIC_EXECUTE. */
  static final int FILE_GENERIC_EXECUTE = 0x001200A0;

  /** What a read-only share grants at most: read and execute. */
  static final int READ_ONLY_SHARE = FILE_GENERIC_READ | FILE_GENERIC_EXECUTE;

  /** The bits a valid DesiredAccess may have ([MS-SMB2] 3.3.5.9: others are ACCESS_DENIED). */
  static final int VALID =
      FILE_ALL_ACCESS
          | 0x000C0000
          | ACCESS_SYSTEM_SECURITY
          | MAXIMUM_ALLOWED
          | GENERIC_ALL
          | GENERIC_EXECUTE
          | GENERIC_WRITE
          | GENERIC_READ;

  private Access() {}

  /** The generic bits mapped to file rights (MAXIMUM_ALLOWED stays). */
  static int mapGeneric(int desired) {
    int m = desired & ~(GENERIC_ALL | GENERIC_EXECUTE | GENERIC_WRITE | GENERIC_READ);
    if ((desired & GENERIC_ALL) != 0) {
      m |= FILE_ALL_ACCESS;
    }
    if ((desired & GENERIC_READ) != 0) {
      m |= FILE_GENERIC_READ;
    }
    if ((desired & GENERIC_WRITE) != 0) {
      m |= FILE_GENERIC_WRITE;
    }
    if ((desired & GENERIC_EXECUTE) != 0) {
      m |= FILE_GENERIC_EXECUTE;
    }
    return m;
  }

  /**
   * The maximal access of an open, the rule that stands in for ACLs (the gateway acts on CephFS
   * with one Ceph identity, so POSIX permissions are not checked per SMB user): a read-only share
   * grants {@link #READ_ONLY_SHARE}; otherwise FILE_ALL_ACCESS, minus FILE_WRITE_DATA and
   * FILE_APPEND_DATA when the file has no POSIX write bit for anyone or carries the DOS READONLY
   * attribute (a directory keeps them: READONLY means nothing for directories).
   */
  static int maximal(boolean readOnlyShare, boolean exists, boolean directory, int mode, int dos) {
    if (readOnlyShare) {
      return READ_ONLY_SHARE;
    }
    int m = FILE_ALL_ACCESS;
    if (exists && !directory && ((mode & 0222) == 0 || (dos & Attributes.READONLY) != 0)) {
      m &= ~(FILE_WRITE_DATA | FILE_APPEND_DATA);
    }
    return m;
  }
}
