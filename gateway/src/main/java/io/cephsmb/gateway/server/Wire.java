package io.cephsmb.gateway.server;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.UUID;

/** Small conversions between Java values and their SMB wire forms. */
final class Wire {
  /** Milliseconds from 1601-01-01 (the FILETIME epoch) to 1970-01-01. */
  private static final long FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000L;

  private Wire() {}

  /** [MS-DTYP] 2.3.4 a GUID in its wire layout (the first three fields little-endian). */
  static byte[] guid(UUID u) {
    ByteBuffer b = ByteBuffer.allocate(16);
    long msb = u.getMostSignificantBits();
    b.order(ByteOrder.LITTLE_ENDIAN);
    b.putInt((int) (msb >>> 32));
    b.putShort((short) (msb >>> 16));
    b.putShort((short) msb);
    b.order(ByteOrder.BIG_ENDIAN);
    b.putLong(u.getLeastSignificantBits());
    return b.array();
  }

  /** [MS-DTYP] 2.3.3 FILETIME: 100-ns intervals since 1601-01-01 UTC. */
  static long filetime(Instant t) {
    return (t.toEpochMilli() + FILETIME_EPOCH_OFFSET_MS) * 10_000L;
  }
}
