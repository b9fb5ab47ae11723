package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 2.2.3 SMB2 NEGOTIATE Request. When the dialect list contains 3.1.1 the 8 bytes after
 * ClientGuid are NegotiateContextOffset/NegotiateContextCount and the 2.2.3.1 contexts follow the
 * dialects, 8-byte aligned; otherwise they are ClientStartTime (ignored by servers).
 *
 * @param dialects the Dialects array
 * @param securityMode SecurityMode (SMB2_NEGOTIATE_SIGNING_ENABLED 0x1, _REQUIRED 0x2)
 * @param capabilities Capabilities
 * @param clientGuid ClientGuid (16 bytes)
 * @param contexts NegotiateContextList (3.1.1 only; empty otherwise)
 */
public record Smb2NegotiateRequest(
    List<Integer> dialects,
    int securityMode,
    int capabilities,
    byte[] clientGuid,
    List<NegotiateContext> contexts) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 36;

  /** The 3.1.1 DialectRevision. */
  public static final int DIALECT_3_1_1 = 0x0311;

  /** Checks and copies. */
  public Smb2NegotiateRequest {
    dialects = List.copyOf(dialects);
    contexts = List.copyOf(contexts);
    if (clientGuid.length != 16) {
      throw new IllegalArgumentException("ClientGuid is 16 bytes");
    }
    clientGuid = clientGuid.clone();
  }

  @Override
  public byte[] clientGuid() {
    return clientGuid.clone();
  }

  /** Reads the request; a DialectCount of 0 is STATUS_INVALID_PARAMETER (3.3.5.4). */
  public static Smb2NegotiateRequest decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 36, "NEGOTIATE");
    int count = m.getUnsignedShortLE(body + 2);
    if (count == 0) {
      throw new Smb2DecodeException("NEGOTIATE: DialectCount is 0");
    }
    int dialectsAt =
        Smb2Wire.buffer(m, Smb2Wire.HEADER + 36, 2L * count, Smb2Wire.HEADER + 36, "Dialects");
    List<Integer> dialects = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      dialects.add(m.getUnsignedShortLE(dialectsAt + 2 * i));
    }
    List<NegotiateContext> contexts = List.of();
    if (dialects.contains(DIALECT_3_1_1)) {
      long offset = m.getUnsignedIntLE(body + 28);
      int ctxCount = m.getUnsignedShortLE(body + 32);
      if (ctxCount > 0) {
        if ((offset & 7) != 0) {
          throw new Smb2DecodeException("NEGOTIATE: NegotiateContextOffset not 8-byte aligned");
        }
        int min = Smb2Wire.HEADER + 36 + 2 * count;
        int at = Smb2Wire.buffer(m, offset, 8, min, "NegotiateContextList");
        contexts = NegotiateContext.decodeList(m, at, ctxCount);
      }
    }
    return new Smb2NegotiateRequest(
        dialects,
        m.getUnsignedShortLE(body + 4),
        m.getIntLE(body + 8),
        Smb2Wire.bytes(m, body + 12, 16),
        contexts);
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    int messageStart = out.writerIndex() - Smb2Wire.HEADER;
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(dialects.size());
    out.writeShortLE(securityMode);
    out.writeShortLE(0);
    out.writeIntLE(capabilities);
    out.writeBytes(clientGuid);
    int offsetAt = out.writerIndex();
    out.writeLongLE(0);
    dialects.forEach(out::writeShortLE);
    if (!contexts.isEmpty()) {
      Smb2Wire.pad8(out, messageStart);
      out.setIntLE(offsetAt, out.writerIndex() - messageStart);
      out.setShortLE(offsetAt + 4, contexts.size());
      NegotiateContext.encodeList(out, contexts, messageStart);
    }
  }
}
