package io.cephsmb.gateway.crypto;

/** Little-endian reads and writes on byte arrays; callers check bounds first. */
final class LittleEndian {
  private LittleEndian() {}

  static int getShort(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
  }

  static int getInt(byte[] b, int off) {
    return getShort(b, off) | getShort(b, off + 2) << 16;
  }

  static long getLong(byte[] b, int off) {
    return (getInt(b, off) & 0xffffffffL) | ((long) getInt(b, off + 4)) << 32;
  }

  static void putShort(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
  }

  static void putInt(byte[] b, int off, int v) {
    putShort(b, off, v);
    putShort(b, off + 2, v >>> 16);
  }

  static void putLong(byte[] b, int off, long v) {
    putInt(b, off, (int) v);
    putInt(b, off + 4, (int) (v >>> 32));
  }
}
