package io.cephsmb.gateway.fileservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.server.Smb2StatusException;
import io.cephsmb.vfs.VfsPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Names} (CREATE names to VfsPath) and {@link Wildcard} ([MS-FSA] 2.1.4.4). */
class NamesAndWildcardTest {
  private static NtStatus status(String name) {
    return assertThrows(Smb2StatusException.class, () -> Names.parse(name)).status();
  }

  @Test
  void names() throws Exception {
    assertEquals(VfsPath.root(), Names.parse(""));
    assertEquals(VfsPath.of("a", "b"), Names.parse("a\\b"));
    assertEquals(VfsPath.of("a"), Names.parse("a\\"));
    assertEquals(VfsPath.of("b"), Names.parse("a\\..\\b"));
    assertEquals(VfsPath.of("a", "b"), Names.parse("a\\.\\b"));
    assertEquals(VfsPath.of("f.txt"), Names.parse("f.txt::$DATA"));
    assertEquals(NtStatus.INVALID_PARAMETER, status("\\a"));
    assertEquals(NtStatus.OBJECT_PATH_SYNTAX_BAD, status(".."));
    assertEquals(NtStatus.OBJECT_PATH_SYNTAX_BAD, status("a\\..\\..\\b"));
    assertEquals(NtStatus.OBJECT_NAME_INVALID, status("a\\\\b"));
    assertEquals(NtStatus.OBJECT_NAME_INVALID, status("a/b"));
    assertEquals(NtStatus.OBJECT_NAME_INVALID, status("a*"));
    assertEquals(NtStatus.OBJECT_NAME_INVALID, status("a\u0001"));
    assertEquals(NtStatus.OBJECT_NAME_INVALID, status("x".repeat(300)));
    assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, status("f.txt:s:$DATA"));
    assertEquals("\\a\\b", Names.smbName(VfsPath.of("a", "b")));
    assertEquals("\\", Names.smbName(VfsPath.root()));
  }

  @Test
  void wildcards() {
    assertTrue(Wildcard.matches("*", "anything"));
    assertTrue(Wildcard.matches("*.txt", "A.TXT"));
    assertFalse(Wildcard.matches("*.txt", "a.txt.bak"));
    assertTrue(Wildcard.matches("file-1?.txt", "file-12.txt"));
    assertFalse(Wildcard.matches("file-1?.txt", "file-1.txt"));
    assertTrue(Wildcard.matches("*.*", "a.b"));
    assertFalse(Wildcard.matches("*.*", "ab"));
    assertTrue(Wildcard.matches("exact", "EXACT"));
    // DOS_STAR: any run up to the last period
    assertTrue(Wildcard.matches("<.txt", "a.b.txt"));
    assertTrue(Wildcard.matches("<", "noext"));
    assertFalse(Wildcard.matches("<.txt", "a.txt.x"));
    // DOS_DOT: "*." from DOS is <" : names without extension, or with a trailing dot
    assertTrue(Wildcard.matches("<\"*", "noext"));
    assertTrue(Wildcard.matches("a\"b", "a.b"));
    assertTrue(Wildcard.matches("a\"", "a"));
    // DOS_QM: one character, or nothing at a period or the end ("????????.???" in DOS)
    assertTrue(Wildcard.matches(">>>>\">>>", "ab.c"));
    assertTrue(Wildcard.matches(">>>", "ab"));
    assertFalse(Wildcard.matches(">>", "abc"));
    for (String name : List.of(".", "..", "x")) {
      assertTrue(Wildcard.matches("*", name));
    }
    assertTrue(Wildcard.isLiteral("abc"));
    assertFalse(Wildcard.isLiteral("a<"));
  }
}
