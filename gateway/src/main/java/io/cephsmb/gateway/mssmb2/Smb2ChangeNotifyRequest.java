package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.35 SMB2 CHANGE_NOTIFY Request.
 *
 * @param flags SMB2_WATCH_TREE (0x0001) or 0
 * @param outputBufferLength the most notification data the client takes
 * @param fileId the directory's FileId
 * @param completionFilter the FILE_NOTIFY_CHANGE_* bits
 */
public record Smb2ChangeNotifyRequest(
    int flags, long outputBufferLength, Smb2FileId fileId, int completionFilter) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 32;

  /** SMB2_WATCH_TREE: the subtree, not only the directory. */
  public static final int WATCH_TREE = 0x0001;

  /** Reads the request. */
  public static Smb2ChangeNotifyRequest decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 32, "CHANGE_NOTIFY");
    return new Smb2ChangeNotifyRequest(
        m.getUnsignedShortLE(body + 2),
        m.getUnsignedIntLE(body + 4),
        Smb2FileId.read(m, body + 8),
        m.getIntLE(body + 24));
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(flags);
    out.writeIntLE((int) outputBufferLength);
    fileId.encode(out);
    out.writeIntLE(completionFilter);
    out.writeIntLE(0);
  }

  /**
   * [MS-SMB2] 2.2.36 SMB2 CHANGE_NOTIFY Response without notification data (the answer with
   * STATUS_NOTIFY_ENUM_DIR): StructureSize 9, OutputBufferOffset, OutputBufferLength 0.
   */
  public static void encodeEmptyResponse(ByteBuf out) {
    out.writeShortLE(9);
    out.writeShortLE(Smb2Wire.HEADER + 8);
    out.writeIntLE(0);
    out.writeByte(0);
  }
}
