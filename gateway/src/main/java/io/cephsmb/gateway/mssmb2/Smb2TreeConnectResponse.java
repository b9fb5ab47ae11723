package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.10 SMB2 TREE_CONNECT Response.
 *
 * @param shareType ShareType (DISK 0x01, PIPE 0x02, PRINT 0x03)
 * @param shareFlags ShareFlags
 * @param capabilities Capabilities
 * @param maximalAccess MaximalAccess
 */
public record Smb2TreeConnectResponse(
    int shareType, int shareFlags, int capabilities, int maximalAccess) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 16;

  /** SMB2_SHARE_TYPE_DISK. */
  public static final int TYPE_DISK = 0x01;

  /** SMB2_SHARE_TYPE_PIPE. */
  public static final int TYPE_PIPE = 0x02;

  /** SMB2_SHAREFLAG_MANUAL_CACHING (the caching bits 0x30 all clear). */
  public static final int SHAREFLAG_MANUAL_CACHING = 0x00000000;

  /** SMB2_SHAREFLAG_NO_CACHING. */
  public static final int SHAREFLAG_NO_CACHING = 0x00000030;

  /** SMB2_SHAREFLAG_ENCRYPT_DATA. */
  public static final int SHAREFLAG_ENCRYPT_DATA = 0x00008000;

  /** SMB2_SHARE_CAP_CONTINUOUS_AVAILABILITY. */
  public static final int CAP_CONTINUOUS_AVAILABILITY = 0x00000010;

  /** Reads the response. */
  public static Smb2TreeConnectResponse decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 16, "TREE_CONNECT response");
    return new Smb2TreeConnectResponse(
        m.getUnsignedByte(body + 2),
        m.getIntLE(body + 4),
        m.getIntLE(body + 8),
        m.getIntLE(body + 12));
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeByte(shareType);
    out.writeByte(0);
    out.writeIntLE(shareFlags);
    out.writeIntLE(capabilities);
    out.writeIntLE(maximalAccess);
  }
}
