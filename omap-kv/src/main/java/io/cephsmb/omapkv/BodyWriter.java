package io.cephsmb.omapkv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a record body field by field, in the format {@link BodyReader} reads. */
public final class BodyWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public BodyWriter u8(int v) {
    out.write(v);
    return this;
  }

  public BodyWriter u16(int v) {
    out.write(v >>> 8);
    out.write(v);
    return this;
  }

  public BodyWriter i32(int v) {
    for (int s = 24; s >= 0; s -= 8) {
      out.write(v >>> s);
    }
    return this;
  }

  public BodyWriter i64(long v) {
    for (int s = 56; s >= 0; s -= 8) {
      out.write((int) (v >>> s));
    }
    return this;
  }

  public BodyWriter bool(boolean v) {
    return u8(v ? 1 : 0);
  }

  public BodyWriter string(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  public BodyWriter bytes(byte[] b) {
    i32(b.length);
    out.write(b, 0, b.length);
    return this;
  }

  public Bytes toBytes() {
    return Bytes.wrap(out.toByteArray());
  }
}
