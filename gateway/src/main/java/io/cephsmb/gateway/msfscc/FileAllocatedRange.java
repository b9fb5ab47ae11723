package io.cephsmb.gateway.msfscc;

import io.cephsmb.gateway.mssmb2.Smb2DecodeException;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * [MS-FSCC] 2.3.52 FILE_ALLOCATED_RANGE_BUFFER (FSCTL_QUERY_ALLOCATED_RANGES input and output
 * elements) and 2.3.86 FILE_ZERO_DATA_INFORMATION (FileOffset and BeyondFinalZero, the same two
 * 64-bit fields): two signed 64-bit values.
 */
public record FileAllocatedRange(long offset, long length) {
  /** Its length. */
  public static final int LENGTH = 16;

  /** Decodes the first 16 bytes; fewer is STATUS_INVALID_PARAMETER. */
  public static FileAllocatedRange decode(byte[] in) {
    if (in.length < LENGTH) {
      throw new Smb2DecodeException("range buffer of " + in.length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
    return new FileAllocatedRange(b.getLong(0), b.getLong(8));
  }

  public void encode(ByteBuf out) {
    out.writeLongLE(offset);
    out.writeLongLE(length);
  }
}
