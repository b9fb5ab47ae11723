package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.16 SMB2 CLOSE Response; without POSTQUERY_ATTRIB every field after Reserved is 0.
 *
 * @param flags Flags (echoes SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB when the attributes are valid)
 * @param times the four times
 * @param allocationSize AllocationSize
 * @param endOfFile EndofFile
 * @param fileAttributes FileAttributes
 */
public record Smb2CloseResponse(
    int flags, FileTimes times, long allocationSize, long endOfFile, int fileAttributes) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 60;

  /** The response without attributes. */
  public static final Smb2CloseResponse EMPTY = new Smb2CloseResponse(0, FileTimes.ZERO, 0, 0, 0);

  /** Reads the response. */
  public static Smb2CloseResponse decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 60, "CLOSE response");
    return new Smb2CloseResponse(
        m.getUnsignedShortLE(body + 2),
        FileTimes.read(m, body + 8),
        m.getLongLE(body + 40),
        m.getLongLE(body + 48),
        m.getIntLE(body + 56));
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(flags);
    out.writeIntLE(0);
    times.encode(out);
    out.writeLongLE(allocationSize);
    out.writeLongLE(endOfFile);
    out.writeIntLE(fileAttributes);
  }
}
