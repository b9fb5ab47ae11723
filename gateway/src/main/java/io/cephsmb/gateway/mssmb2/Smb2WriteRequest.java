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
   * A WRITE request whose data stays in direct memory (what libcephfs reads from without another
   * copy); the server's decode. Whoever holds it must {@link #release()} it once the data is
   * written (or dropped).
   */
  public static final class Direct {
    private final long offset;
    private final Smb2FileId fileId;
    private final int flags;
    private final java.nio.ByteBuffer data;
    private final ByteBuf owner;
    private final java.util.concurrent.atomic.AtomicBoolean released =
        new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param offset Offset
     * @param fileId FileId
     * @param flags Flags
     * @param data the data, position 0, limit Length
     * @param owner the reference behind {@code data}, released by {@link #release()}
     */
    public Direct(
        long offset, Smb2FileId fileId, int flags, java.nio.ByteBuffer data, ByteBuf owner) {
      this.offset = offset;
      this.fileId = fileId;
      this.flags = flags;
      this.data = data;
      this.owner = owner;
    }

    /** Offset. */
    public long offset() {
      return offset;
    }

    /** FileId. */
    public Smb2FileId fileId() {
      return fileId;
    }

    /** Flags. */
    public int flags() {
      return flags;
    }

    /** The data (position 0, limit Length); valid until {@link #release()}. */
    public java.nio.ByteBuffer data() {
      return data;
    }

    /** Length. */
    public int length() {
      return data.remaining();
    }

    /** The reference behind {@link #data()}. */
    public ByteBuf owner() {
      return owner;
    }

    /** Gives up this request's reference to the data (once; later calls do nothing). */
    public void release() {
      if (released.compareAndSet(false, true)) {
        owner.release();
      }
    }
  }

  /**
   * Reads the request with the checks of {@link #decode}. When the message is in direct memory in
   * one piece (the frame decoder's buffer), the data is a retained slice of it, not copied;
   * otherwise (a decrypted message) it is copied once into a pooled direct buffer.
   */
  public static Direct decodeDirect(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 48, "WRITE");
    int dataOffset = m.getUnsignedShortLE(body + 2);
    long length = m.getUnsignedIntLE(body + 4);
    int infoOffset = m.getUnsignedShortLE(body + 40);
    int infoLength = m.getUnsignedShortLE(body + 42);
    int at = Smb2Wire.buffer(m, dataOffset, length, DATA_OFFSET, "WRITE data");
    Smb2Wire.buffer(m, infoOffset, infoLength, DATA_OFFSET, "WRITE channel info");
    int len = (int) length;
    ByteBuf owner;
    if (m.isDirect() && m.nioBufferCount() == 1) {
      owner = m.retainedSlice(at, len);
    } else {
      owner = io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(len, len);
      owner.writeBytes(m, at, len);
    }
    return new Direct(
        m.getLongLE(body + 8),
        Smb2FileId.read(m, body + 16),
        m.getIntLE(body + 44),
        owner.nioBuffer(0, len),
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
