package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.1.2 the SMB2 commands as one table: the wire code, the request StructureSize(s) and
 * what [MS-SMB2] 3.3.5.2 makes the server check before a handler runs (session, tree, the offset of
 * the FileId in the request body, whether the command may appear in a compound), and the payload
 * size that 3.3.5.2.5 compares with the CreditCharge.
 */
public enum Smb2Command {
  /** 2.2.3: no session, never compounded. */
  NEGOTIATE(0x0000, 36, -1, false, false, -1, false, Payload.NONE),
  /** 2.2.5: the handler resolves the session itself (new, re-authentication, binding). */
  SESSION_SETUP(0x0001, 25, -1, false, false, -1, true, Payload.NONE),
  /** 2.2.7. */
  LOGOFF(0x0002, 4, -1, true, false, -1, true, Payload.NONE),
  /** 2.2.9. */
  TREE_CONNECT(0x0003, 9, -1, true, false, -1, true, Payload.NONE),
  /** 2.2.11. */
  TREE_DISCONNECT(0x0004, 4, -1, true, true, -1, true, Payload.NONE),
  /** 2.2.13. */
  CREATE(0x0005, 57, -1, true, true, -1, true, Payload.NONE),
  /** 2.2.15. */
  CLOSE(0x0006, 24, -1, true, true, 8, true, Payload.NONE),
  /** 2.2.17. */
  FLUSH(0x0007, 24, -1, true, true, 8, true, Payload.NONE),
  /** 2.2.19: the payload is Length. */
  READ(0x0008, 49, -1, true, true, 16, true, Payload.READ_WRITE),
  /** 2.2.21: the payload is Length. */
  WRITE(0x0009, 49, -1, true, true, 16, true, Payload.READ_WRITE),
  /** 2.2.26. */
  LOCK(0x000A, 48, -1, true, true, 8, true, Payload.NONE),
  /** 2.2.31: 3.3.5.15 counts max(InputCount + OutputCount, MaxInput + MaxOutputResponse). */
  IOCTL(0x000B, 57, -1, true, true, 8, true, Payload.IOCTL),
  /** 2.2.30: no response, no MessageId consumed, no session check. */
  CANCEL(0x000C, 4, -1, false, false, -1, true, Payload.NONE),
  /** 2.2.28. */
  ECHO(0x000D, 4, -1, false, false, -1, true, Payload.NONE),
  /** 2.2.33: the payload is OutputBufferLength. */
  QUERY_DIRECTORY(0x000E, 33, -1, true, true, 8, true, Payload.QUERY_DIRECTORY),
  /** 2.2.35: the payload is OutputBufferLength. */
  CHANGE_NOTIFY(0x000F, 32, -1, true, true, 8, true, Payload.CHANGE_NOTIFY),
  /** 2.2.37: the payload is max(InputBufferLength, OutputBufferLength). */
  QUERY_INFO(0x0010, 41, -1, true, true, 24, true, Payload.QUERY_INFO),
  /** 2.2.39: the payload is BufferLength. */
  SET_INFO(0x0011, 33, -1, true, true, 16, true, Payload.SET_INFO),
  /** 2.2.24: 24 for an oplock break acknowledgment, 36 for a lease break acknowledgment. */
  OPLOCK_BREAK(0x0012, 24, 36, true, true, 8, true, Payload.NONE);

  private static final Smb2Command[] BY_CODE = new Smb2Command[0x13];

  static {
    for (Smb2Command c : values()) {
      BY_CODE[c.code] = c;
    }
  }

  private final int code;
  private final int structureSize;
  private final int altStructureSize;
  private final boolean needsSession;
  private final boolean needsTree;
  private final int fileIdOffset;
  private final boolean compoundable;
  private final Payload payload;

  Smb2Command(
      int code,
      int structureSize,
      int altStructureSize,
      boolean needsSession,
      boolean needsTree,
      int fileIdOffset,
      boolean compoundable,
      Payload payload) {
    this.code = code;
    this.structureSize = structureSize;
    this.altStructureSize = altStructureSize;
    this.needsSession = needsSession;
    this.needsTree = needsTree;
    this.fileIdOffset = fileIdOffset;
    this.compoundable = compoundable;
    this.payload = payload;
  }

  /** The Command value in the header. */
  public int code() {
    return code;
  }

  /** The request StructureSize. */
  public int structureSize() {
    return structureSize;
  }

  /** Whether {@code size} is a valid request StructureSize for this command. */
  public boolean acceptsStructureSize(int size) {
    return size == structureSize || (altStructureSize >= 0 && size == altStructureSize);
  }

  /** Whether the request must carry a valid SessionId (3.3.5.2.9). */
  public boolean needsSession() {
    return needsSession;
  }

  /** Whether the request must carry a valid TreeId (3.3.5.2.11). */
  public boolean needsTree() {
    return needsTree;
  }

  /** The offset of the 16-byte FileId in the request body, or -1 when it has none. */
  public int fileIdOffset() {
    return fileIdOffset;
  }

  /** Whether the command may appear in a compound chain (3.3.5.2.7). */
  public boolean compoundable() {
    return compoundable;
  }

  /**
   * The payload size 3.3.5.2.5 checks the CreditCharge against, read from the request body at
   * {@code body} (the index of the StructureSize); 0 when the body is too short to say.
   */
  public long payloadSize(ByteBuf message, int body) {
    return payload.size(message, body);
  }

  /** The command for a wire code, or null for an unknown code. */
  public static Smb2Command fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  /** The payload a command moves, by its request fields. */
  private enum Payload {
    NONE,
    READ_WRITE,
    IOCTL,
    QUERY_DIRECTORY,
    CHANGE_NOTIFY,
    QUERY_INFO,
    SET_INFO;

    long size(ByteBuf m, int body) {
      switch (this) {
        case READ_WRITE:
        case CHANGE_NOTIFY:
        case SET_INFO:
          return u32(m, body + 4);
        case QUERY_DIRECTORY:
          return u32(m, body + 28);
        case QUERY_INFO:
          return Math.max(u32(m, body + 4), u32(m, body + 12));
        case IOCTL:
          return Math.max(
              u32(m, body + 28) + u32(m, body + 40), u32(m, body + 32) + u32(m, body + 44));
        case NONE:
          return 0;
      }
      throw new AssertionError(this);
    }

    private static long u32(ByteBuf m, int index) {
      return index >= 0 && index + 4 <= m.writerIndex() ? m.getUnsignedIntLE(index) : 0;
    }
  }
}
