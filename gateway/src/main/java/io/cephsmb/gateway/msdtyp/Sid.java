package io.cephsmb.gateway.msdtyp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-DTYP] 2.4.2.2 SID: revision 1, a 48-bit big-endian IdentifierAuthority and up to 15 32-bit
 * little-endian SubAuthority values; 2.4.2.1 the string form {@code S-1-5-32-544}.
 *
 * @param authority the IdentifierAuthority (0 .. 2^48-1)
 * @param subAuthorities the SubAuthority values (unsigned 32-bit each, 0 to 15 of them)
 */
public record Sid(long authority, long[] subAuthorities) {
  /** S-1-1-0 Everyone. */
  public static final Sid EVERYONE = parse("S-1-1-0");

  /** S-1-3-0 CREATOR OWNER (replaced by the owner when inherited). */
  public static final Sid CREATOR_OWNER = parse("S-1-3-0");

  /** S-1-3-1 CREATOR GROUP (replaced by the group when inherited). */
  public static final Sid CREATOR_GROUP = parse("S-1-3-1");

  /** S-1-5-11 Authenticated Users. */
  public static final Sid AUTHENTICATED_USERS = parse("S-1-5-11");

  /** S-1-5-18 Local System. */
  public static final Sid SYSTEM = parse("S-1-5-18");

  /** S-1-22-1: the Unix users domain (Samba's scheme): S-1-22-1-uid. */
  private static final long UNIX_AUTHORITY = 22;

  /** Checks and copies. */
  public Sid {
    if (authority < 0 || authority > 0xFFFFFFFFFFFFL) {
      throw new DtypException("IdentifierAuthority out of range");
    }
    if (subAuthorities.length > 15) {
      throw new DtypException("more than 15 SubAuthorities");
    }
    subAuthorities = subAuthorities.clone();
    for (long s : subAuthorities) {
      if (s < 0 || s > 0xFFFFFFFFL) {
        throw new DtypException("SubAuthority out of range");
      }
    }
  }

  /** The SubAuthority values (a copy). */
  @Override
  public long[] subAuthorities() {
    return subAuthorities.clone();
  }

  /** S-1-22-1-uid, the SID of a POSIX user. */
  public static Sid unixUser(long uid) {
    return new Sid(UNIX_AUTHORITY, new long[] {1, uid & 0xFFFFFFFFL});
  }

  /** S-1-22-2-gid, the SID of a POSIX group. */
  public static Sid unixGroup(long gid) {
    return new Sid(UNIX_AUTHORITY, new long[] {2, gid & 0xFFFFFFFFL});
  }

  /** The uid of an S-1-22-1-uid SID, or -1. */
  public long unixUid() {
    return unixId(1);
  }

  /** The gid of an S-1-22-2-gid SID, or -1. */
  public long unixGid() {
    return unixId(2);
  }

  private long unixId(long kind) {
    return authority == UNIX_AUTHORITY && subAuthorities.length == 2 && subAuthorities[0] == kind
        ? subAuthorities[1]
        : -1;
  }

  /** The encoded length: 8 + 4 per SubAuthority. */
  public int length() {
    return 8 + 4 * subAuthorities.length;
  }

  /** Appends the binary form. */
  public void encode(ByteBuffer out) {
    ByteOrder o = out.order();
    out.put((byte) 1);
    out.put((byte) subAuthorities.length);
    for (int i = 5; i >= 0; i--) {
      out.put((byte) (authority >>> (8 * i)));
    }
    out.order(ByteOrder.LITTLE_ENDIAN);
    for (long s : subAuthorities) {
      out.putInt((int) s);
    }
    out.order(o);
  }

  /** The binary form. */
  public byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(length());
    encode(b);
    return b.array();
  }

  /** Decodes a SID at {@code offset} of {@code b}, checking it lies inside {@code limit}. */
  public static Sid decode(byte[] b, int offset, int limit) {
    if (offset < 0 || offset + 8 > limit || limit > b.length) {
      throw new DtypException("SID outside the buffer");
    }
    if (b[offset] != 1) {
      throw new DtypException("SID revision " + b[offset]);
    }
    int n = b[offset + 1] & 0xff;
    if (n > 15) {
      throw new DtypException("SubAuthorityCount " + n);
    }
    if (offset + 8 + 4 * n > limit) {
      throw new DtypException("SID outside the buffer");
    }
    long auth = 0;
    for (int i = 0; i < 6; i++) {
      auth = (auth << 8) | (b[offset + 2 + i] & 0xff);
    }
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    long[] subs = new long[n];
    for (int i = 0; i < n; i++) {
      subs[i] = bb.getInt(offset + 8 + 4 * i) & 0xFFFFFFFFL;
    }
    return new Sid(auth, subs);
  }

  /** Parses the string form {@code S-1-<authority>(-<sub>)*}. */
  public static Sid parse(String s) {
    String[] p = s.split("-", -1);
    if (p.length < 3 || !p[0].equalsIgnoreCase("S") || !p[1].equals("1")) {
      throw new DtypException("not a SID string: " + s);
    }
    try {
      long auth =
          p[2].startsWith("0x") || p[2].startsWith("0X")
              ? Long.parseLong(p[2].substring(2), 16)
              : Long.parseLong(p[2]);
      List<Long> subs = new ArrayList<>();
      for (int i = 3; i < p.length; i++) {
        subs.add(Long.parseLong(p[i]));
      }
      long[] a = new long[subs.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = subs.get(i);
      }
      return new Sid(auth, a);
    } catch (NumberFormatException e) {
      throw new DtypException("not a SID string: " + s);
    }
  }

  /** The string form ([MS-DTYP] 2.4.2.1: authorities of 2^32 and more in hexadecimal). */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("S-1-");
    if (authority >= (1L << 32)) {
      b.append(String.format("0x%012X", authority));
    } else {
      b.append(authority);
    }
    for (long s : subAuthorities) {
      b.append('-').append(s);
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sid
        && ((Sid) o).authority == authority
        && java.util.Arrays.equals(((Sid) o).subAuthorities, subAuthorities);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(authority) * 31 + java.util.Arrays.hashCode(subAuthorities);
  }
}
