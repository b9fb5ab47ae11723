package io.cephsmb.gateway.msnlmp;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked little-endian reads from one NTLMSSP message; every failure is an
 * NtlmDecodeException.
 */
final class NtlmReader {
  static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);

  private final byte[] buf;

  NtlmReader(byte[] buf) {
    this.buf = buf;
  }

  int length() {
    return buf.length;
  }

  /** Checks the signature, the message type and that the fixed part of the message is present. */
  void header(int messageType, int fixedLength, String name) {
    if (buf.length < fixedLength) {
      throw new NtlmDecodeException(
          name + " truncated: " + buf.length + " bytes, at least " + fixedLength + " needed");
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (buf[i] != SIGNATURE[i]) {
        throw new NtlmDecodeException(name + ": signature is not \"NTLMSSP\\0\"");
      }
    }
    long type = u32(8) & 0xffffffffL;
    if (type != messageType) {
      throw new NtlmDecodeException(name + ": MessageType " + type + ", expected " + messageType);
    }
  }

  void require(int offset, int length, String what) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      throw new NtlmDecodeException(what + " lies outside the " + buf.length + "-byte message");
    }
  }

  int u8(int off) {
    require(off, 1, "byte");
    return buf[off] & 0xff;
  }

  int u16(int off) {
    require(off, 2, "16-bit field");
    return (buf[off] & 0xff) | (buf[off + 1] & 0xff) << 8;
  }

  int u32(int off) {
    require(off, 4, "32-bit field");
    return u16(off) | u16(off + 2) << 16;
  }

  byte[] bytes(int off, int len, String what) {
    require(off, len, what);
    byte[] out = new byte[len];
    System.arraycopy(buf, off, out, 0, len);
    return out;
  }

  /**
   * A payload field described by the 8-byte Len/MaxLen/BufferOffset structure at {@code
   * fieldsOffset}. A non-empty field must lie after the fixed header and inside the message.
   */
  byte[] payload(int fieldsOffset, int headerEnd, String what) {
    int len = u16(fieldsOffset);
    long offset = u32(fieldsOffset + 4) & 0xffffffffL;
    if (len == 0) {
      return new byte[0];
    }
    if (offset < headerEnd || offset > buf.length || len > buf.length - offset) {
      throw new NtlmDecodeException(
          what
              + ": "
              + len
              + " bytes at offset "
              + offset
              + " outside the payload of a "
              + buf.length
              + "-byte message");
    }
    return bytes((int) offset, len, what);
  }

  /** The lowest BufferOffset of the non-empty payload fields at the given field offsets. */
  int payloadStart(int... fieldsOffsets) {
    long min = buf.length;
    for (int f : fieldsOffsets) {
      if (u16(f) != 0) {
        min = Math.min(min, u32(f + 4) & 0xffffffffL);
      }
    }
    return (int) min;
  }

  static String string(byte[] b, boolean unicode, String what) {
    if (unicode && b.length % 2 != 0) {
      throw new NtlmDecodeException(what + ": odd length " + b.length + " for a UTF-16 string");
    }
    Charset cs = unicode ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1;
    return new String(b, cs);
  }

  static byte[] encode(String s, boolean unicode) {
    return s.getBytes(unicode ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
  }
}
