package io.cephsmb.gateway.msdtyp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * [MS-DTYP] 2.4.6 SECURITY_DESCRIPTOR in self-relative form: Revision 1, Sbz1, Control, then the
 * offsets of owner, group, SACL and DACL (0: absent). Encoded in the order Windows uses: SACL,
 * DACL, owner, group. A DACL that is present but NULL (everyone has access) is SE_DACL_PRESENT with
 * no {@link #dacl()}.
 *
 * @param control the Control bits (SE_SELF_RELATIVE is added when encoding)
 * @param owner the owner SID or null
 * @param group the group SID or null
 * @param sacl the SACL or null
 * @param dacl the DACL or null
 */
public record SecurityDescriptor(int control, Sid owner, Sid group, Acl sacl, Acl dacl) {
  public static final int OWNER_DEFAULTED = 0x0001;
  public static final int GROUP_DEFAULTED = 0x0002;
  public static final int DACL_PRESENT = 0x0004;
  public static final int DACL_DEFAULTED = 0x0008;
  public static final int SACL_PRESENT = 0x0010;
  public static final int SACL_DEFAULTED = 0x0020;
  public static final int DACL_AUTO_INHERIT_REQ = 0x0100;
  public static final int SACL_AUTO_INHERIT_REQ = 0x0200;
  public static final int DACL_AUTO_INHERITED = 0x0400;
  public static final int SACL_AUTO_INHERITED = 0x0800;
  public static final int DACL_PROTECTED = 0x1000;
  public static final int SACL_PROTECTED = 0x2000;
  public static final int SELF_RELATIVE = 0x8000;

  /** The DACL bits of Control. */
  public static final int DACL_BITS =
      DACL_PRESENT | DACL_DEFAULTED | DACL_AUTO_INHERIT_REQ | DACL_AUTO_INHERITED | DACL_PROTECTED;

  /** The SACL bits of Control. */
  public static final int SACL_BITS =
      SACL_PRESENT | SACL_DEFAULTED | SACL_AUTO_INHERIT_REQ | SACL_AUTO_INHERITED | SACL_PROTECTED;

  // [MS-DTYP] 2.4.7 SECURITY_INFORMATION
  public static final int OWNER_SECURITY_INFORMATION = 0x1;
  public static final int GROUP_SECURITY_INFORMATION = 0x2;
  public static final int DACL_SECURITY_INFORMATION = 0x4;
  public static final int SACL_SECURITY_INFORMATION = 0x8;
  public static final int LABEL_SECURITY_INFORMATION = 0x10;

  /** Checks and normalizes: a DACL or SACL makes its PRESENT bit set. */
  public SecurityDescriptor {
    if (control < 0 || control > 0xFFFF) {
      throw new DtypException("Control out of range");
    }
    control |= SELF_RELATIVE;
    if (dacl != null) {
      control |= DACL_PRESENT;
    }
    if (sacl != null) {
      control |= SACL_PRESENT;
    }
  }

  /** Whether the DACL is present (possibly NULL). */
  public boolean daclPresent() {
    return (control & DACL_PRESENT) != 0;
  }

  /** Whether the DACL is present and NULL: no protection at all. */
  public boolean nullDacl() {
    return daclPresent() && dacl == null;
  }

  /** The self-relative length. */
  public int length() {
    int n = 20;
    n += sacl != null ? sacl.length() : 0;
    n += dacl != null ? dacl.length() : 0;
    n += owner != null ? owner.length() : 0;
    n += group != null ? group.length() : 0;
    return n;
  }

  /** The self-relative encoding. */
  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(length()).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 1);
    b.put((byte) 0);
    b.putShort((short) control);
    int at = 20;
    int sacl0 = 0;
    int dacl0 = 0;
    int owner0 = 0;
    int group0 = 0;
    if (sacl != null) {
      sacl0 = at;
      at += sacl.length();
    }
    if (dacl != null) {
      dacl0 = at;
      at += dacl.length();
    }
    if (owner != null) {
      owner0 = at;
      at += owner.length();
    }
    if (group != null) {
      group0 = at;
    }
    b.putInt(owner0).putInt(group0).putInt(sacl0).putInt(dacl0);
    if (sacl != null) {
      sacl.encode(b);
    }
    if (dacl != null) {
      dacl.encode(b);
    }
    if (owner != null) {
      owner.encode(b);
    }
    if (group != null) {
      group.encode(b);
    }
    return b.array();
  }

  /**
   * Decodes a self-relative descriptor: Revision 1, SE_SELF_RELATIVE set, every offset 0 or inside
   * {@code b} past the header, every part inside {@code b}.
   */
  public static SecurityDescriptor decode(byte[] b) {
    if (b.length < 20) {
      throw new DtypException("security descriptor shorter than its header");
    }
    if (b[0] != 1) {
      throw new DtypException("Revision " + b[0]);
    }
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int control = bb.getShort(2) & 0xffff;
    if ((control & SELF_RELATIVE) == 0) {
      throw new DtypException("not self-relative");
    }
    long owner0 = bb.getInt(4) & 0xFFFFFFFFL;
    long group0 = bb.getInt(8) & 0xFFFFFFFFL;
    long sacl0 = bb.getInt(12) & 0xFFFFFFFFL;
    long dacl0 = bb.getInt(16) & 0xFFFFFFFFL;
    Sid owner = owner0 == 0 ? null : Sid.decode(b, offset(owner0, b), b.length);
    Sid group = group0 == 0 ? null : Sid.decode(b, offset(group0, b), b.length);
    Acl sacl =
        (control & SACL_PRESENT) == 0 || sacl0 == 0
            ? null
            : Acl.decode(b, offset(sacl0, b), b.length);
    Acl dacl =
        (control & DACL_PRESENT) == 0 || dacl0 == 0
            ? null
            : Acl.decode(b, offset(dacl0, b), b.length);
    return new SecurityDescriptor(control, owner, group, sacl, dacl);
  }

  private static int offset(long o, byte[] b) {
    if (o < 20 || o >= b.length) {
      throw new DtypException("offset " + o + " outside the descriptor");
    }
    return (int) o;
  }

  /** This descriptor with only the parts {@code info} (SECURITY_INFORMATION bits) asks for. */
  public SecurityDescriptor select(int info) {
    int c = control & ~(DACL_BITS | SACL_BITS | OWNER_DEFAULTED | GROUP_DEFAULTED);
    if ((info & OWNER_SECURITY_INFORMATION) != 0) {
      c |= control & OWNER_DEFAULTED;
    }
    if ((info & GROUP_SECURITY_INFORMATION) != 0) {
      c |= control & GROUP_DEFAULTED;
    }
    if ((info & DACL_SECURITY_INFORMATION) != 0) {
      c |= control & DACL_BITS;
    }
    if ((info & SACL_SECURITY_INFORMATION) != 0) {
      c |= control & SACL_BITS;
    }
    return new SecurityDescriptor(
        c,
        (info & OWNER_SECURITY_INFORMATION) != 0 ? owner : null,
        (info & GROUP_SECURITY_INFORMATION) != 0 ? group : null,
        (info & SACL_SECURITY_INFORMATION) != 0 ? sacl : null,
        (info & DACL_SECURITY_INFORMATION) != 0 ? dacl : null);
  }

  /**
   * This descriptor with the parts {@code info} names replaced by those of {@code from} (the merge
   * of a SET_INFO of security).
   */
  public SecurityDescriptor merge(SecurityDescriptor from, int info) {
    int c = control;
    Sid o = owner;
    Sid g = group;
    Acl s = sacl;
    Acl d = dacl;
    if ((info & OWNER_SECURITY_INFORMATION) != 0) {
      o = from.owner;
      c = (c & ~OWNER_DEFAULTED) | (from.control & OWNER_DEFAULTED);
    }
    if ((info & GROUP_SECURITY_INFORMATION) != 0) {
      g = from.group;
      c = (c & ~GROUP_DEFAULTED) | (from.control & GROUP_DEFAULTED);
    }
    if ((info & DACL_SECURITY_INFORMATION) != 0) {
      d = from.dacl;
      c = (c & ~DACL_BITS) | (from.control & DACL_BITS);
    }
    if ((info & SACL_SECURITY_INFORMATION) != 0) {
      s = from.sacl;
      c = (c & ~SACL_BITS) | (from.control & SACL_BITS);
    }
    return new SecurityDescriptor(c, o, g, s, d);
  }
}
