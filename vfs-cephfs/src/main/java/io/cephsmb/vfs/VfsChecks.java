package io.cephsmb.vfs;

import java.nio.charset.StandardCharsets;

/** Argument checks both implementations share, so they fail the same way. */
public final class VfsChecks {
  /** The {@code user.} prefix plus a name must fit XATTR_NAME_MAX (255). */
  public static final int MAX_XATTR_NAME_BYTES = 255 - 5;

  /** XATTR_SIZE_MAX of Linux. */
  public static final int MAX_XATTR_VALUE_BYTES = 65536;

  private VfsChecks() {}

  /** Looks up what exists at a path without following a symlink; null if nothing. */
  public interface Lookup {
    VfsStat lstatOrNull(VfsPath p) throws VfsException;
  }

  /**
   * What an open will do, decided the same way by both implementations.
   *
   * @param read the caller reads (a write-only open still gets read access when false and {@code
   *     write} is false: see {@link #readable()})
   * @param write the caller writes
   * @param create create if missing
   * @param exclusive fail if it exists
   * @param truncate truncate an existing file
   * @param directory the open is of a directory (asked for, or what exists)
   * @param exists something exists at the path (never known for an exclusive create)
   */
  public record OpenPlan(
      boolean read,
      boolean write,
      boolean create,
      boolean exclusive,
      boolean truncate,
      boolean directory,
      boolean exists) {

    /** Whether the handle may read: directories and opens that ask for neither side do. */
    public boolean readable() {
      return directory || read || !write;
    }

    /** Whether a directory must be made before it is opened. */
    public boolean mkdirFirst() {
      return directory && create && !exists;
    }
  }

  /**
   * Validates the open flags against what exists at {@code path} (looked up only when it matters):
   * EINVAL for contradictory flags, ELOOP for a symlink, ENOTDIR / EISDIR for the wrong kind,
   * ENOENT when it is missing and not to be created, EEXIST for an exclusive create of the share
   * root.
   */
  public static OpenPlan planOpen(VfsPath path, java.util.Set<OpenFlag> flags, Lookup lookup)
      throws VfsException {
    boolean wantDir = flags.contains(OpenFlag.DIRECTORY);
    boolean create = flags.contains(OpenFlag.CREATE);
    boolean excl = create && flags.contains(OpenFlag.EXCLUSIVE);
    boolean write = flags.contains(OpenFlag.WRITE);
    if (wantDir && flags.contains(OpenFlag.NON_DIRECTORY)) {
      throw new VfsException(Errno.EINVAL, path, "DIRECTORY and NON_DIRECTORY");
    }
    if (flags.contains(OpenFlag.TRUNCATE) && !write) {
      throw new VfsException(Errno.EINVAL, path, "TRUNCATE without WRITE");
    }
    VfsStat existing = excl ? null : lookup.lstatOrNull(path);
    if (existing != null) {
      if (existing.type() == FileType.SYMLINK) {
        throw new VfsException(Errno.ELOOP, path, "is a symlink");
      }
      if (wantDir && existing.type() != FileType.DIRECTORY) {
        throw new VfsException(Errno.ENOTDIR, path, "not a directory");
      }
      if (existing.type() == FileType.DIRECTORY
          && (write || flags.contains(OpenFlag.NON_DIRECTORY))) {
        throw new VfsException(Errno.EISDIR, path, "is a directory");
      }
    } else if (!create) {
      throw new VfsException(Errno.ENOENT, path, "open");
    }
    boolean dir = wantDir || (existing != null && existing.type() == FileType.DIRECTORY);
    if (dir && path.isRoot() && excl) {
      throw new VfsException(Errno.EEXIST, path, "share root");
    }
    return new OpenPlan(
        flags.contains(OpenFlag.READ),
        write,
        create,
        excl,
        flags.contains(OpenFlag.TRUNCATE),
        dir,
        existing != null);
  }

  /** {@code EINVAL} unless {@code offset >= 0} and {@code offset + length} fits in a long. */
  public static void checkRange(VfsHandle h, long offset, long length) throws VfsException {
    if (offset < 0) {
      throw new VfsException(Errno.EINVAL, h.path(), "offset " + Long.toUnsignedString(offset));
    }
    if (length < 0 || offset + length < 0) {
      throw new VfsException(
          Errno.EINVAL, h.path(), "offset " + offset + " + length " + length + " past 2^63-1");
    }
  }

  /** {@code EINVAL} for a negative size. */
  public static void checkSize(VfsHandle h, long size) throws VfsException {
    if (size < 0) {
      throw new VfsException(Errno.EINVAL, h.path(), "size " + Long.toUnsignedString(size));
    }
  }

  /** Validates a user xattr name (without prefix): non-empty, no NUL, at most 250 bytes. */
  public static void checkXattrName(VfsPath p, String name) throws VfsException {
    if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new VfsException(Errno.EINVAL, p, "bad xattr name");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_XATTR_NAME_BYTES) {
      throw new VfsException(Errno.ERANGE, p, "xattr name too long");
    }
  }

  /** {@code E2BIG} for a value over 64 KiB. */
  public static void checkXattrValue(VfsPath p, byte[] value) throws VfsException {
    if (value.length > MAX_XATTR_VALUE_BYTES) {
      throw new VfsException(Errno.E2BIG, p, "xattr value of " + value.length + " bytes");
    }
  }

  /** The checks of {@link Vfs#rename} that need no file system. */
  public static void checkRename(VfsPath from, VfsPath to) throws VfsException {
    if (from.isRoot() || to.isRoot()) {
      throw new VfsException(Errno.EINVAL, from.isRoot() ? from : to, "rename of the share root");
    }
    if (!from.equals(to) && from.isPrefixOf(to)) {
      throw new VfsException(Errno.EINVAL, to, "rename below itself");
    }
  }
}
