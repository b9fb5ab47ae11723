package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * [MS-SMB2] 2.2.13 SMB2 CREATE Request.
 *
 * @param securityFlags SecurityFlags (reserved)
 * @param requestedOplockLevel RequestedOplockLevel
 * @param impersonationLevel ImpersonationLevel
 * @param desiredAccess DesiredAccess (2.2.13.1)
 * @param fileAttributes FileAttributes ([MS-FSCC] 2.6)
 * @param shareAccess ShareAccess
 * @param createDisposition CreateDisposition
 * @param createOptions CreateOptions
 * @param name the file name (UTF-16LE, relative to the share, backslash-separated)
 * @param contexts the create contexts, in order
 */
public record Smb2CreateRequest(
    int securityFlags,
    int requestedOplockLevel,
    int impersonationLevel,
    int desiredAccess,
    int fileAttributes,
    int shareAccess,
    int createDisposition,
    int createOptions,
    String name,
    List<Smb2CreateContext> contexts) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 57;

  /** FILE_SUPERSEDE. */
  public static final int FILE_SUPERSEDE = 0;

  /** FILE_OPEN. */
  public static final int FILE_OPEN = 1;

  /** FILE_CREATE. */
  public static final int FILE_CREATE = 2;

  /** FILE_OPEN_IF. */
  public static final int FILE_OPEN_IF = 3;

  /** FILE_OVERWRITE. */
  public static final int FILE_OVERWRITE = 4;

  /** FILE_OVERWRITE_IF. */
  public static final int FILE_OVERWRITE_IF = 5;

  /** FILE_DIRECTORY_FILE. */
  public static final int FILE_DIRECTORY_FILE = 0x00000001;

  /** FILE_WRITE_THROUGH. */
  public static final int FILE_WRITE_THROUGH = 0x00000002;

  /** FILE_NON_DIRECTORY_FILE. */
  public static final int FILE_NON_DIRECTORY_FILE = 0x00000040;

  /** FILE_DELETE_ON_CLOSE. */
  public static final int FILE_DELETE_ON_CLOSE = 0x00001000;

  private static final int BUFFER_OFFSET = Smb2Wire.HEADER + 56;

  /** Copies the list. */
  public Smb2CreateRequest {
    contexts = List.copyOf(contexts);
  }

  /** Reads the request; contexts outside the message are STATUS_INVALID_PARAMETER. */
  public static Smb2CreateRequest decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 56, "CREATE");
    int nameOffset = m.getUnsignedShortLE(body + 44);
    int nameLength = m.getUnsignedShortLE(body + 46);
    long ctxOffset = m.getUnsignedIntLE(body + 48);
    long ctxLength = m.getUnsignedIntLE(body + 52);
    int n = Smb2Wire.buffer(m, nameOffset, nameLength, BUFFER_OFFSET, "CREATE name");
    int c = Smb2Wire.buffer(m, ctxOffset, ctxLength, BUFFER_OFFSET, "CREATE contexts");
    if (ctxLength != 0 && (ctxOffset & 7) != 0) {
      throw new Smb2DecodeException("CREATE contexts: misaligned offset " + ctxOffset);
    }
    return new Smb2CreateRequest(
        m.getUnsignedByte(body + 2),
        m.getUnsignedByte(body + 3),
        m.getIntLE(body + 4),
        m.getIntLE(body + 24),
        m.getIntLE(body + 28),
        m.getIntLE(body + 32),
        m.getIntLE(body + 36),
        m.getIntLE(body + 40),
        Smb2Wire.utf16(m, n, nameLength, "CREATE name"),
        Smb2CreateContext.decodeChain(m, c, (int) ctxLength));
  }

  /** Writes the body: the name after the fixed part, the contexts 8-byte aligned after it. */
  public void encode(ByteBuf out) {
    int start = out.writerIndex();
    byte[] nameBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    ByteBuf ctx = Unpooled.buffer();
    int ctxLen = Smb2CreateContext.encodeChain(ctx, contexts);
    int ctxOffset = ctxLen == 0 ? 0 : BUFFER_OFFSET + ((nameBytes.length + 7) & ~7);
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeByte(securityFlags);
    out.writeByte(requestedOplockLevel);
    out.writeIntLE(impersonationLevel);
    out.writeLongLE(0);
    out.writeLongLE(0);
    out.writeIntLE(desiredAccess);
    out.writeIntLE(fileAttributes);
    out.writeIntLE(shareAccess);
    out.writeIntLE(createDisposition);
    out.writeIntLE(createOptions);
    out.writeShortLE(BUFFER_OFFSET);
    out.writeShortLE(nameBytes.length);
    out.writeIntLE(ctxOffset);
    out.writeIntLE(ctxLen);
    out.writeBytes(nameBytes);
    if (ctxLen > 0) {
      Smb2Wire.pad8(out, start);
      out.writeBytes(ctx);
    } else if (nameBytes.length == 0) {
      out.writeByte(0);
    }
    ctx.release();
  }
}
