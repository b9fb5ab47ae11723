package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.39 SMB2 SET_INFO Request.
 *
 * @param infoType InfoType
 * @param fileInfoClass FileInfoClass
 * @param buffer the buffer (BufferOffset/BufferLength)
 * @param additionalInformation AdditionalInformation
 * @param fileId FileId
 */
public record Smb2SetInfoRequest(
    int infoType, int fileInfoClass, byte[] buffer, int additionalInformation, Smb2FileId fileId) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 33;

  private static final int BUFFER_OFFSET = Smb2Wire.HEADER + 32;

  /** Copies the buffer. */
  public Smb2SetInfoRequest {
    buffer = buffer.clone();
  }

  @Override
  public byte[] buffer() {
    return buffer.clone();
  }

  /** Reads the request. */
  public static Smb2SetInfoRequest decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 32, "SET_INFO");
    long length = m.getUnsignedIntLE(body + 4);
    int offset = m.getUnsignedShortLE(body + 8);
    int at = Smb2Wire.buffer(m, offset, length, BUFFER_OFFSET, "SET_INFO buffer");
    return new Smb2SetInfoRequest(
        m.getUnsignedByte(body + 2),
        m.getUnsignedByte(body + 3),
        Smb2Wire.bytes(m, at, (int) length),
        m.getIntLE(body + 12),
        Smb2FileId.read(m, body + 16));
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeByte(infoType);
    out.writeByte(fileInfoClass);
    out.writeIntLE(buffer.length);
    out.writeShortLE(BUFFER_OFFSET);
    out.writeShortLE(0);
    out.writeIntLE(additionalInformation);
    fileId.encode(out);
    out.writeBytes(buffer);
    if (buffer.length == 0) {
      out.writeByte(0);
    }
  }
}
