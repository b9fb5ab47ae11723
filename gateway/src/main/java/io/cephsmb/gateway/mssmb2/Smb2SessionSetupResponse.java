package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.6 SMB2 SESSION_SETUP Response.
 *
 * @param sessionFlags SessionFlags (IS_GUEST 0x1, IS_NULL 0x2, ENCRYPT_DATA 0x4)
 * @param securityBuffer the GSS token for the client
 */
public record Smb2SessionSetupResponse(int sessionFlags, byte[] securityBuffer) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 9;

  /** SMB2_SESSION_FLAG_IS_GUEST. */
  public static final int IS_GUEST = 0x0001;

  /** SMB2_SESSION_FLAG_IS_NULL. */
  public static final int IS_NULL = 0x0002;

  /** SMB2_SESSION_FLAG_ENCRYPT_DATA. */
  public static final int ENCRYPT_DATA = 0x0004;

  private static final int BUFFER_OFFSET = Smb2Wire.HEADER + 8;

  /** Copies the buffer. */
  public Smb2SessionSetupResponse {
    securityBuffer = securityBuffer.clone();
  }

  @Override
  public byte[] securityBuffer() {
    return securityBuffer.clone();
  }

  /** Reads the response. */
  public static Smb2SessionSetupResponse decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 8, "SESSION_SETUP response");
    int offset = m.getUnsignedShortLE(body + 4);
    int length = m.getUnsignedShortLE(body + 6);
    int sec = Smb2Wire.buffer(m, offset, length, BUFFER_OFFSET, "SecurityBuffer");
    return new Smb2SessionSetupResponse(
        m.getUnsignedShortLE(body + 2), Smb2Wire.bytes(m, sec, length));
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(sessionFlags);
    out.writeShortLE(securityBuffer.length == 0 ? 0 : BUFFER_OFFSET);
    out.writeShortLE(securityBuffer.length);
    out.writeBytes(securityBuffer);
    if (securityBuffer.length == 0) {
      out.writeByte(0); // StructureSize 9 counts one byte of Buffer
    }
  }
}
