package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.17 SMB2 FLUSH Request.
 *
 * @param fileId FileId
 */
public record Smb2FlushRequest(Smb2FileId fileId) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 24;

  /** Reads the request. */
  public static Smb2FlushRequest decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 24, "FLUSH");
    return new Smb2FlushRequest(Smb2FileId.read(m, body + 8));
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(0);
    out.writeIntLE(0);
    fileId.encode(out);
  }
}
