package io.cephsmb.vfs;

/**
 * The one error the VFS throws: an errno, the share-relative path it concerns (may be empty for
 * handle operations whose path is unknown), and the {@link Scope} that tells the errno to NTSTATUS
 * table whether the leaf or one of its parent directories failed.
 */
public final class VfsException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Which part of the path an error is about. */
  public enum Scope {
    /** The named object itself (or the handle's object). */
    LEAF,
    /** A directory on the way to the named object (missing, not a directory, a symlink). */
    PARENT
  }

  private final int errno;
  private final String path;
  private final Scope scope;

  public VfsException(int errno, String path, Scope scope, String detail) {
    super(
        Errno.name(errno)
            + " "
            + scope.name().toLowerCase(java.util.Locale.ROOT)
            + " '"
            + path
            + "'"
            + (detail == null || detail.isEmpty() ? "" : ": " + detail));
    this.errno = errno;
    this.path = path;
    this.scope = scope;
  }

  public VfsException(int errno, String path, String detail) {
    this(errno, path, Scope.LEAF, detail);
  }

  public VfsException(int errno, VfsPath path, String detail) {
    this(errno, path.toString(), Scope.LEAF, detail);
  }

  /** The positive errno. */
  public int errno() {
    return errno;
  }

  /** The share-relative path ({@code a/b/c}), {@code ""} for the share root. */
  public String path() {
    return path;
  }

  public Scope scope() {
    return scope;
  }

  /** The NTSTATUS this error maps to ({@link ErrnoStatus#of(VfsException)}). */
  public NtStatusCode ntStatus() {
    return ErrnoStatus.of(this);
  }
}
