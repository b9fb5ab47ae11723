package io.cephsmb.vfs;

import java.util.List;

/**
 * An open directory listing: a cursor that {@link #next(int)} advances batch by batch, each batch
 * read in one pass with the attributes (CephFS: {@code ceph_readdirplus_r}). A stream returns every
 * entry that exists for its whole life exactly once, in batches of any size, however long the gaps
 * between calls (the native cursor is held, not re-found by name); entries created or removed while
 * it is open may or may not appear (POSIX readdir semantics). {@code "."} and {@code ".."} are
 * never returned: the SMB server synthesizes them from {@link Vfs#stat} of the directory and its
 * parent (at the share root both are the root). Not thread-safe: one caller at a time (the SMB
 * server serializes QUERY_DIRECTORY per open).
 */
public interface DirStream extends AutoCloseable {
  /**
   * Up to {@code max} next entries ({@code max >= 1}); an empty list at the end.
   *
   * @throws VfsException {@code EBADF} after {@link #close()}, {@code EINVAL} for {@code max < 1},
   *     or the error of the underlying read
   */
  List<DirEntry> next(int max) throws VfsException;

  /** Starts over from the first entry (SMB2_RESTART_SCANS / SMB2_REOPEN). */
  void rewind() throws VfsException;

  /** The directory listed. */
  VfsPath path();

  @Override
  void close() throws VfsException;
}
