package io.cephsmb.vfs;

import java.nio.charset.StandardCharsets;

/** Argument checks both implementations share, so they fail the same way. */
public final class VfsChecks {
  /** The {@code user.} prefix plus a name must fit XATTR_NAME_MAX (255). */
  public static final int MAX_XATTR_NAME_BYTES = 255 - 5;

  /** XATTR_SIZE_MAX of Linux. */
  public static final int MAX_XATTR_VALUE_BYTES = 65536;

  private VfsChecks() {}

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
