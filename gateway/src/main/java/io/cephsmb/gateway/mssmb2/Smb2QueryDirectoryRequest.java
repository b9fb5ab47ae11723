package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * [MS-SMB2] 2.2.33 SMB2 QUERY_DIRECTORY Request.
 *
 * @param fileInformationClass FileInformationClass ([MS-FSCC] 2.4)
 * @param flags Flags (RESTART_SCANS 0x01, RETURN_SINGLE_ENTRY 0x02, INDEX_SPECIFIED 0x04, REOPEN
 *     0x10)
 * @param fileIndex FileIndex
 * @param fileId FileId
 * @param pattern the search pattern (empty if FileNameLength is 0)
 * @param outputBufferLength OutputBufferLength
 */
public record Smb2QueryDirectoryRequest(
    int fileInformationClass,
    int flags,
    int fileIndex,
    Smb2FileId fileId,
    String pattern,
    long outputBufferLength) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 33;

  /** SMB2_RESTART_SCANS. */
  public static final int RESTART_SCANS = 0x01;

  /** SMB2_RETURN_SINGLE_ENTRY. */
  public static final int RETURN_SINGLE_ENTRY = 0x02;

  /** SMB2_INDEX_SPECIFIED. */
  public static final int INDEX_SPECIFIED = 0x04;

  /** SMB2_REOPEN. */
  public static final int REOPEN = 0x10;

  private static final int BUFFER_OFFSET = Smb2Wire.HEADER + 32;

  /** Reads the request. */
  public static Smb2QueryDirectoryRequest decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 32, "QUERY_DIRECTORY");
    int nameOffset = m.getUnsignedShortLE(body + 24);
    int nameLength = m.getUnsignedShortLE(body + 26);
    int n = Smb2Wire.buffer(m, nameOffset, nameLength, BUFFER_OFFSET, "QUERY_DIRECTORY name");
    return new Smb2QueryDirectoryRequest(
        m.getUnsignedByte(body + 2),
        m.getUnsignedByte(body + 3),
        m.getIntLE(body + 4),
        Smb2FileId.read(m, body + 8),
        Smb2Wire.utf16(m, n, nameLength, "QUERY_DIRECTORY name"),
        m.getUnsignedIntLE(body + 28));
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    byte[] name = pattern.getBytes(StandardCharsets.UTF_16LE);
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeByte(fileInformationClass);
    out.writeByte(flags);
    out.writeIntLE(fileIndex);
    fileId.encode(out);
    out.writeShortLE(name.length == 0 ? 0 : BUFFER_OFFSET);
    out.writeShortLE(name.length);
    out.writeIntLE((int) outputBufferLength);
    out.writeBytes(name);
    if (name.length == 0) {
      out.writeByte(0);
    }
  }
}
