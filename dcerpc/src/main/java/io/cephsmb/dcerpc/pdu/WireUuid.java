package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.UUID;

/** [C706] appendix A uuid_t in little-endian NDR: time_low, time_mid, time_hi LE, then 8 octets. */
public final class WireUuid {
  /** Encoded length. */
  public static final int LENGTH = 16;

  private WireUuid() {}

  /** Reads a UUID; the caller has checked that 16 bytes are readable. */
  public static UUID read(ByteBuf in) {
    long timeLow = in.readUnsignedIntLE();
    long timeMid = in.readUnsignedShortLE();
    long timeHi = in.readUnsignedShortLE();
    long msb = (timeLow << 32) | (timeMid << 16) | timeHi;
    long lsb = in.readLong();
    return new UUID(msb, lsb);
  }

  /** Writes a UUID. */
  public static void write(ByteBuf out, UUID uuid) {
    long msb = uuid.getMostSignificantBits();
    out.writeIntLE((int) (msb >>> 32));
    out.writeShortLE((int) (msb >>> 16));
    out.writeShortLE((int) msb);
    out.writeLong(uuid.getLeastSignificantBits());
  }
}
