package io.cephsmb.gateway.msnlmp;

import java.nio.charset.StandardCharsets;

/**
 * [MS-NLMP] 2.2.2.1 AV_PAIR: one attribute of the target information.
 *
 * @param id the AvId (see the constants)
 * @param value the value bytes
 */
public record AvPair(int id, byte[] value) {
  public static final int MSV_AV_EOL = 0x0000;
  public static final int MSV_AV_NB_COMPUTER_NAME = 0x0001;
  public static final int MSV_AV_NB_DOMAIN_NAME = 0x0002;
  public static final int MSV_AV_DNS_COMPUTER_NAME = 0x0003;
  public static final int MSV_AV_DNS_DOMAIN_NAME = 0x0004;
  public static final int MSV_AV_DNS_TREE_NAME = 0x0005;
  public static final int MSV_AV_FLAGS = 0x0006;
  public static final int MSV_AV_TIMESTAMP = 0x0007;
  public static final int MSV_AV_SINGLE_HOST = 0x0008;
  public static final int MSV_AV_TARGET_NAME = 0x0009;
  public static final int MSV_AV_CHANNEL_BINDINGS = 0x000A;

  /** MsvAvFlags bit: the AUTHENTICATE_MESSAGE carries a MIC. */
  public static final int FLAG_MIC_PRESENT = 0x00000002;

  /** Checks the value fits an AvLen and copies it. */
  public AvPair {
    if (id < 0 || id > 0xffff || value.length > 0xffff) {
      throw new IllegalArgumentException("AvId and AvLen are 16-bit");
    }
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** A pair whose value is a UTF-16LE string (the name attributes). */
  public static AvPair ofString(int id, String s) {
    return new AvPair(id, s.getBytes(StandardCharsets.UTF_16LE));
  }

  /** The value as a UTF-16LE string. */
  public String stringValue() {
    return NtlmReader.string(value, true, "AV_PAIR " + id);
  }

  /**
   * A pair whose value is a little-endian 32-bit (MsvAvFlags) or 64-bit (MsvAvTimestamp) number.
   */
  public static AvPair ofNumber(int id, long v, int bytes) {
    byte[] b = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return new AvPair(id, b);
  }

  /** The value as an unsigned little-endian number (at most 8 bytes). */
  public long numberValue() {
    if (value.length > 8) {
      throw new NtlmDecodeException("AV_PAIR " + id + " is not a number");
    }
    long v = 0;
    for (int i = value.length - 1; i >= 0; i--) {
      v = v << 8 | (value[i] & 0xff);
    }
    return v;
  }
}
