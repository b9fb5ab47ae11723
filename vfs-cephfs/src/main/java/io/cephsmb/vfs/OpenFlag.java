package io.cephsmb.vfs;

/** Flags of {@link Vfs#open}. */
public enum OpenFlag {
  /** Open for reading. */
  READ,
  /** Open for writing. */
  WRITE,
  /** Create the object if it does not exist (a directory with {@link #DIRECTORY}). */
  CREATE,
  /** With {@link #CREATE}: fail with {@code EEXIST} if it exists. */
  EXCLUSIVE,
  /** Truncate a regular file to 0 bytes (needs {@link #WRITE}). */
  TRUNCATE,
  /** The object must be a directory ({@code ENOTDIR} otherwise); no READ/WRITE data access. */
  DIRECTORY,
  /** The object must not be a directory ({@code EISDIR} otherwise). */
  NON_DIRECTORY
}
