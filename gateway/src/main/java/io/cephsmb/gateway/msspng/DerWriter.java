package io.cephsmb.gateway.msspng;

import java.io.ByteArrayOutputStream;

/** DER encoding helpers: each returns the complete element. */
final class DerWriter {
  private DerWriter() {}

  static byte[] element(int tag, byte[]... contents) {
    int len = 0;
    for (byte[] c : contents) {
      len += c.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(len + 6);
    out.write(tag);
    if (len < 0x80) {
      out.write(len);
    } else {
      int n = len < 0x100 ? 1 : len < 0x10000 ? 2 : len < 0x1000000 ? 3 : 4;
      out.write(0x80 | n);
      for (int i = n - 1; i >= 0; i--) {
        out.write(len >>> (8 * i));
      }
    }
    for (byte[] c : contents) {
      out.writeBytes(c);
    }
    return out.toByteArray();
  }
}
