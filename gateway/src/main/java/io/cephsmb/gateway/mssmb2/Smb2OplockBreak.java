package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.23.1 Oplock Break Notification, 2.2.24.1 Oplock Break Acknowledgment and 2.2.25.1
 * Oplock Break Response: one 24-byte layout for all three.
 *
 * @param oplockLevel OplockLevel (SMB2_OPLOCK_LEVEL_NONE 0x00, _II 0x01, _EXCLUSIVE 0x08, ...)
 * @param fileId FileId
 */
public record Smb2OplockBreak(int oplockLevel, Smb2FileId fileId) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 24;

  /** Reads an acknowledgment. */
  public static Smb2OplockBreak decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 24, "OPLOCK_BREAK");
    return new Smb2OplockBreak(m.getUnsignedByte(body + 2), Smb2FileId.read(m, body + 8));
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeByte(oplockLevel);
    out.writeByte(0);
    out.writeIntLE(0);
    fileId.encode(out);
  }
}
