package io.cephsmb.gateway.fileservice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.msdtyp.Ace;
import io.cephsmb.gateway.msdtyp.Acl;
import io.cephsmb.gateway.msdtyp.SecurityDescriptor;
import io.cephsmb.gateway.msdtyp.Sid;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.server.Smb2StatusException;
import io.cephsmb.vfs.FileType;
import io.cephsmb.vfs.VfsStat;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EA lists, derived and inherited descriptors, access from a DACL, time overrides, 8.3 names. */
class MetadataCodecTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  private static String ascii(String s) {
    return HexFormat.of().formatHex(s.getBytes(StandardCharsets.US_ASCII));
  }

  /** [MS-FSCC] 2.4.15: two entries, the first padded to 4 bytes, the last with offset 0. */
  private static final String EA_LIST =
      "14000000 00 05 0600"
          + ascii("EAONE")
          + "00"
          + ascii("VALUE1")
          + "00000000 00 08 0800"
          + ascii("SECONDEA")
          + "00"
          + ascii("ValueTwo");

  @Test
  void eaListGolden() {
    List<ExtendedAttributes.Ea> eas =
        List.of(
            new ExtendedAttributes.Ea(0, "EAONE", "VALUE1".getBytes(StandardCharsets.US_ASCII)),
            new ExtendedAttributes.Ea(
                0, "SECONDEA", "ValueTwo".getBytes(StandardCharsets.US_ASCII)));
    assertArrayEquals(hex(EA_LIST), ExtendedAttributes.encode(eas));
    List<ExtendedAttributes.Ea> back = ExtendedAttributes.decode(hex(EA_LIST));
    assertEquals(2, back.size());
    assertEquals("SECONDEA", back.get(1).name());
    assertArrayEquals("ValueTwo".getBytes(StandardCharsets.US_ASCII), back.get(1).value());
    // an entry with an odd length gets padding before the next one
    byte[] two =
        ExtendedAttributes.encode(
            List.of(
                new ExtendedAttributes.Ea(0, "A", new byte[1]),
                new ExtendedAttributes.Ea(0x80, "B", new byte[0])));
    assertEquals(12 + 10, two.length);
    assertEquals(12, two[0]);
  }

  private static NtStatus statusOf(Runnable r) {
    return assertThrows(Smb2StatusException.class, r::run).status();
  }

  @Test
  void badEaListsAreRefused() {
    byte[] good = hex(EA_LIST);
    // NextEntryOffset past the buffer
    byte[] a = good.clone();
    a[0] = (byte) 0xf0;
    assertEquals(NtStatus.EA_LIST_INCONSISTENT, statusOf(() -> ExtendedAttributes.decode(a)));
    // value length past the buffer
    byte[] b = good.clone();
    b[6] = 0x7f;
    assertEquals(NtStatus.EA_LIST_INCONSISTENT, statusOf(() -> ExtendedAttributes.decode(b)));
    // no NUL after the name
    byte[] c = good.clone();
    c[13] = 'X';
    assertEquals(NtStatus.EA_LIST_INCONSISTENT, statusOf(() -> ExtendedAttributes.decode(c)));
    // a flag other than FILE_NEED_EA
    byte[] d = good.clone();
    d[4] = 1;
    assertEquals(NtStatus.INVALID_EA_FLAG, statusOf(() -> ExtendedAttributes.decode(d)));
    // invalid characters, empty names and the gateway's own xattrs
    assertEquals(NtStatus.INVALID_EA_NAME, statusOf(() -> ExtendedAttributes.checkName("a:b")));
    assertEquals(NtStatus.INVALID_EA_NAME, statusOf(() -> ExtendedAttributes.checkName("")));
    assertEquals(
        NtStatus.INVALID_EA_NAME, statusOf(() -> ExtendedAttributes.checkName("cephsmb.ntacl")));
    assertEquals(
        NtStatus.EA_LIST_INCONSISTENT, statusOf(() -> ExtendedAttributes.decode(new byte[3])));
  }

  private static VfsStat stat(int mode, boolean dir) {
    return new VfsStat(
        42, 0, 0, 0, 0, 0, 0, 1, mode, 1000, 100, dir ? FileType.DIRECTORY : FileType.REGULAR);
  }

  @Test
  void derivedDescriptorFollowsTheMode() {
    SecurityDescriptor sd = FileSecurity.derived(stat(0100640, false));
    assertEquals(Sid.unixUser(1000), sd.owner());
    assertEquals(Sid.unixGroup(100), sd.group());
    List<Ace> aces = sd.dacl().aces();
    assertEquals(3, aces.size());
    assertEquals(Sid.EVERYONE, aces.get(2).sid());
    // owner rw-: read, write and the owner's rights, not execute
    assertTrue((aces.get(0).mask() & Access.FILE_WRITE_DATA) != 0);
    assertTrue((aces.get(0).mask() & FileSecurity.WRITE_DAC) != 0);
    assertEquals(0, aces.get(0).mask() & Access.FILE_EXECUTE);
    // group r--: no write
    assertEquals(0, aces.get(1).mask() & Access.FILE_WRITE_DATA);
    assertTrue((aces.get(1).mask() & Access.FILE_READ_DATA) != 0);
    // others ---: attributes only
    assertEquals(0, aces.get(2).mask() & Access.FILE_READ_DATA);
  }

  @Test
  void grantedAccessFromADacl() {
    Sid owner = Sid.unixUser(0);
    SecurityDescriptor empty =
        new SecurityDescriptor(
            SecurityDescriptor.DACL_PRESENT, owner, null, null, Acl.of(List.of()));
    // an empty DACL leaves the owner READ_CONTROL and WRITE_DAC
    assertEquals(Access.READ_CONTROL | FileSecurity.WRITE_DAC, FileSecurity.granted(empty));
    SecurityDescriptor nul =
        new SecurityDescriptor(SecurityDescriptor.DACL_PRESENT, owner, null, null, null);
    assertEquals(Access.FILE_ALL_ACCESS, FileSecurity.granted(nul));
    // deny before allow wins; generic rights map; ACEs for other SIDs and inherit-only do not count
    SecurityDescriptor mixed =
        new SecurityDescriptor(
            0,
            owner,
            null,
            null,
            Acl.of(
                List.of(
                    Ace.of(Ace.ACCESS_DENIED, 0, Access.FILE_WRITE_DATA, Sid.EVERYONE),
                    Ace.of(Ace.ACCESS_ALLOWED, 0, Access.GENERIC_ALL, owner),
                    Ace.of(Ace.ACCESS_ALLOWED, 0, Access.DELETE, Sid.parse("S-1-5-21-1-2-3-500")),
                    Ace.of(Ace.ACCESS_ALLOWED, Ace.INHERIT_ONLY, Access.FILE_WRITE_DATA, owner))));
    int g = FileSecurity.granted(mixed);
    assertEquals(0, g & Access.FILE_WRITE_DATA);
    assertTrue((g & Access.DELETE) != 0);
    assertTrue((g & Access.FILE_READ_DATA) != 0);
  }

  @Test
  void inheritance() {
    Sid owner = Sid.unixUser(7);
    Sid group = Sid.unixGroup(8);
    SecurityDescriptor parent =
        new SecurityDescriptor(
            0,
            owner,
            group,
            null,
            Acl.of(
                List.of(
                    Ace.of(Ace.ACCESS_ALLOWED, Ace.OBJECT_INHERIT, 0x1, Sid.CREATOR_OWNER),
                    Ace.of(Ace.ACCESS_ALLOWED, Ace.CONTAINER_INHERIT, 0x2, Sid.EVERYONE),
                    Ace.of(Ace.ACCESS_ALLOWED, 0, 0x4, Sid.EVERYONE))));
    SecurityDescriptor file = FileSecurity.inherit(parent, false, owner, group);
    assertEquals(1, file.dacl().aces().size());
    assertEquals(Ace.of(Ace.ACCESS_ALLOWED, Ace.INHERITED, 0x1, owner), file.dacl().aces().get(0));
    SecurityDescriptor dir = FileSecurity.inherit(parent, true, owner, group);
    assertEquals(2, dir.dacl().aces().size());
    // object-inherit only: passed on to files, inherit-only on the directory itself
    assertEquals(
        Ace.OBJECT_INHERIT | Ace.INHERIT_ONLY | Ace.INHERITED, dir.dacl().aces().get(0).flags());
    assertEquals(Ace.CONTAINER_INHERIT | Ace.INHERITED, dir.dacl().aces().get(1).flags());
    // nothing inheritable: nothing stored
    SecurityDescriptor plain =
        new SecurityDescriptor(
            0,
            owner,
            group,
            null,
            Acl.of(List.of(Ace.of(Ace.ACCESS_ALLOWED, 0, 0x4, Sid.EVERYONE))));
    assertNull(FileSecurity.inherit(plain, false, owner, group));
    assertNull(FileSecurity.inherit(null, true, owner, group));
  }

  @Test
  void timeOverridesRoundTripAndRange() {
    Timestamps.Overrides o =
        new Timestamps.Overrides(
            new Timestamps.Slot(1, 2), Timestamps.Slot.NONE, new Timestamps.Slot(5, 6));
    byte[] e = o.encode();
    assertEquals(49, e.length);
    assertEquals(1, e[0]);
    assertEquals(o, Timestamps.Overrides.decode(e));
    assertEquals(Timestamps.Overrides.NONE, Timestamps.Overrides.decode(new byte[3]));
    byte[] wrongVersion = e.clone();
    wrongVersion[0] = 9;
    assertEquals(Timestamps.Overrides.NONE, Timestamps.Overrides.decode(wrongVersion));
  }
}
