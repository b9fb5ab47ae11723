package io.cephsmb.dcerpc.pdu;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable octet string (stub data, auth values, tokens). */
public final class Octets {
  /** No octets. */
  public static final Octets EMPTY = new Octets(new byte[0]);

  private final byte[] bytes;

  private Octets(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  public static Octets of(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
  }

  /** From hex digits (whitespace ignored). */
  public static Octets ofHex(String hex) {
    return of(HexFormat.of().parseHex(hex.replaceAll("\\s", "")));
  }

  /** Takes ownership of {@code bytes}; the caller must not change them afterwards. */
  static Octets wrap(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Octets(bytes);
  }

  public int length() {
    return bytes.length;
  }

  /** A copy of the octets. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** The octets {@code [from, to)}. */
  public Octets slice(int from, int to) {
    return wrap(Arrays.copyOfRange(bytes, from, to));
  }

  /** The octet at {@code index}, unsigned. */
  public int get(int index) {
    return bytes[index] & 0xff;
  }

  /** Writes the octets to {@code out}. */
  public void writeTo(io.netty.buffer.ByteBuf out) {
    out.writeBytes(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
