package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.34 SMB2 QUERY_DIRECTORY Response and 2.2.38 SMB2 QUERY_INFO Response: the same
 * layout, StructureSize 9, OutputBufferOffset (0x48), OutputBufferLength and the buffer.
 *
 * @param output the output buffer
 */
public record Smb2OutputBufferResponse(byte[] output) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 9;

  /** OutputBufferOffset: right after the fixed part. */
  public static final int OUTPUT_OFFSET = Smb2Wire.HEADER + 8;

  /** Copies the buffer. */
  public Smb2OutputBufferResponse {
    output = output.clone();
  }

  @Override
  public byte[] output() {
    return output.clone();
  }

  /** Reads the response. */
  public static Smb2OutputBufferResponse decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 8, "QUERY response");
    int offset = m.getUnsignedShortLE(body + 2);
    long length = m.getUnsignedIntLE(body + 4);
    int at = Smb2Wire.buffer(m, offset, length, OUTPUT_OFFSET, "QUERY output");
    return new Smb2OutputBufferResponse(Smb2Wire.bytes(m, at, (int) length));
  }

  /** Writes the body with the output of {@code length} bytes from {@code src} (not consumed). */
  public static void encode(ByteBuf out, ByteBuf src) {
    int length = src.readableBytes();
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(OUTPUT_OFFSET);
    out.writeIntLE(length);
    out.writeBytes(src, src.readerIndex(), length);
    if (length == 0) {
      out.writeByte(0);
    }
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(OUTPUT_OFFSET);
    out.writeIntLE(output.length);
    out.writeBytes(output);
    if (output.length == 0) {
      out.writeByte(0);
    }
  }
}
