package io.cephsmb.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VfsPathTest {
  @Test
  void parsesSmbPaths() throws Exception {
    assertSame(VfsPath.root(), VfsPath.parseSmb(""));
    VfsPath p = VfsPath.parseSmb("dir\\sub\\name.txt");
    assertEquals(List.of("dir", "sub", "name.txt"), p.components());
    assertEquals("dir/sub/name.txt", p.toString());
    assertEquals("name.txt", p.name());
    assertEquals(VfsPath.of("dir", "sub"), p.parent());
    assertEquals(VfsPath.of("dir"), p.prefix(1));
    assertSame(VfsPath.root(), p.prefix(0));
    assertSame(VfsPath.root(), VfsPath.of("x").parent());
    assertEquals(3, p.depth());
    assertEquals(16, p.encodedLength());
    assertEquals(VfsPath.of("dir", "sub", "name.txt", "more"), p.resolve("more"));
    assertTrue(VfsPath.of("dir").isPrefixOf(p));
    assertFalse(VfsPath.of("di").isPrefixOf(p));
    assertThrows(IllegalStateException.class, () -> VfsPath.root().name());
  }

  @Test
  void unicodeNamesCountUtf8Bytes() throws Exception {
    VfsPath p = VfsPath.of("\u00e9".repeat(127) + "x"); // 255 bytes
    assertEquals(255, p.encodedLength());
    VfsException e = assertThrows(VfsException.class, () -> VfsPath.of("\u20ac".repeat(86)));
    assertEquals(Errno.ENAMETOOLONG, e.errno()); // 258 bytes
    VfsPath emoji = VfsPath.of("\ud83d\ude00"); // a valid surrogate pair is fine
    assertEquals(4, emoji.encodedLength());
  }

  @Test
  void resolveValidatesTheNewName() throws Exception {
    VfsPath p = VfsPath.of("a");
    for (String bad : new String[] {"..", ".", "", "b/c", "b\\c", "b\0"}) {
      VfsException e = assertThrows(VfsException.class, () -> p.resolve(bad));
      assertEquals(Errno.EINVAL, e.errno(), bad);
    }
  }

  @Test
  void totalLengthLimit() throws Exception {
    String c = "c".repeat(255);
    // 16 components of 255 bytes plus 15 separators = 4095 bytes: allowed
    List<String> ok = java.util.Collections.nCopies(16, c);
    assertEquals(4095, VfsPath.of(ok).encodedLength());
    List<String> over = new java.util.ArrayList<>(ok);
    over.add("x");
    assertEquals(
        Errno.ENAMETOOLONG, assertThrows(VfsException.class, () -> VfsPath.of(over)).errno());
  }
}
