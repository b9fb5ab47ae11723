package io.cephsmb.gateway.msdtyp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-DTYP] 2.4.5 ACL: AclRevision (2, or 4 with object ACEs), Sbz1, AclSize, AceCount, Sbz2, then
 * the ACEs.
 *
 * @param revision AclRevision
 * @param aces the ACEs in order
 */
public record Acl(int revision, List<Ace> aces) {
  public static final int REVISION = 2;
  public static final int REVISION_DS = 4;

  /** Checks and copies. */
  public Acl {
    if (revision != REVISION && revision != REVISION_DS) {
      throw new DtypException("AclRevision " + revision);
    }
    aces = List.copyOf(aces);
    if (aces.size() > 0xFFFF) {
      throw new DtypException("too many ACEs");
    }
  }

  /** An ACL of revision 2. */
  public static Acl of(List<Ace> aces) {
    return new Acl(REVISION, aces);
  }

  /** AclSize. */
  public int length() {
    int n = 8;
    for (Ace a : aces) {
      n += a.length();
    }
    return n;
  }

  /** Appends the ACL. */
  public void encode(ByteBuffer out) {
    ByteOrder o = out.order();
    out.order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) revision);
    out.put((byte) 0);
    out.putShort((short) length());
    out.putShort((short) aces.size());
    out.putShort((short) 0);
    for (Ace a : aces) {
      a.encode(out);
    }
    out.order(o);
  }

  /** Decodes the ACL at {@code offset}; AclSize must fit inside {@code limit}. */
  public static Acl decode(byte[] b, int offset, int limit) {
    if (offset < 0 || offset + 8 > limit) {
      throw new DtypException("ACL header outside the buffer");
    }
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int rev = b[offset] & 0xff;
    int size = bb.getShort(offset + 2) & 0xffff;
    int count = bb.getShort(offset + 4) & 0xffff;
    if (size < 8 || offset + size > limit) {
      throw new DtypException("AclSize " + size);
    }
    List<Ace> aces = new ArrayList<>(Math.min(count, 1024));
    int at = offset + 8;
    for (int i = 0; i < count; i++) {
      aces.add(Ace.decode(b, at, offset + size));
      at += bb.getShort(at + 2) & 0xffff;
    }
    return new Acl(rev, aces);
  }
}
