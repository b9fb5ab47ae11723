package io.cephsmb.omapkv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string: omap values, xattrs, payloads. Ordered as unsigned bytes,
 * lexicographically, which is how RADOS compares omap values and keys.
 */
public final class Bytes implements Comparable<Bytes> {

  /** The empty value; a missing omap key compares equal to it. */
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] data;

  private Bytes(byte[] data) {
    this.data = data;
  }

  /** A copy of {@code b}. */
  public static Bytes of(byte[] b) {
    return b.length == 0 ? EMPTY : new Bytes(b.clone());
  }

  /** A copy of {@code b[off, off+len)}. */
  public static Bytes of(byte[] b, int off, int len) {
    return len == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(b, off, off + len));
  }

  /** UTF-8 of {@code s}. */
  public static Bytes utf8(String s) {
    return of(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Takes {@code b} without copying: the caller must never change it afterwards. */
  public static Bytes wrap(byte[] b) {
    return b.length == 0 ? EMPTY : new Bytes(b);
  }

  public int length() {
    return data.length;
  }

  public boolean isEmpty() {
    return data.length == 0;
  }

  public byte byteAt(int i) {
    return data[i];
  }

  /** A copy of the bytes. */
  public byte[] toArray() {
    return data.clone();
  }

  /** The bytes decoded as UTF-8. */
  public String utf8() {
    return new String(data, StandardCharsets.UTF_8);
  }

  public String hex() {
    return HexFormat.of().formatHex(data);
  }

  @Override
  public int compareTo(Bytes o) {
    return Arrays.compareUnsigned(data, o.data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes b && Arrays.equals(data, b.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return data.length <= 32 ? "Bytes[" + hex() + "]" : "Bytes[" + data.length + " bytes]";
  }
}
