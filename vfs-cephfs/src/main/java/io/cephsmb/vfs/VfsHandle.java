package io.cephsmb.vfs;

/**
 * An open file or directory of one {@link Vfs}. Using a handle after {@link Vfs#close} fails with
 * {@code EBADF}; a handle is safe to use from several threads at once (positional I/O).
 */
public interface VfsHandle {
  /** The path it was opened by (renames through the VFS do not update it). */
  VfsPath path();

  /** Whether it is a directory handle. */
  boolean isDirectory();

  /** Whether it was opened with {@link OpenFlag#WRITE}. */
  boolean writable();

  /** Whether it was opened with {@link OpenFlag#READ}. */
  boolean readable();

  /** Whether {@link Vfs#close} has run. */
  boolean isClosed();
}
