package io.cephsmb.vfs;

/**
 * Times to set ({@link Vfs#setTimes}); a {@code null} field leaves that time alone. Nanoseconds
 * since the Unix epoch (negative values are before 1970).
 *
 * @param accessTimeNanos new atime or null
 * @param modifyTimeNanos new mtime or null
 * @param birthTimeNanos new btime or null ({@link VfsCapabilities#settableBirthTime()} says if the
 *     implementation can; otherwise {@code EOPNOTSUPP})
 */
public record TimeChange(Long accessTimeNanos, Long modifyTimeNanos, Long birthTimeNanos) {
  public static TimeChange none() {
    return new TimeChange(null, null, null);
  }

  public boolean isEmpty() {
    return accessTimeNanos == null && modifyTimeNanos == null && birthTimeNanos == null;
  }
}
