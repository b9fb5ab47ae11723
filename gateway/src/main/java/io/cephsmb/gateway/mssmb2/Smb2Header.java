package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.1 SMB2 Packet Header, in its sync form (2.2.1.2: Reserved and TreeId) and its async
 * form (2.2.1.1: AsyncId), chosen by SMB2_FLAGS_ASYNC_COMMAND.
 *
 * @param creditCharge CreditCharge
 * @param status Status in responses; ChannelSequence/Reserved in requests (3.x), kept raw
 * @param command the Command code (see {@link Smb2Command#fromCode})
 * @param credits CreditRequest in requests, CreditResponse in responses
 * @param flags Flags
 * @param nextCommand NextCommand: the offset of the next header in a compound, or 0
 * @param messageId MessageId
 * @param asyncId AsyncId (async form only, otherwise 0)
 * @param treeId TreeId (sync form only, otherwise 0)
 * @param sessionId SessionId
 * @param signature the 16-byte Signature
 */
public record Smb2Header(
    int creditCharge,
    int status,
    int command,
    int credits,
    int flags,
    int nextCommand,
    long messageId,
    long asyncId,
    int treeId,
    long sessionId,
    byte[] signature) {
  /** The header length, also its StructureSize. */
  public static final int LENGTH = 64;

  /** ProtocolId 0x424D53FE, on the wire 0xFE 'S' 'M' 'B'. */
  public static final int PROTOCOL_ID = 0x424D53FE;

  /** SMB2_FLAGS_SERVER_TO_REDIR: a response. */
  public static final int FLAG_SERVER_TO_REDIR = 0x00000001;

  /** SMB2_FLAGS_ASYNC_COMMAND: the async header form. */
  public static final int FLAG_ASYNC_COMMAND = 0x00000002;

  /** SMB2_FLAGS_RELATED_OPERATIONS: a related compound element. */
  public static final int FLAG_RELATED_OPERATIONS = 0x00000004;

  /** SMB2_FLAGS_SIGNED. */
  public static final int FLAG_SIGNED = 0x00000008;

  /** SMB2_FLAGS_PRIORITY_MASK (3.1.1). */
  public static final int FLAG_PRIORITY_MASK = 0x00000070;

  /** SMB2_FLAGS_DFS_OPERATIONS. */
  public static final int FLAG_DFS_OPERATIONS = 0x10000000;

  /** SMB2_FLAGS_REPLAY_OPERATION (3.x). */
  public static final int FLAG_REPLAY_OPERATION = 0x20000000;

  /** The offset of the Signature field. */
  public static final int SIGNATURE_OFFSET = 48;

  /** The offset of the NextCommand field. */
  public static final int NEXT_COMMAND_OFFSET = 20;

  /** Checks the signature length and copies it. */
  public Smb2Header {
    if (signature.length != 16) {
      throw new IllegalArgumentException("signature is 16 bytes");
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** Whether SMB2_FLAGS_ASYNC_COMMAND is set. */
  public boolean isAsync() {
    return (flags & FLAG_ASYNC_COMMAND) != 0;
  }

  /** Whether SMB2_FLAGS_RELATED_OPERATIONS is set. */
  public boolean isRelated() {
    return (flags & FLAG_RELATED_OPERATIONS) != 0;
  }

  /** Whether SMB2_FLAGS_SIGNED is set. */
  public boolean isSigned() {
    return (flags & FLAG_SIGNED) != 0;
  }

  /** Whether SMB2_FLAGS_SERVER_TO_REDIR is set. */
  public boolean isResponse() {
    return (flags & FLAG_SERVER_TO_REDIR) != 0;
  }

  /** The command, or null when the code is unknown. */
  public Smb2Command smb2Command() {
    return Smb2Command.fromCode(command);
  }

  /**
   * Reads the header at the reader index of {@code m} (not moving it), checking that 64 bytes are
   * there, the ProtocolId and the StructureSize.
   */
  public static Smb2Header decode(ByteBuf m) {
    int i = m.readerIndex();
    if (m.writerIndex() - i < LENGTH) {
      throw new Smb2DecodeException("message shorter than the SMB2 header");
    }
    if (m.getIntLE(i) != PROTOCOL_ID) {
      throw new Smb2DecodeException("not an SMB2 header (ProtocolId)");
    }
    if (m.getUnsignedShortLE(i + 4) != LENGTH) {
      throw new Smb2DecodeException("SMB2 header StructureSize is not 64");
    }
    int flags = m.getIntLE(i + 16);
    boolean async = (flags & FLAG_ASYNC_COMMAND) != 0;
    byte[] signature = new byte[16];
    m.getBytes(i + SIGNATURE_OFFSET, signature);
    return new Smb2Header(
        m.getUnsignedShortLE(i + 6),
        m.getIntLE(i + 8),
        m.getUnsignedShortLE(i + 12),
        m.getUnsignedShortLE(i + 14),
        flags,
        m.getIntLE(i + 20),
        m.getLongLE(i + 24),
        async ? m.getLongLE(i + 32) : 0,
        async ? 0 : m.getIntLE(i + 36),
        m.getLongLE(i + 40),
        signature);
  }

  /** Writes the 64 bytes of this header. */
  public void encode(ByteBuf out) {
    out.writeIntLE(PROTOCOL_ID);
    out.writeShortLE(LENGTH);
    out.writeShortLE(creditCharge);
    out.writeIntLE(status);
    out.writeShortLE(command);
    out.writeShortLE(credits);
    out.writeIntLE(flags);
    out.writeIntLE(nextCommand);
    out.writeLongLE(messageId);
    if (isAsync()) {
      out.writeLongLE(asyncId);
    } else {
      out.writeIntLE(0);
      out.writeIntLE(treeId);
    }
    out.writeLongLE(sessionId);
    out.writeBytes(signature);
  }

  /** A copy with other flags. */
  public Smb2Header withFlags(int newFlags) {
    return new Smb2Header(
        creditCharge,
        status,
        command,
        credits,
        newFlags,
        nextCommand,
        messageId,
        asyncId,
        treeId,
        sessionId,
        signature);
  }
}
