package io.cephsmb.vfs;

/** The type of a file system object, from the {@code S_IFMT} bits of its mode. */
public enum FileType {
  /** {@code S_IFREG}. */
  REGULAR,
  /** {@code S_IFDIR}. */
  DIRECTORY,
  /** {@code S_IFLNK}: never followed by the VFS. */
  SYMLINK,
  /** Anything else (FIFO, socket, device). */
  OTHER;

  /** The type of a POSIX mode. */
  public static FileType ofMode(int mode) {
    switch (mode & 0170000) {
      case 0100000:
        return REGULAR;
      case 0040000:
        return DIRECTORY;
      case 0120000:
        return SYMLINK;
      default:
        return OTHER;
    }
  }
}
