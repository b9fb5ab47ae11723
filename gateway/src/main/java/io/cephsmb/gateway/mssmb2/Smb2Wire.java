package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The checks every decoder makes before it reads: a message is the bytes from the reader index (the
 * start of the SMB2 header) to the writer index; offsets in bodies count from the header.
 */
final class Smb2Wire {
  /** The length of the SMB2 header; bodies start here. */
  static final int HEADER = Smb2Header.LENGTH;

  private Smb2Wire() {}

  /** The absolute index of the body and a check that the fixed part and StructureSize are there. */
  static int body(ByteBuf m, int structureSize, int fixedLength, String what) {
    int body = m.readerIndex() + HEADER;
    if (m.writerIndex() - body < fixedLength) {
      throw new Smb2DecodeException(what + ": message too short for its fixed part");
    }
    int size = m.getUnsignedShortLE(body);
    if (size != structureSize) {
      throw new Smb2DecodeException(
          what + ": StructureSize " + size + ", expected " + structureSize);
    }
    return body;
  }

  /**
   * The absolute index of a buffer at {@code offset} (from the header) of {@code length} bytes,
   * checked to lie inside the message and not in front of {@code minOffset}; a zero length is
   * always fine.
   */
  static int buffer(ByteBuf m, long offset, long length, int minOffset, String what) {
    if (length == 0) {
      return m.readerIndex();
    }
    long size = (long) m.writerIndex() - m.readerIndex();
    if (offset < minOffset || length < 0 || offset + length > size) {
      throw new Smb2DecodeException(
          what + ": offset " + offset + " length " + length + " outside the message of " + size);
    }
    return m.readerIndex() + (int) offset;
  }

  /** Copies {@code length} bytes at an absolute index, already checked. */
  static byte[] bytes(ByteBuf m, int index, int length) {
    byte[] out = new byte[length];
    m.getBytes(index, out);
    return out;
  }

  /** A UTF-16LE string of {@code length} bytes at an absolute index, already checked. */
  static String utf16(ByteBuf m, int index, int length, String what) {
    if ((length & 1) != 0) {
      throw new Smb2DecodeException(what + ": odd UTF-16 length " + length);
    }
    return m.toString(index, length, StandardCharsets.UTF_16LE);
  }

  /** Zero bytes up to the next multiple of 8 counted from {@code start}. */
  static void pad8(ByteBuf out, int start) {
    while (((out.writerIndex() - start) & 7) != 0) {
      out.writeByte(0);
    }
  }
}
