package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.5 SMB2 SESSION_SETUP Request.
 *
 * @param flags Flags (SMB2_SESSION_FLAG_BINDING 0x01)
 * @param securityMode SecurityMode (signing enabled 0x01, required 0x02)
 * @param capabilities Capabilities
 * @param channel Channel (0)
 * @param previousSessionId PreviousSessionId
 * @param securityBuffer the GSS token
 */
public record Smb2SessionSetupRequest(
    int flags,
    int securityMode,
    int capabilities,
    int channel,
    long previousSessionId,
    byte[] securityBuffer) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 25;

  /** SMB2_SESSION_FLAG_BINDING: bind this connection to an existing session (multichannel). */
  public static final int FLAG_BINDING = 0x01;

  private static final int BUFFER_OFFSET = Smb2Wire.HEADER + 24;

  /** Copies the buffer. */
  public Smb2SessionSetupRequest {
    securityBuffer = securityBuffer.clone();
  }

  @Override
  public byte[] securityBuffer() {
    return securityBuffer.clone();
  }

  /** Whether SMB2_SESSION_FLAG_BINDING is set. */
  public boolean isBinding() {
    return (flags & FLAG_BINDING) != 0;
  }

  /** Reads the request. */
  public static Smb2SessionSetupRequest decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 24, "SESSION_SETUP");
    int offset = m.getUnsignedShortLE(body + 12);
    int length = m.getUnsignedShortLE(body + 14);
    int sec = Smb2Wire.buffer(m, offset, length, BUFFER_OFFSET, "SecurityBuffer");
    return new Smb2SessionSetupRequest(
        m.getUnsignedByte(body + 2),
        m.getUnsignedByte(body + 3),
        m.getIntLE(body + 4),
        m.getIntLE(body + 8),
        m.getLongLE(body + 16),
        Smb2Wire.bytes(m, sec, length));
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeByte(flags);
    out.writeByte(securityMode);
    out.writeIntLE(capabilities);
    out.writeIntLE(channel);
    out.writeShortLE(BUFFER_OFFSET);
    out.writeShortLE(securityBuffer.length);
    out.writeLongLE(previousSessionId);
    out.writeBytes(securityBuffer);
  }
}
