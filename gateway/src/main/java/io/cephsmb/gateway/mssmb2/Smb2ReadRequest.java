package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.19 SMB2 READ Request (the RDMA channel info is not kept: no RDMA here).
 *
 * @param padding Padding (where the client wants the data in the response)
 * @param flags Flags (SMB2_READFLAG_READ_UNBUFFERED 0x01, REQUEST_COMPRESSED 0x02)
 * @param length Length (unsigned)
 * @param offset Offset (unsigned 64-bit)
 * @param fileId FileId
 * @param minimumCount MinimumCount
 * @param channel Channel
 * @param remainingBytes RemainingBytes
 */
public record Smb2ReadRequest(
    int padding,
    int flags,
    long length,
    long offset,
    Smb2FileId fileId,
    long minimumCount,
    int channel,
    int remainingBytes) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 49;

  /** Reads the request. */
  public static Smb2ReadRequest decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 48, "READ");
    int infoOffset = m.getUnsignedShortLE(body + 44);
    int infoLength = m.getUnsignedShortLE(body + 46);
    Smb2Wire.buffer(m, infoOffset, infoLength, Smb2Wire.HEADER + 48, "READ channel info");
    return new Smb2ReadRequest(
        m.getUnsignedByte(body + 2),
        m.getUnsignedByte(body + 3),
        m.getUnsignedIntLE(body + 4),
        m.getLongLE(body + 8),
        Smb2FileId.read(m, body + 16),
        m.getUnsignedIntLE(body + 32),
        m.getIntLE(body + 36),
        m.getIntLE(body + 40));
  }

  /** Writes the body (one zero Buffer byte, as clients send). */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeByte(padding);
    out.writeByte(flags);
    out.writeIntLE((int) length);
    out.writeLongLE(offset);
    fileId.encode(out);
    out.writeIntLE((int) minimumCount);
    out.writeIntLE(channel);
    out.writeIntLE(remainingBytes);
    out.writeShortLE(0);
    out.writeShortLE(0);
    out.writeByte(0);
  }
}
