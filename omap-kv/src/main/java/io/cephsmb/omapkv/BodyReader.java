package io.cephsmb.omapkv;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads a record body field by field, checking every length against what is left: a short or lying
 * body gives {@link CorruptRecordException}, never an out-of-bounds error.
 */
public final class BodyReader {
  private final String type;
  private final ByteBuffer b;

  public BodyReader(String type, Bytes body) {
    this.type = type;
    this.b = ByteBuffer.wrap(body.toArray());
  }

  private void need(int n, String field) {
    if (n < 0 || b.remaining() < n) {
      throw new CorruptRecordException(
          type + " record: " + field + " needs " + n + " bytes, " + b.remaining() + " left");
    }
  }

  public int u8(String field) {
    need(1, field);
    return b.get() & 0xFF;
  }

  public int u16(String field) {
    need(2, field);
    return b.getShort() & 0xFFFF;
  }

  public int i32(String field) {
    need(4, field);
    return b.getInt();
  }

  public long i64(String field) {
    need(8, field);
    return b.getLong();
  }

  public boolean bool(String field) {
    int v = u8(field);
    if (v > 1) {
      throw new CorruptRecordException(type + " record: " + field + " is not a boolean: " + v);
    }
    return v == 1;
  }

  /** A UTF-8 string with a 32-bit length. */
  public String string(String field) {
    return new String(bytes(field), StandardCharsets.UTF_8);
  }

  /** A byte string with a 32-bit length. */
  public byte[] bytes(String field) {
    int n = i32(field + " length");
    need(n, field);
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  /** Whether the body has bytes left (newer writers may append fields). */
  public boolean hasMore() {
    return b.hasRemaining();
  }
}
