package io.cephsmb.vfs;

/**
 * The attributes of one object, as SMB needs them (FILE_BASIC/STANDARD/INTERNAL/NETWORK_OPEN
 * information). Times are nanoseconds since the Unix epoch, UTC.
 *
 * @param ino inode number (the SMB FileId / IndexNumber)
 * @param size end of file in bytes
 * @param allocationSize allocated bytes ({@code blocks * 512})
 * @param birthTimeNanos creation time (CephFS btime)
 * @param accessTimeNanos last access time
 * @param modifyTimeNanos last write time
 * @param changeTimeNanos last inode change time (ctime)
 * @param nlink link count
 * @param mode POSIX mode including the type bits
 * @param uid owner
 * @param gid group
 * @param type the object's type
 * @param changeAttribute the inode's change attribute (CephFS {@code change_attr}, statx {@code
 *     stx_version}): it grows by one with every change of data or metadata; -1 where unknown
 */
public record VfsStat(
    long ino,
    long size,
    long allocationSize,
    long birthTimeNanos,
    long accessTimeNanos,
    long modifyTimeNanos,
    long changeTimeNanos,
    long nlink,
    int mode,
    int uid,
    int gid,
    FileType type,
    long changeAttribute) {

  /** Attributes without a change attribute (-1). */
  public VfsStat(
      long ino,
      long size,
      long allocationSize,
      long birthTimeNanos,
      long accessTimeNanos,
      long modifyTimeNanos,
      long changeTimeNanos,
      long nlink,
      int mode,
      int uid,
      int gid,
      FileType type) {
    this(
        ino,
        size,
        allocationSize,
        birthTimeNanos,
        accessTimeNanos,
        modifyTimeNanos,
        changeTimeNanos,
        nlink,
        mode,
        uid,
        gid,
        type,
        -1);
  }

  public boolean isDirectory() {
    return type == FileType.DIRECTORY;
  }

  /** The permission bits ({@code mode & 07777}). */
  public int permissions() {
    return mode & 07777;
  }
}
