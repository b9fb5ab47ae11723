package io.cephsmb.gateway.msdtyp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden bytes from the layouts of [MS-DTYP] 2.4.2.2, 2.4.4, 2.4.5 and 2.4.6. */
class SecurityDescriptorTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void sidBinaryAndStringForms() {
    // [MS-DTYP] 2.4.2.2: S-1-5-32-544 (BUILTIN\Administrators)
    Sid admins = Sid.parse("S-1-5-32-544");
    assertArrayEquals(hex("01 02 000000000005 20000000 20020000"), admins.toBytes());
    assertEquals("S-1-5-32-544", admins.toString());
    byte[] b = admins.toBytes();
    assertEquals(admins, Sid.decode(b, 0, b.length));
    // S-1-1-0 Everyone
    assertArrayEquals(hex("01 01 000000000001 00000000"), Sid.EVERYONE.toBytes());
    // authorities of 2^32 and more print in hexadecimal ([MS-DTYP] 2.4.2.1)
    assertEquals("S-1-0x010000000000-7", new Sid(1L << 40, new long[] {7}).toString());
  }

  @Test
  void unixSids() {
    Sid u = Sid.unixUser(1000);
    assertEquals("S-1-22-1-1000", u.toString());
    assertEquals(1000, u.unixUid());
    assertEquals(-1, u.unixGid());
    assertEquals(4294967294L, Sid.unixGroup(-2).unixGid());
    assertEquals(-1, Sid.EVERYONE.unixUid());
  }

  /** Owner S-1-5-32-544, group S-1-5-18, one allowed ACE for Everyone (OI|CI, FILE_ALL_ACCESS). */
  private static final String GOLDEN =
      "01 00 0480 30000000 40000000 00000000 14000000"
          // DACL: revision 2, size 28, one ACE
          + "02 00 1c00 0100 0000"
          // ACCESS_ALLOWED, OI|CI, size 20, mask 0x001F01FF, S-1-1-0
          + "00 03 1400 ff011f00 01 01 000000000001 00000000"
          // owner S-1-5-32-544
          + "01 02 000000000005 20000000 20020000"
          // group S-1-5-18
          + "01 01 000000000005 12000000";

  @Test
  void selfRelativeGolden() {
    SecurityDescriptor sd =
        new SecurityDescriptor(
            SecurityDescriptor.DACL_PRESENT,
            Sid.parse("S-1-5-32-544"),
            Sid.SYSTEM,
            null,
            Acl.of(List.of(Ace.of(Ace.ACCESS_ALLOWED, 0x03, 0x001F01FF, Sid.EVERYONE))));
    assertArrayEquals(hex(GOLDEN), sd.encode());
    assertEquals(76, sd.length());
    SecurityDescriptor back = SecurityDescriptor.decode(hex(GOLDEN));
    assertEquals(sd, back);
    assertArrayEquals(hex(GOLDEN), back.encode());
  }

  @Test
  void nullDaclAndNoDacl() {
    // SE_SELF_RELATIVE | SE_DACL_PRESENT, no offsets: a NULL DACL
    byte[] nul = hex("01 00 0480 00000000 00000000 00000000 00000000");
    SecurityDescriptor sd = SecurityDescriptor.decode(nul);
    assertTrue(sd.nullDacl());
    assertNull(sd.dacl());
    assertArrayEquals(nul, sd.encode());
    SecurityDescriptor none =
        SecurityDescriptor.decode(hex("01 00 0080 0000000000000000" + "0000000000000000"));
    assertTrue(!none.daclPresent());
  }

  @Test
  void selectAndMerge() {
    SecurityDescriptor sd = SecurityDescriptor.decode(hex(GOLDEN));
    SecurityDescriptor owner = sd.select(SecurityDescriptor.OWNER_SECURITY_INFORMATION);
    assertEquals(sd.owner(), owner.owner());
    assertNull(owner.group());
    assertNull(owner.dacl());
    assertTrue(!owner.daclPresent());
    SecurityDescriptor other =
        new SecurityDescriptor(
            SecurityDescriptor.DACL_PRESENT, Sid.EVERYONE, null, null, Acl.of(List.of()));
    SecurityDescriptor m = sd.merge(other, SecurityDescriptor.DACL_SECURITY_INFORMATION);
    assertEquals(sd.owner(), m.owner());
    assertEquals(0, m.dacl().aces().size());
  }

  @Test
  void opaqueAcesRoundTrip() {
    // an ACCESS_ALLOWED_OBJECT ACE (type 5) is kept as it came
    byte[] ace = hex("05 00 1800 ff011f00 00000000" + "01 01 000000000001 00000000");
    byte[] acl = new byte[8 + ace.length];
    System.arraycopy(hex("04 00 2000 0100 0000"), 0, acl, 0, 8);
    System.arraycopy(ace, 0, acl, 8, ace.length);
    Acl a = Acl.decode(acl, 0, acl.length);
    assertEquals(5, a.aces().get(0).type());
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(a.length());
    a.encode(out);
    assertArrayEquals(acl, out.array());
  }

  @Test
  void malformedInputIsRefused() {
    // shorter than the header
    assertThrows(DtypException.class, () -> SecurityDescriptor.decode(new byte[19]));
    // not self-relative
    assertThrows(
        DtypException.class,
        () -> SecurityDescriptor.decode(hex("01 00 0400 00000000 00000000 00000000 00000000")));
    // owner offset past the end
    assertThrows(
        DtypException.class,
        () -> SecurityDescriptor.decode(hex("01 00 0080 ff000000 00000000 00000000 00000000")));
    // owner offset inside the header
    assertThrows(
        DtypException.class,
        () -> SecurityDescriptor.decode(hex("01 00 0080 04000000 00000000 00000000 00000000")));
    // SubAuthorityCount that runs past the buffer
    byte[] g = hex(GOLDEN);
    g[64 + 1] = 15;
    assertThrows(DtypException.class, () -> SecurityDescriptor.decode(g));
    // AclSize past the buffer
    byte[] h = hex(GOLDEN);
    h[22] = (byte) 0xff;
    assertThrows(DtypException.class, () -> SecurityDescriptor.decode(h));
    // AceSize below a SID
    byte[] i = hex(GOLDEN);
    i[30] = 8;
    assertThrows(DtypException.class, () -> SecurityDescriptor.decode(i));
    assertThrows(DtypException.class, () -> Sid.parse("S-2-5"));
    assertThrows(DtypException.class, () -> Sid.parse("S-1-x"));
  }
}
