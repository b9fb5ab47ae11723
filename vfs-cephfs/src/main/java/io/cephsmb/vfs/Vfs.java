package io.cephsmb.vfs;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

/**
 * The file-system interface the SMB server calls, relative to one share root. Every path is a
 * {@link VfsPath} (validated components, so {@code ..}, absolute paths and embedded separators
 * cannot even be expressed); every error is a {@link VfsException} with an errno, mapped to
 * NTSTATUS by {@link ErrnoStatus}.
 *
 * <p><b>Symbolic links</b> are never followed. A symlink as an intermediate component fails the
 * call with {@code ELOOP} (scope {@code PARENT}); {@link #open} of a symlink fails with {@code
 * ELOOP} (scope {@code LEAF}). {@link #stat}, {@link #unlink}, {@link #rename} and the xattr, time
 * and permission calls act on the link itself where the file system allows it.
 *
 * <p><b>Blocking:</b> every method blocks on the file system (CephFS: network round trips to the
 * MDS and OSDs). The SMB server calls them through {@link AsyncVfs}, which runs them on a bounded
 * executor and returns {@code CompletableFuture}s; never call them on a Netty event loop.
 *
 * <p><b>Offsets</b> are the SMB unsigned 64-bit values carried in a {@code long}: a negative value
 * (>= 2^63 unsigned), or an offset plus length that passes 2^63-1, fails with {@code EINVAL}.
 */
public interface Vfs extends AutoCloseable {
  /** What this implementation supports beyond the common contract. */
  VfsCapabilities capabilities();

  /**
   * Opens (and with {@link OpenFlag#CREATE} creates, {@code mode} & 07777 applying) a file or, with
   * {@link OpenFlag#DIRECTORY}, a directory. Without READ or WRITE a file is opened for reading
   * only for attribute access. {@code EEXIST} with CREATE+EXCLUSIVE on an existing object, {@code
   * ENOENT} without CREATE on a missing one, {@code EISDIR} when a directory is opened for WRITE or
   * with NON_DIRECTORY, {@code ENOTDIR} when a file is opened with DIRECTORY, {@code ELOOP} for a
   * symlink.
   */
  VfsHandle open(VfsPath path, Set<OpenFlag> flags, int mode) throws VfsException;

  /**
   * Reads at {@code offset} into {@code dst}'s remaining space, advancing its position. Returns the
   * number of bytes read: fewer than asked only at end of file, 0 at or past end of file.
   */
  int read(VfsHandle h, long offset, ByteBuffer dst) throws VfsException;

  /**
   * Writes all of {@code src}'s remaining bytes at {@code offset}, advancing its position, and
   * returns how many. With {@code sync} the data and metadata are durable before it returns
   * (SMB2_WRITEFLAG_WRITE_THROUGH).
   */
  int write(VfsHandle h, long offset, ByteBuffer src, boolean sync) throws VfsException;

  /** Sets the file's size (end of file); {@code EINVAL} for a negative size. */
  void truncate(VfsHandle h, long size) throws VfsException;

  /**
   * Makes {@code length} bytes at {@code offset} read as zeros without changing the file's size,
   * giving the space back where the file system can (FSCTL_SET_ZERO_DATA). The default writes zeros
   * over the part of the range inside the file; CephFS punches a hole ({@code fallocate} with
   * PUNCH_HOLE | KEEP_SIZE).
   */
  default void zeroRange(VfsHandle h, long offset, long length) throws VfsException {
    if (offset < 0 || length < 0) {
      throw new VfsException(Errno.EINVAL, h.path(), "zeroRange");
    }
    long end = Math.min(stat(h).size(), offset + Math.min(length, Long.MAX_VALUE - offset));
    ByteBuffer zeros =
        ByteBuffer.allocateDirect((int) Math.min(1 << 20, Math.max(1, end - offset)));
    for (long off = offset; off < end; ) {
      zeros.clear();
      zeros.limit((int) Math.min(zeros.capacity(), end - off));
      int n = zeros.remaining();
      write(h, off, zeros, false);
      off += n;
    }
  }

  /** Makes the file durable: only data (and the size) with {@code dataOnly}, else everything. */
  void fsync(VfsHandle h, boolean dataOnly) throws VfsException;

  /** Closes the handle; a second close fails with {@code EBADF}. */
  void close(VfsHandle h) throws VfsException;

  /** Attributes of {@code path} without following a symlink at the leaf. */
  VfsStat stat(VfsPath path) throws VfsException;

  /** Attributes of an open handle. */
  VfsStat stat(VfsHandle h) throws VfsException;

  /** Opens a listing of a directory (see {@link DirStream}). */
  DirStream openDir(VfsPath dir) throws VfsException;

  /**
   * Value of the user extended attribute {@code name} (in the {@code user.} namespace; the prefix
   * is added by the implementation); {@code ENODATA} if it does not exist.
   */
  byte[] getXattr(VfsPath path, String name) throws VfsException;

  /** Sets a user extended attribute; see {@link XattrMode} for the create/replace errors. */
  void setXattr(VfsPath path, String name, byte[] value, XattrMode mode) throws VfsException;

  /** Names of the user extended attributes (without the {@code user.} prefix). */
  List<String> listXattrs(VfsPath path) throws VfsException;

  /** Removes a user extended attribute; {@code ENODATA} if it does not exist. */
  void removeXattr(VfsPath path, String name) throws VfsException;

  /**
   * Renames {@code from} to {@code to}. Without {@code replace} an existing {@code to} fails with
   * {@code EEXIST}; with it, {@code to} is replaced atomically as by {@code rename(2)} ({@code
   * ENOTEMPTY}, {@code EISDIR}, {@code ENOTDIR} as there). Renaming a directory below itself or the
   * share root fails with {@code EINVAL}; renaming an object onto itself does nothing.
   */
  void rename(VfsPath from, VfsPath to, boolean replace) throws VfsException;

  /** Removes a non-directory ({@code EISDIR} for a directory). */
  void unlink(VfsPath path) throws VfsException;

  /** Creates a directory ({@code EEXIST} if anything is there). */
  void mkdir(VfsPath path, int mode) throws VfsException;

  /**
   * Removes an empty directory: {@code ENOTEMPTY} if it has entries, {@code ENOTDIR} for a file.
   */
  void rmdir(VfsPath path) throws VfsException;

  /** Usage of the file system holding the share. */
  VfsStatFs statfs() throws VfsException;

  /** Sets the times {@code change} names on {@code path}. */
  void setTimes(VfsPath path, TimeChange change) throws VfsException;

  /** Sets the times {@code change} names on an open handle. */
  void setTimes(VfsHandle h, TimeChange change) throws VfsException;

  /** Sets the permission bits ({@code mode & 07777}). */
  void chmod(VfsPath path, int mode) throws VfsException;

  /** Sets owner and group; -1 leaves one alone. */
  void chown(VfsPath path, int uid, int gid) throws VfsException;

  /**
   * Creates a symbolic link holding {@code target} verbatim (for administration and tests; the VFS
   * never follows it).
   */
  void symlink(VfsPath link, String target) throws VfsException;

  /** The target text of a symbolic link ({@code EINVAL} if {@code path} is not one). */
  String readlink(VfsPath path) throws VfsException;

  /** Releases what this VFS holds of its own (not a shared mount). */
  @Override
  void close() throws VfsException;
}
