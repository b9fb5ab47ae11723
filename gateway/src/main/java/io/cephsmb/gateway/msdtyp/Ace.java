package io.cephsmb.gateway.msdtyp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * [MS-DTYP] 2.4.4 ACE: ACE_HEADER (2.4.4.1: AceType, AceFlags, AceSize) and, for the types with a
 * mask and one SID (ACCESS_ALLOWED 2.4.4.2, ACCESS_DENIED 2.4.4.4, SYSTEM_AUDIT 2.4.4.10,
 * SYSTEM_MANDATORY_LABEL 2.4.4.13), the mask and SID. Other types (object, callback, resource
 * attribute ACEs) are kept as their raw body so they survive a decode/encode round trip.
 *
 * @param type AceType
 * @param flags AceFlags
 * @param mask the ACCESS_MASK (for an opaque ACE: its first four body bytes, informational)
 * @param sid the SID, null for an opaque ACE
 * @param opaque the body after the header of an ACE of another type, else null
 */
public record Ace(int type, int flags, int mask, Sid sid, byte[] opaque) {
  public static final int ACCESS_ALLOWED = 0x00;
  public static final int ACCESS_DENIED = 0x01;
  public static final int SYSTEM_AUDIT = 0x02;
  public static final int SYSTEM_MANDATORY_LABEL = 0x11;

  public static final int OBJECT_INHERIT = 0x01;
  public static final int CONTAINER_INHERIT = 0x02;
  public static final int NO_PROPAGATE_INHERIT = 0x04;
  public static final int INHERIT_ONLY = 0x08;
  public static final int INHERITED = 0x10;

  /** Checks the fields. */
  public Ace {
    if (type < 0 || type > 0xff || flags < 0 || flags > 0xff) {
      throw new DtypException("AceType/AceFlags out of range");
    }
    if ((sid == null) == (opaque == null)) {
      throw new DtypException("an ACE has either a SID or an opaque body");
    }
    opaque = opaque == null ? null : opaque.clone();
    if (opaque != null && 4 + opaque.length > 0xFFFF) {
      throw new DtypException("ACE too large");
    }
  }

  /** An ACE of a simple type (mask and SID). */
  public static Ace of(int type, int flags, int mask, Sid sid) {
    if (!simple(type)) {
      throw new DtypException("AceType " + type + " has no plain mask+SID body");
    }
    return new Ace(type, flags, mask, sid, null);
  }

  private static boolean simple(int type) {
    return type == ACCESS_ALLOWED
        || type == ACCESS_DENIED
        || type == SYSTEM_AUDIT
        || type == SYSTEM_MANDATORY_LABEL;
  }

  @Override
  public byte[] opaque() {
    return opaque == null ? null : opaque.clone();
  }

  /** This ACE with other flags. */
  public Ace withFlags(int f) {
    return new Ace(type, f, mask, sid, opaque);
  }

  /** This ACE with another SID (simple types only). */
  public Ace withSid(Sid s) {
    return of(type, flags, mask, s);
  }

  /** AceSize: header, mask and SID (4-byte aligned as encoded). */
  public int length() {
    int n = opaque != null ? 4 + opaque.length : 8 + sid.length();
    return (n + 3) & ~3;
  }

  /** Appends the ACE. */
  public void encode(ByteBuffer out) {
    ByteOrder o = out.order();
    out.order(ByteOrder.LITTLE_ENDIAN);
    int start = out.position();
    out.put((byte) type);
    out.put((byte) flags);
    out.putShort((short) length());
    if (opaque != null) {
      out.put(opaque);
    } else {
      out.putInt(mask);
      sid.encode(out);
    }
    while (out.position() - start < length()) {
      out.put((byte) 0);
    }
    out.order(o);
  }

  /** Decodes the ACE at {@code offset}; AceSize must fit inside {@code limit}. */
  public static Ace decode(byte[] b, int offset, int limit) {
    if (offset + 4 > limit) {
      throw new DtypException("ACE header outside the ACL");
    }
    int type = b[offset] & 0xff;
    int flags = b[offset + 1] & 0xff;
    int size = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(offset + 2) & 0xffff;
    if (size < 4 || offset + size > limit || (size & 3) != 0) {
      throw new DtypException("AceSize " + size);
    }
    if (!simple(type)) {
      byte[] body = Arrays.copyOfRange(b, offset + 4, offset + size);
      int mask = size >= 8 ? ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).getInt(0) : 0;
      return new Ace(type, flags, mask, null, body);
    }
    if (size < 8 + 8) {
      throw new DtypException("AceSize " + size + " too small for a SID");
    }
    int mask = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(offset + 4);
    Sid sid = Sid.decode(b, offset + 8, offset + size);
    return new Ace(type, flags, mask, sid, null);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Ace)) {
      return false;
    }
    Ace a = (Ace) o;
    return a.type == type
        && a.flags == flags
        && a.mask == mask
        && java.util.Objects.equals(a.sid, sid)
        && Arrays.equals(a.opaque, opaque);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(type, flags, mask, sid) * 31 + Arrays.hashCode(opaque);
  }

  @Override
  public String toString() {
    return String.format(
        "Ace[type=%d, flags=0x%02x, mask=0x%08x, %s]",
        type, flags, mask, sid != null ? sid : opaque.length + " bytes");
  }
}
