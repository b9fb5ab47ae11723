package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 1.7 / 3.3.5.3.1 the SMB1 SMB_COM_NEGOTIATE ([MS-CIFS] 2.2.4.52.1) a client sends to
 * find out whether the server speaks SMB2: the 32-byte SMB1 header with Command 0x72, WordCount 0,
 * ByteCount and the dialect strings, each a 0x02 buffer format byte and a NUL-terminated string.
 * The server only reads it to answer with an SMB2 NEGOTIATE response.
 *
 * @param dialects the dialect strings, e.g. "NT LM 0.12", "SMB 2.002", "SMB 2.???"
 */
public record Smb1NegotiateRequest(List<String> dialects) {
  /** ProtocolId 0xFF 'S' 'M' 'B' read as a little-endian int. */
  public static final int PROTOCOL_ID = 0x424D53FF;

  /** SMB_COM_NEGOTIATE. */
  public static final int COMMAND = 0x72;

  /** The "SMB 2.002" dialect string. */
  public static final String SMB_2_002 = "SMB 2.002";

  /** The "SMB 2.???" dialect string: any SMB2 dialect beyond 2.0.2. */
  public static final String SMB_2_WILDCARD = "SMB 2.???";

  private static final int HEADER_LENGTH = 32;

  /** Copies the list. */
  public Smb1NegotiateRequest {
    dialects = List.copyOf(dialects);
  }

  /** Whether {@code m} starts with an SMB1 header of an SMB_COM_NEGOTIATE. */
  public static boolean isSmb1Negotiate(ByteBuf m) {
    int i = m.readerIndex();
    return m.readableBytes() >= 5
        && m.getIntLE(i) == PROTOCOL_ID
        && m.getUnsignedByte(i + 4) == COMMAND;
  }

  /** Reads the request from a whole SMB1 message. */
  public static Smb1NegotiateRequest decode(ByteBuf m) {
    int i = m.readerIndex();
    int end = m.writerIndex();
    if (end - i < HEADER_LENGTH + 3 || !isSmb1Negotiate(m)) {
      throw new Smb2DecodeException("not an SMB1 NEGOTIATE");
    }
    int wordCount = m.getUnsignedByte(i + HEADER_LENGTH);
    int bytesAt = i + HEADER_LENGTH + 1 + 2 * wordCount;
    if (end - bytesAt < 2) {
      throw new Smb2DecodeException("SMB1 NEGOTIATE: ByteCount outside the message");
    }
    int byteCount = m.getUnsignedShortLE(bytesAt);
    int at = bytesAt + 2;
    if (byteCount > end - at) {
      throw new Smb2DecodeException("SMB1 NEGOTIATE: ByteCount exceeds the message");
    }
    int stop = at + byteCount;
    List<String> dialects = new ArrayList<>();
    while (at < stop) {
      if (m.getUnsignedByte(at) != 0x02) {
        throw new Smb2DecodeException("SMB1 NEGOTIATE: dialect without buffer format 0x02");
      }
      int nul = m.indexOf(at + 1, stop, (byte) 0);
      if (nul < 0) {
        throw new Smb2DecodeException("SMB1 NEGOTIATE: unterminated dialect string");
      }
      dialects.add(m.toString(at + 1, nul - at - 1, StandardCharsets.US_ASCII));
      at = nul + 1;
    }
    return new Smb1NegotiateRequest(dialects);
  }

  /** Writes a whole SMB1 NEGOTIATE message (header and body), as a client would. */
  public void encode(ByteBuf out) {
    out.writeIntLE(PROTOCOL_ID);
    out.writeByte(COMMAND);
    out.writeZero(4); // Status
    out.writeByte(0x18); // Flags: case-insensitive, canonicalized paths
    out.writeShortLE(0xC853); // Flags2: Unicode, NT status, extended security, long names...
    out.writeZero(HEADER_LENGTH - 12); // PIDHigh, SecurityFeatures, Reserved, TID, PIDLow, UID, MID
    out.writeByte(0); // WordCount
    int countAt = out.writerIndex();
    out.writeShortLE(0);
    int start = out.writerIndex();
    for (String d : dialects) {
      out.writeByte(0x02);
      out.writeCharSequence(d, StandardCharsets.US_ASCII);
      out.writeByte(0);
    }
    out.setShortLE(countAt, out.writerIndex() - start);
  }
}
