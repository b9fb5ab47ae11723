package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.37 SMB2 QUERY_INFO Request.
 *
 * @param infoType InfoType (FILE 1, FILESYSTEM 2, SECURITY 3, QUOTA 4)
 * @param fileInfoClass FileInfoClass
 * @param outputBufferLength OutputBufferLength
 * @param input the input buffer (InputBufferOffset/InputBufferLength)
 * @param additionalInformation AdditionalInformation
 * @param flags Flags
 * @param fileId FileId
 */
public record Smb2QueryInfoRequest(
    int infoType,
    int fileInfoClass,
    long outputBufferLength,
    byte[] input,
    int additionalInformation,
    int flags,
    Smb2FileId fileId) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 41;

  /** SMB2_0_INFO_FILE. */
  public static final int INFO_FILE = 1;

  /** SMB2_0_INFO_FILESYSTEM. */
  public static final int INFO_FILESYSTEM = 2;

  /** SMB2_0_INFO_SECURITY. */
  public static final int INFO_SECURITY = 3;

  /** SMB2_0_INFO_QUOTA. */
  public static final int INFO_QUOTA = 4;

  private static final int BUFFER_OFFSET = Smb2Wire.HEADER + 40;

  /** Copies the input. */
  public Smb2QueryInfoRequest {
    input = input.clone();
  }

  @Override
  public byte[] input() {
    return input.clone();
  }

  /** Reads the request. */
  public static Smb2QueryInfoRequest decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 40, "QUERY_INFO");
    int inOffset = m.getUnsignedShortLE(body + 8);
    long inLength = m.getUnsignedIntLE(body + 12);
    int in = Smb2Wire.buffer(m, inOffset, inLength, BUFFER_OFFSET, "QUERY_INFO input");
    return new Smb2QueryInfoRequest(
        m.getUnsignedByte(body + 2),
        m.getUnsignedByte(body + 3),
        m.getUnsignedIntLE(body + 4),
        Smb2Wire.bytes(m, in, (int) inLength),
        m.getIntLE(body + 16),
        m.getIntLE(body + 20),
        Smb2FileId.read(m, body + 24));
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeByte(infoType);
    out.writeByte(fileInfoClass);
    out.writeIntLE((int) outputBufferLength);
    out.writeShortLE(input.length == 0 ? 0 : BUFFER_OFFSET);
    out.writeShortLE(0);
    out.writeIntLE(input.length);
    out.writeIntLE(additionalInformation);
    out.writeIntLE(flags);
    fileId.encode(out);
    out.writeBytes(input);
    if (input.length == 0) {
      out.writeByte(0);
    }
  }
}
