package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * [MS-SMB2] 2.2.4 SMB2 NEGOTIATE Response: the fixed part is 64 bytes, so the security buffer (the
 * SPNEGO NegTokenInit2) starts at offset 128 and, for 3.1.1, the negotiate contexts follow it
 * 8-byte aligned.
 *
 * @param securityMode SecurityMode
 * @param dialectRevision DialectRevision (0x02FF for the SMB1 multi-protocol answer)
 * @param serverGuid ServerGuid (16 bytes)
 * @param capabilities Capabilities
 * @param maxTransactSize MaxTransactSize
 * @param maxReadSize MaxReadSize
 * @param maxWriteSize MaxWriteSize
 * @param systemTime SystemTime (FILETIME)
 * @param serverStartTime ServerStartTime (FILETIME, 0)
 * @param securityBuffer the security buffer
 * @param contexts NegotiateContextList (3.1.1 only)
 */
public record Smb2NegotiateResponse(
    int securityMode,
    int dialectRevision,
    byte[] serverGuid,
    int capabilities,
    int maxTransactSize,
    int maxReadSize,
    int maxWriteSize,
    long systemTime,
    long serverStartTime,
    byte[] securityBuffer,
    List<NegotiateContext> contexts) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 65;

  /** SMB2_NEGOTIATE_SIGNING_ENABLED. */
  public static final int SIGNING_ENABLED = 0x0001;

  /** SMB2_NEGOTIATE_SIGNING_REQUIRED. */
  public static final int SIGNING_REQUIRED = 0x0002;

  /** SMB2_GLOBAL_CAP_DFS. */
  public static final int CAP_DFS = 0x00000001;

  /** SMB2_GLOBAL_CAP_LEASING. */
  public static final int CAP_LEASING = 0x00000002;

  /** SMB2_GLOBAL_CAP_LARGE_MTU. */
  public static final int CAP_LARGE_MTU = 0x00000004;

  /** SMB2_GLOBAL_CAP_MULTI_CHANNEL. */
  public static final int CAP_MULTI_CHANNEL = 0x00000008;

  /** SMB2_GLOBAL_CAP_PERSISTENT_HANDLES. */
  public static final int CAP_PERSISTENT_HANDLES = 0x00000010;

  /** SMB2_GLOBAL_CAP_DIRECTORY_LEASING. */
  public static final int CAP_DIRECTORY_LEASING = 0x00000020;

  /** SMB2_GLOBAL_CAP_ENCRYPTION. */
  public static final int CAP_ENCRYPTION = 0x00000040;

  private static final int BUFFER_OFFSET = Smb2Wire.HEADER + 64;

  /** Checks and copies. */
  public Smb2NegotiateResponse {
    if (serverGuid.length != 16) {
      throw new IllegalArgumentException("ServerGuid is 16 bytes");
    }
    serverGuid = serverGuid.clone();
    securityBuffer = securityBuffer.clone();
    contexts = List.copyOf(contexts);
  }

  @Override
  public byte[] serverGuid() {
    return serverGuid.clone();
  }

  @Override
  public byte[] securityBuffer() {
    return securityBuffer.clone();
  }

  /** Reads the response. */
  public static Smb2NegotiateResponse decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 64, "NEGOTIATE response");
    int dialect = m.getUnsignedShortLE(body + 4);
    int ctxCount = m.getUnsignedShortLE(body + 6);
    int secOffset = m.getUnsignedShortLE(body + 56);
    int secLength = m.getUnsignedShortLE(body + 58);
    int sec = Smb2Wire.buffer(m, secOffset, secLength, BUFFER_OFFSET, "SecurityBuffer");
    List<NegotiateContext> contexts = List.of();
    if (dialect == Smb2NegotiateRequest.DIALECT_3_1_1 && ctxCount > 0) {
      long offset = m.getUnsignedIntLE(body + 60);
      int at = Smb2Wire.buffer(m, offset, 8, BUFFER_OFFSET, "NegotiateContextList");
      contexts = NegotiateContext.decodeList(m, at, ctxCount);
    }
    return new Smb2NegotiateResponse(
        m.getUnsignedShortLE(body + 2),
        dialect,
        Smb2Wire.bytes(m, body + 8, 16),
        m.getIntLE(body + 24),
        m.getIntLE(body + 28),
        m.getIntLE(body + 32),
        m.getIntLE(body + 36),
        m.getLongLE(body + 40),
        m.getLongLE(body + 48),
        Smb2Wire.bytes(m, sec, secLength),
        contexts);
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    int messageStart = out.writerIndex() - Smb2Wire.HEADER;
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(securityMode);
    out.writeShortLE(dialectRevision);
    out.writeShortLE(contexts.size());
    out.writeBytes(serverGuid);
    out.writeIntLE(capabilities);
    out.writeIntLE(maxTransactSize);
    out.writeIntLE(maxReadSize);
    out.writeIntLE(maxWriteSize);
    out.writeLongLE(systemTime);
    out.writeLongLE(serverStartTime);
    out.writeShortLE(securityBuffer.length == 0 ? 0 : BUFFER_OFFSET);
    out.writeShortLE(securityBuffer.length);
    int ctxOffsetAt = out.writerIndex();
    out.writeIntLE(0);
    out.writeBytes(securityBuffer);
    if (securityBuffer.length == 0 && contexts.isEmpty()) {
      out.writeByte(0); // StructureSize 65 counts one byte of Buffer
    }
    if (!contexts.isEmpty()) {
      Smb2Wire.pad8(out, messageStart);
      out.setIntLE(ctxOffsetAt, out.writerIndex() - messageStart);
      NegotiateContext.encodeList(out, contexts, messageStart);
    }
  }
}
