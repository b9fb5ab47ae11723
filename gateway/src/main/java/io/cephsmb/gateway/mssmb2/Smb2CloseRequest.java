package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.15 SMB2 CLOSE Request.
 *
 * @param flags Flags (SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB 0x0001)
 * @param fileId FileId
 */
public record Smb2CloseRequest(int flags, Smb2FileId fileId) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 24;

  /** SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB. */
  public static final int POSTQUERY_ATTRIB = 0x0001;

  /** Reads the request. */
  public static Smb2CloseRequest decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 24, "CLOSE");
    return new Smb2CloseRequest(m.getUnsignedShortLE(body + 2), Smb2FileId.read(m, body + 8));
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(flags);
    out.writeIntLE(0);
    fileId.encode(out);
  }
}
