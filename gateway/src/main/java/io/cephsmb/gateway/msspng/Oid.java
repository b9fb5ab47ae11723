package io.cephsmb.gateway.msspng;

import java.io.ByteArrayOutputStream;

/** OBJECT IDENTIFIER contents ([X.690] 8.19) to and from dotted strings. */
public final class Oid {
  /** SPNEGO, [RFC4178]. */
  public static final String SPNEGO = "1.3.6.1.5.5.2";

  /** NTLMSSP, [MS-NLMP]. */
  public static final String NTLMSSP = "1.3.6.1.4.1.311.2.2.10";

  /** Kerberos V5, [RFC4121]. */
  public static final String KRB5 = "1.2.840.113554.1.2.2";

  /** Microsoft's legacy Kerberos OID, [MS-KILE]. */
  public static final String MS_KRB5 = "1.2.840.48018.1.2.2";

  /** NEGOEX, [MS-NEGOEX]. */
  public static final String NEGOEX = "1.3.6.1.4.1.311.2.2.30";

  static final int TAG = 0x06;

  private Oid() {}

  /** The contents octets of a dotted OID. */
  static byte[] encode(String dotted) {
    String[] parts = dotted.split("\\.", -1);
    if (parts.length < 2) {
      throw new IllegalArgumentException("OID needs two arcs: " + dotted);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long first = Long.parseLong(parts[0]) * 40 + Long.parseLong(parts[1]);
    base128(out, first);
    for (int i = 2; i < parts.length; i++) {
      base128(out, Long.parseLong(parts[i]));
    }
    return out.toByteArray();
  }

  private static void base128(ByteArrayOutputStream out, long v) {
    int groups = 1;
    for (long t = v >>> 7; t != 0; t >>>= 7) {
      groups++;
    }
    for (int g = groups - 1; g >= 0; g--) {
      out.write((int) ((v >>> (7 * g)) & 0x7f) | (g > 0 ? 0x80 : 0));
    }
  }

  /** The dotted form of OID contents octets. */
  static String decode(byte[] c) {
    if (c.length == 0 || (c[c.length - 1] & 0x80) != 0) {
      throw new SpnegoException("DER: truncated OBJECT IDENTIFIER");
    }
    StringBuilder sb = new StringBuilder();
    long v = 0;
    boolean start = true;
    for (byte b : c) {
      if (start && (b & 0xff) == 0x80) {
        throw new SpnegoException("DER: OBJECT IDENTIFIER arc with a leading 0x80");
      }
      if (v > (Long.MAX_VALUE >>> 7)) {
        throw new SpnegoException("DER: OBJECT IDENTIFIER arc too large");
      }
      v = v << 7 | (b & 0x7f);
      start = (b & 0x80) == 0;
      if (start) {
        if (sb.length() == 0) {
          long first = Math.min(v / 40, 2);
          sb.append(first).append('.').append(v - first * 40);
        } else {
          sb.append('.').append(v);
        }
        v = 0;
      }
    }
    return sb.toString();
  }
}
