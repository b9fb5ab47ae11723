package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.20 SMB2 READ Response; the data follows the 16-byte fixed part (DataOffset 0x50).
 *
 * @param data the data read
 * @param dataRemaining DataRemaining (0 unless RDMA)
 */
public record Smb2ReadResponse(byte[] data, int dataRemaining) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 17;

  /** DataOffset: right after the fixed part. */
  public static final int DATA_OFFSET = Smb2Wire.HEADER + 16;

  /** Copies the data. */
  public Smb2ReadResponse {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** Reads the response. */
  public static Smb2ReadResponse decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 16, "READ response");
    int offset = m.getUnsignedByte(body + 2);
    long length = m.getUnsignedIntLE(body + 4);
    int at = Smb2Wire.buffer(m, offset, length, DATA_OFFSET, "READ data");
    return new Smb2ReadResponse(Smb2Wire.bytes(m, at, (int) length), m.getIntLE(body + 8));
  }

  /**
   * Writes the fixed part of a response carrying {@code length} bytes (the caller appends them).
   */
  public static void encodeHeader(ByteBuf out, int length, int dataRemaining) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeByte(DATA_OFFSET);
    out.writeByte(0);
    out.writeIntLE(length);
    out.writeIntLE(dataRemaining);
    out.writeIntLE(0);
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    encodeHeader(out, data.length, dataRemaining);
    out.writeBytes(data);
    if (data.length == 0) {
      out.writeByte(0);
    }
  }
}
