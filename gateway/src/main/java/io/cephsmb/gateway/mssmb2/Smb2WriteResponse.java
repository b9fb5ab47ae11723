package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.22 SMB2 WRITE Response.
 *
 * @param count Count (bytes written)
 */
public record Smb2WriteResponse(int count) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 17;

  /** Reads the response. */
  public static Smb2WriteResponse decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 16, "WRITE response");
    return new Smb2WriteResponse(m.getIntLE(body + 4));
  }

  /** Writes the body (16 bytes; the dispatcher pads). */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(0);
    out.writeIntLE(count);
    out.writeIntLE(0);
    out.writeShortLE(0);
    out.writeShortLE(0);
  }
}
