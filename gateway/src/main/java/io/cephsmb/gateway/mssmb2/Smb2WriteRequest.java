package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.21 SMB2 WRITE Request (the RDMA channel info is not kept: no RDMA here).
 *
 * @param offset Offset (unsigned 64-bit)
 * @param fileId FileId
 * @param channel Channel
 * @param remainingBytes RemainingBytes
 * @param flags Flags (SMB2_WRITEFLAG_WRITE_THROUGH 0x1, WRITE_UNBUFFERED 0x2)
 * @param data the data (DataOffset/Length)
 */
public record Smb2WriteRequest(
    long offset, Smb2FileId fileId, int channel, int remainingBytes, int flags, byte[] data) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 49;

  /** SMB2_WRITEFLAG_WRITE_THROUGH. */
  public static final int WRITE_THROUGH = 0x00000001;

  private static final int DATA_OFFSET = Smb2Wire.HEADER + 48;

  /** Copies the data. */
  public Smb2WriteRequest {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The length of the data, without copying. */
  public int length() {
    return data.length;
  }

  /** Reads the request. */
  public static Smb2WriteRequest decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 48, "WRITE");
    int dataOffset = m.getUnsignedShortLE(body + 2);
    long length = m.getUnsignedIntLE(body + 4);
    int infoOffset = m.getUnsignedShortLE(body + 40);
    int infoLength = m.getUnsignedShortLE(body + 42);
    int at = Smb2Wire.buffer(m, dataOffset, length, DATA_OFFSET, "WRITE data");
    Smb2Wire.buffer(m, infoOffset, infoLength, DATA_OFFSET, "WRITE channel info");
    return new Smb2WriteRequest(
        m.getLongLE(body + 8),
        Smb2FileId.read(m, body + 16),
        m.getIntLE(body + 32),
        m.getIntLE(body + 36),
        m.getIntLE(body + 44),
        Smb2Wire.bytes(m, at, (int) length));
  }

  /**
   * A WRITE request whose data was copied once, into a pooled direct buffer (what libcephfs reads
   * from without another copy); the server's decode. Whoever holds it must {@link #release()} it
   * once the data is written (or dropped).
   *
   * @param offset Offset
   * @param fileId FileId
   * @param flags Flags
   * @param data the data, position 0, limit Length
   * @param owner the pooled buffer behind {@code data}
   */
  public record Direct(
      long offset, Smb2FileId fileId, int flags, java.nio.ByteBuffer data, ByteBuf owner) {
    /** Length. */
    public int length() {
      return data.remaining();
    }

    /** Returns the data's buffer to the pool (once; later calls do nothing). */
    public void release() {
      if (owner.refCnt() > 0) {
        owner.release();
      }
    }
  }

  /** Reads the request with the checks of {@link #decode}, copying the data once. */
  public static Direct decodeDirect(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 48, "WRITE");
    int dataOffset = m.getUnsignedShortLE(body + 2);
    long length = m.getUnsignedIntLE(body + 4);
    int infoOffset = m.getUnsignedShortLE(body + 40);
    int infoLength = m.getUnsignedShortLE(body + 42);
    int at = Smb2Wire.buffer(m, dataOffset, length, DATA_OFFSET, "WRITE data");
    Smb2Wire.buffer(m, infoOffset, infoLength, DATA_OFFSET, "WRITE channel info");
    ByteBuf owner =
        io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer((int) length, (int) length);
    owner.writeBytes(m, at, (int) length);
    return new Direct(
        m.getLongLE(body + 8),
        Smb2FileId.read(m, body + 16),
        m.getIntLE(body + 44),
        owner.nioBuffer(0, (int) length),
        owner);
  }

  /** Writes the body, the data right after the fixed part. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(DATA_OFFSET);
    out.writeIntLE(data.length);
    out.writeLongLE(offset);
    fileId.encode(out);
    out.writeIntLE(channel);
    out.writeIntLE(remainingBytes);
    out.writeShortLE(0);
    out.writeShortLE(0);
    out.writeIntLE(flags);
    out.writeBytes(data);
    if (data.length == 0) {
      out.writeByte(0);
    }
  }
}
