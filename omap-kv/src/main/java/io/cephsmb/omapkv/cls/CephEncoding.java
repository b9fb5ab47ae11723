package io.cephsmb.omapkv.cls;

import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.InvalidArgumentException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Ceph's wire encoding as object classes read it: little-endian integers, a string or buffer as a
 * u32 length and its bytes, and a versioned struct as {@code u8 version, u8 compat, u32 length,
 * body}. {@link Writer} builds inputs; {@link Reader} checks every length before it reads and fails
 * with {@link InvalidArgumentException} (EINVAL, as a class method answers undecodable input).
 */
public final class CephEncoding {
  private CephEncoding() {}

  /** Builds one encoded value. */
  public static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Writer u8(int v) {
      out.write(v & 0xff);
      return this;
    }

    public Writer u32(long v) {
      for (int i = 0; i < 4; i++) {
        out.write((int) (v >>> (8 * i)) & 0xff);
      }
      return this;
    }

    public Writer u64(long v) {
      for (int i = 0; i < 8; i++) {
        out.write((int) (v >>> (8 * i)) & 0xff);
      }
      return this;
    }

    public Writer bytes(Bytes b) {
      u32(b.length());
      out.writeBytes(b.toArray());
      return this;
    }

    public Writer string(String s) {
      return bytes(Bytes.utf8(s));
    }

    /** A versioned struct whose body {@code body} writes. */
    public Writer struct(int version, int compat, java.util.function.Consumer<Writer> body) {
      Writer inner = new Writer();
      body.accept(inner);
      byte[] b = inner.out.toByteArray();
      u8(version).u8(compat).u32(b.length);
      out.writeBytes(b);
      return this;
    }

    public Bytes toBytes() {
      return Bytes.wrap(out.toByteArray());
    }
  }

  /** Reads one encoded value, checking each length against what remains. */
  public static final class Reader {
    private final ByteBuffer in;
    private final String what;

    public Reader(Bytes b, String what) {
      this.in = ByteBuffer.wrap(b.toArray()).order(ByteOrder.LITTLE_ENDIAN);
      this.what = what;
    }

    private Reader(ByteBuffer in, String what) {
      this.in = in;
      this.what = what;
    }

    private void need(long n) {
      if (n < 0 || n > in.remaining()) {
        throw new InvalidArgumentException(
            Errno.EINVAL,
            what + ": truncated (" + n + " bytes wanted, " + in.remaining() + " left)");
      }
    }

    public int u8() {
      need(1);
      return in.get() & 0xff;
    }

    public long u32() {
      need(4);
      return in.getInt() & 0xffffffffL;
    }

    public long u64() {
      need(8);
      return in.getLong();
    }

    public Bytes bytes() {
      long n = u32();
      need(n);
      byte[] b = new byte[(int) n];
      in.get(b);
      return Bytes.wrap(b);
    }

    public String string() {
      return new String(bytes().toArray(), StandardCharsets.UTF_8);
    }

    /**
     * Enters a versioned struct: checks that this reader knows {@code compat} and returns a reader
     * of exactly its body (fields a newer version appends are skipped with the rest).
     */
    public Reader struct(int known) {
      int version = u8();
      int compat = u8();
      long len = u32();
      if (compat > known) {
        throw new InvalidArgumentException(
            Errno.EINVAL, what + ": struct version " + version + " needs a reader of " + compat);
      }
      need(len);
      ByteBuffer body = in.slice().order(ByteOrder.LITTLE_ENDIAN);
      body.limit((int) len);
      in.position(in.position() + (int) len);
      return new Reader(body, what);
    }

    /** Whether everything was read. */
    public boolean atEnd() {
      return !in.hasRemaining();
    }
  }
}
