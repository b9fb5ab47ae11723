package io.cephsmb.gateway.msnlmp;

import java.io.ByteArrayOutputStream;

/** Builds one NTLMSSP message: a fixed header followed by the payload fields in call order. */
final class NtlmWriter {
  private final byte[] header;
  private final ByteArrayOutputStream payload = new ByteArrayOutputStream();

  NtlmWriter(int messageType, int headerLength) {
    header = new byte[headerLength];
    System.arraycopy(NtlmReader.SIGNATURE, 0, header, 0, 8);
    u32(8, messageType);
  }

  void u32(int off, int v) {
    header[off] = (byte) v;
    header[off + 1] = (byte) (v >>> 8);
    header[off + 2] = (byte) (v >>> 16);
    header[off + 3] = (byte) (v >>> 24);
  }

  void u16(int off, int v) {
    header[off] = (byte) v;
    header[off + 1] = (byte) (v >>> 8);
  }

  void bytes(int off, byte[] b) {
    System.arraycopy(b, 0, header, off, b.length);
  }

  byte[] header() {
    return header;
  }

  /**
   * Appends a payload field and fills its Len/MaxLen/BufferOffset; an empty field gets offset 0.
   */
  void payload(int fieldsOffset, byte[] value) {
    if (value.length > 0xffff) {
      throw new IllegalArgumentException("payload field longer than 65535 bytes");
    }
    u16(fieldsOffset, value.length);
    u16(fieldsOffset + 2, value.length);
    u32(fieldsOffset + 4, value.length == 0 ? 0 : header.length + payload.size());
    payload.writeBytes(value);
  }

  byte[] toByteArray() {
    byte[] p = payload.toByteArray();
    byte[] out = new byte[header.length + p.length];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(p, 0, out, header.length, p.length);
    return out;
  }
}
