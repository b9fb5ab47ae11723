package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * [MS-SMB2] 2.2.14 SMB2 CREATE Response.
 *
 * @param oplockLevel OplockLevel
 * @param flags Flags (SMB2_CREATE_FLAG_REPARSEPOINT 0x01)
 * @param createAction CreateAction
 * @param times CreationTime, LastAccessTime, LastWriteTime, ChangeTime (FILETIME)
 * @param allocationSize AllocationSize
 * @param endOfFile EndofFile
 * @param fileAttributes FileAttributes
 * @param fileId FileId
 * @param contexts the response create contexts
 */
public record Smb2CreateResponse(
    int oplockLevel,
    int flags,
    int createAction,
    FileTimes times,
    long allocationSize,
    long endOfFile,
    int fileAttributes,
    Smb2FileId fileId,
    List<Smb2CreateContext> contexts) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 89;

  /** FILE_SUPERSEDED. */
  public static final int FILE_SUPERSEDED = 0;

  /** FILE_OPENED. */
  public static final int FILE_OPENED = 1;

  /** FILE_CREATED. */
  public static final int FILE_CREATED = 2;

  /** FILE_OVERWRITTEN. */
  public static final int FILE_OVERWRITTEN = 3;

  private static final int BUFFER_OFFSET = Smb2Wire.HEADER + 88;

  /** Copies the list. */
  public Smb2CreateResponse {
    contexts = List.copyOf(contexts);
  }

  /** Reads the response. */
  public static Smb2CreateResponse decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 88, "CREATE response");
    long ctxOffset = m.getUnsignedIntLE(body + 80);
    long ctxLength = m.getUnsignedIntLE(body + 84);
    int c = Smb2Wire.buffer(m, ctxOffset, ctxLength, BUFFER_OFFSET, "CREATE response contexts");
    return new Smb2CreateResponse(
        m.getUnsignedByte(body + 2),
        m.getUnsignedByte(body + 3),
        m.getIntLE(body + 4),
        FileTimes.read(m, body + 8),
        m.getLongLE(body + 40),
        m.getLongLE(body + 48),
        m.getIntLE(body + 56),
        Smb2FileId.read(m, body + 64),
        Smb2CreateContext.decodeChain(m, c, (int) ctxLength));
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeByte(oplockLevel);
    out.writeByte(flags);
    out.writeIntLE(createAction);
    times.encode(out);
    out.writeLongLE(allocationSize);
    out.writeLongLE(endOfFile);
    out.writeIntLE(fileAttributes);
    out.writeIntLE(0);
    fileId.encode(out);
    int lenAt = out.writerIndex();
    out.writeIntLE(0);
    out.writeIntLE(0);
    int start = out.writerIndex();
    int len = Smb2CreateContext.encodeChain(out, contexts);
    if (len > 0) {
      out.setIntLE(lenAt, BUFFER_OFFSET);
      out.setIntLE(lenAt + 4, len);
    } else {
      out.writeZero(Math.max(0, 1 - (out.writerIndex() - start)));
    }
  }
}
