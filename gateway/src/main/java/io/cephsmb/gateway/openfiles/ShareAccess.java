package io.cephsmb.gateway.openfiles;

/**
 * The sharing check of [MS-FSA] 2.1.5.1.2.2 "Algorithm to Check Sharing Access to an Existing
 * Stream or Directory", as a pure function over access and share masks ([MS-SMB2] 2.2.13).
 */
public final class ShareAccess {
  public static final int FILE_READ_DATA = 0x1;
  public static final int FILE_WRITE_DATA = 0x2;
  public static final int FILE_APPEND_DATA = 0x4;
  public static final int FILE_EXECUTE = 0x20;
  public static final int DELETE = 0x10000;

  public static final int FILE_SHARE_READ = 0x1;
  public static final int FILE_SHARE_WRITE = 0x2;
  public static final int FILE_SHARE_DELETE = 0x4;

  /** The access rights that take part in sharing checks. */
  public static final int DATA_ACCESS =
      FILE_READ_DATA | FILE_EXECUTE | FILE_WRITE_DATA | FILE_APPEND_DATA | DELETE;

  private ShareAccess() {}

  /**
   * Whether a new open ({@code access}, {@code share}) conflicts with an existing open of the same
   * stream. Opens without data access neither conflict nor are conflicted with.
   */
  public static boolean conflicts(int access, int share, int existingAccess, int existingShare) {
    if ((access & DATA_ACCESS) == 0 || (existingAccess & DATA_ACCESS) == 0) {
      return false;
    }
    return denies(existingShare, access) || denies(share, existingAccess);
  }

  /**
   * Whether {@code open}, an open of the file itself (the default stream) asking for DELETE, is
   * refused by {@code existing}, an open of one of the file's named streams that does not share
   * delete: deleting the file deletes its streams ([MS-FSA] 2.1.5.1.2; smbtorture
   * smb2.streams.delete). The reverse does not hold: an open of the file without FILE_SHARE_DELETE
   * does not keep a stream from being opened for DELETE.
   */
  public static boolean deleteBlockedByStream(OpenRecord open, OpenRecord existing) {
    return open.stream().isEmpty()
        && !existing.stream().isEmpty()
        && (open.grantedAccess() & DELETE) != 0
        && (existing.grantedAccess() & DATA_ACCESS) != 0
        && (existing.shareAccess() & FILE_SHARE_DELETE) == 0;
  }

  /** Whether a share mode refuses the access of the other side. */
  private static boolean denies(int shareMode, int otherAccess) {
    return ((shareMode & FILE_SHARE_READ) == 0
            && (otherAccess & (FILE_READ_DATA | FILE_EXECUTE)) != 0)
        || ((shareMode & FILE_SHARE_WRITE) == 0
            && (otherAccess & (FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0)
        || ((shareMode & FILE_SHARE_DELETE) == 0 && (otherAccess & DELETE) != 0);
  }
}
