package io.cephsmb.vfs;

/**
 * What an implementation can do beyond the common contract.
 *
 * @param settableBirthTime {@link Vfs#setTimes} can set the birth time
 * @param xattrs user extended attributes are supported (otherwise the xattr calls fail with {@code
 *     EOPNOTSUPP})
 * @param maxXattrValueBytes the largest value one xattr may hold, as far as known (-1 unknown)
 * @param preEpochTimes times before 1970 (and after 2106) can be stored; CephFS keeps seconds as an
 *     unsigned 32-bit number, so there {@link Vfs#setTimes} refuses them with {@code EINVAL}
 */
public record VfsCapabilities(
    boolean settableBirthTime, boolean xattrs, int maxXattrValueBytes, boolean preEpochTimes) {}
