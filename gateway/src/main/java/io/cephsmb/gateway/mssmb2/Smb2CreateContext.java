package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * [MS-SMB2] 2.2.13.2 SMB2_CREATE_CONTEXT: one element of the create-context chain of a CREATE
 * request or response. Names are 4-byte ASCII tags ("MxAc", "QFid", "AlSi", "DHnQ", "RqLs", ...) or
 * 16-byte GUIDs (the app instance id and version contexts); both are kept as bytes.
 *
 * @param name Buffer[NameOffset..NameOffset+NameLength]
 * @param data Buffer[DataOffset..DataOffset+DataLength]
 */
public record Smb2CreateContext(byte[] name, byte[] data) {
  /** SMB2_CREATE_QUERY_MAXIMAL_ACCESS_REQUEST (2.2.13.2.5). */
  public static final String MXAC = "MxAc";

  /** SMB2_CREATE_QUERY_ON_DISK_ID (2.2.13.2.9). */
  public static final String QFID = "QFid";

  /** SMB2_CREATE_ALLOCATION_SIZE (2.2.13.2.6). */
  public static final String ALSI = "AlSi";

  /** SMB2_CREATE_EA_BUFFER (2.2.13.2.1). */
  public static final String EXTA = "ExtA";

  /** SMB2_CREATE_SD_BUFFER (2.2.13.2.2). */
  public static final String SECD = "SecD";

  /** Copies the arrays. */
  public Smb2CreateContext {
    name = name.clone();
    data = data.clone();
  }

  @Override
  public byte[] name() {
    return name.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** A context with an ASCII tag name. */
  public static Smb2CreateContext of(String tag, byte[] data) {
    return new Smb2CreateContext(tag.getBytes(StandardCharsets.US_ASCII), data);
  }

  /** Whether the name is the ASCII tag {@code tag}. */
  public boolean is(String tag) {
    return Arrays.equals(name, tag.getBytes(StandardCharsets.US_ASCII));
  }

  /** The name as ASCII (GUID names come out as garbage, which matches no tag). */
  public String tag() {
    return new String(name, StandardCharsets.ISO_8859_1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Smb2CreateContext c
        && Arrays.equals(name, c.name)
        && Arrays.equals(data, c.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(name) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Smb2CreateContext[" + tag() + ", " + data.length + " bytes]";
  }

  /**
   * Reads the chain at the absolute index {@code start} of {@code length} bytes (already checked to
   * lie inside the message). Every Next, name and data must stay inside the chain, Next must move
   * forward by a multiple of 8; anything else is STATUS_INVALID_PARAMETER ([MS-SMB2] 3.3.5.9).
   */
  static List<Smb2CreateContext> decodeChain(ByteBuf m, int start, int length) {
    List<Smb2CreateContext> out = new ArrayList<>();
    if (length == 0) {
      return out;
    }
    int end = start + length;
    int at = start;
    while (true) {
      if (end - at < 16) {
        throw new Smb2DecodeException("create context: truncated header");
      }
      long next = m.getUnsignedIntLE(at);
      int nameOffset = m.getUnsignedShortLE(at + 4);
      int nameLength = m.getUnsignedShortLE(at + 6);
      int dataOffset = m.getUnsignedShortLE(at + 10);
      long dataLength = m.getUnsignedIntLE(at + 12);
      long ctxEnd = next == 0 ? end : at + next;
      if (next != 0 && ((next & 7) != 0 || next < 16 || ctxEnd > end)) {
        throw new Smb2DecodeException("create context: bad Next " + next);
      }
      if (nameLength < 4 || nameOffset < 16 || at + (long) nameOffset + nameLength > ctxEnd) {
        throw new Smb2DecodeException("create context: name outside the context");
      }
      if (dataLength != 0 && (dataOffset < 16 || at + (long) dataOffset + dataLength > ctxEnd)) {
        throw new Smb2DecodeException("create context: data outside the context");
      }
      byte[] name = Smb2Wire.bytes(m, at + nameOffset, nameLength);
      byte[] data =
          dataLength == 0 ? new byte[0] : Smb2Wire.bytes(m, at + dataOffset, (int) dataLength);
      out.add(new Smb2CreateContext(name, data));
      if (out.size() > 64) {
        throw new Smb2DecodeException("create context: too many contexts");
      }
      if (next == 0) {
        return out;
      }
      at = (int) ctxEnd;
    }
  }

  /**
   * Writes the chain: each context 8-byte aligned, name at 16, data at the next multiple of 8 after
   * the name. Returns the number of bytes written.
   */
  static int encodeChain(ByteBuf out, List<Smb2CreateContext> contexts) {
    int start = out.writerIndex();
    for (int i = 0; i < contexts.size(); i++) {
      Smb2CreateContext c = contexts.get(i);
      int at = out.writerIndex();
      int dataOffset = c.data.length == 0 ? 0 : (16 + c.name.length + 7) & ~7;
      int size = dataOffset == 0 ? 16 + c.name.length : dataOffset + c.data.length;
      int next = i == contexts.size() - 1 ? 0 : (size + 7) & ~7;
      out.writeIntLE(next);
      out.writeShortLE(16);
      out.writeShortLE(c.name.length);
      out.writeShortLE(0);
      out.writeShortLE(dataOffset);
      out.writeIntLE(c.data.length);
      out.writeBytes(c.name);
      if (c.data.length > 0) {
        out.writeZero(at + dataOffset - out.writerIndex());
        out.writeBytes(c.data);
      }
      if (next != 0) {
        out.writeZero(at + next - out.writerIndex());
      }
    }
    return out.writerIndex() - start;
  }
}
