package io.cephsmb.vfs;

/**
 * What an implementation can do beyond the common contract.
 *
 * @param settableBirthTime {@link Vfs#setTimes} can set the birth time
 * @param xattrs user extended attributes are supported (otherwise the xattr calls fail with {@code
 *     EOPNOTSUPP})
 * @param maxXattrValueBytes the largest value one xattr may hold, as far as known (-1 unknown)
 */
public record VfsCapabilities(boolean settableBirthTime, boolean xattrs, int maxXattrValueBytes) {}
