package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * The four FILETIMEs (100-ns intervals since 1601-01-01 UTC, [MS-DTYP] 2.3.3) that CREATE, CLOSE
 * and the [MS-FSCC] 2.4 information classes carry, in their wire order.
 *
 * @param creation CreationTime
 * @param lastAccess LastAccessTime
 * @param lastWrite LastWriteTime
 * @param change ChangeTime
 */
public record FileTimes(long creation, long lastAccess, long lastWrite, long change) {
  /** All zero (CLOSE without POSTQUERY_ATTRIB). */
  public static final FileTimes ZERO = new FileTimes(0, 0, 0, 0);

  /** 100-ns intervals between 1601-01-01 and 1970-01-01. */
  public static final long EPOCH_DIFF = 116444736000000000L;

  /** A FILETIME from nanoseconds since 1970. */
  public static long fromUnixNanos(long nanos) {
    return Math.floorDiv(nanos, 100) + EPOCH_DIFF;
  }

  /** Nanoseconds since 1970 from a FILETIME. */
  public static long toUnixNanos(long filetime) {
    return (filetime - EPOCH_DIFF) * 100;
  }

  /** Reads 32 bytes at an absolute index, already checked. */
  public static FileTimes read(ByteBuf m, int index) {
    return new FileTimes(
        m.getLongLE(index),
        m.getLongLE(index + 8),
        m.getLongLE(index + 16),
        m.getLongLE(index + 24));
  }

  /** Writes 32 bytes. */
  public void encode(ByteBuf out) {
    out.writeLongLE(creation);
    out.writeLongLE(lastAccess);
    out.writeLongLE(lastWrite);
    out.writeLongLE(change);
  }
}
