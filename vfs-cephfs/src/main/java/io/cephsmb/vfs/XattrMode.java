package io.cephsmb.vfs;

/** How {@link Vfs#setXattr} treats an existing attribute ({@code setxattr(2)} flags). */
public enum XattrMode {
  /** Create or replace. */
  UPSERT,
  /** {@code XATTR_CREATE}: fail with {@code EEXIST} if it exists. */
  CREATE,
  /** {@code XATTR_REPLACE}: fail with {@code ENODATA} if it does not exist. */
  REPLACE
}
