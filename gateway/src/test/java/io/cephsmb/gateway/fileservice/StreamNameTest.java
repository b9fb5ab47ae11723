package io.cephsmb.gateway.fileservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.server.Smb2StatusException;
import io.cephsmb.vfs.VfsPath;
import org.junit.jupiter.api.Test;

/** Stream names ([MS-FSCC] 2.1.5.3) and their storage names. */
class StreamNameTest {
  private static NtStatus status(String name) {
    return assertThrows(Smb2StatusException.class, () -> StreamName.parse(name)).status();
  }

  @Test
  void splitsFileAndStream() throws Exception {
    assertNull(StreamName.parse("d\\f.txt").stream());
    assertEquals("", StreamName.parse("f.txt::$DATA").stream());
    assertEquals("", StreamName.parse("f.txt::$data").stream());
    StreamName s = StreamName.parse("d\\f.txt:Stream One:$DaTa");
    assertEquals(VfsPath.of("d", "f.txt"), s.path());
    assertEquals("Stream One", s.stream());
    assertEquals("\u0005Stream\n One", StreamName.parse("f:\u0005Stream\n One").stream());
    assertEquals("?Stream*", StreamName.parse("f:?Stream*:$DATA").stream());
    assertEquals("x", StreamName.parseStreamOnly(":x:$DATA"));
    assertEquals("", StreamName.parseStreamOnly("::$DATA"));
  }

  @Test
  void refusesWhatWindowsRefuses() {
    assertEquals(NtStatus.OBJECT_NAME_INVALID, status("f.txt:"));
    assertEquals(NtStatus.OBJECT_NAME_INVALID, status("f.txt:s:"));
    assertEquals(NtStatus.OBJECT_NAME_INVALID, status("f.txt:s:$FOO"));
    assertEquals(NtStatus.OBJECT_NAME_INVALID, status("f.txt:s:?D*a"));
    assertEquals(NtStatus.OBJECT_NAME_INVALID, status("f.txt:a/b"));
    assertEquals(NtStatus.OBJECT_NAME_INVALID, status("f.txt:a\\b"));
    assertEquals(NtStatus.OBJECT_NAME_INVALID, status("f.txt:a:b:$DATA"));
    assertEquals(NtStatus.OBJECT_NAME_INVALID, status("f*.txt:s"));
    assertEquals(NtStatus.OBJECT_NAME_INVALID, status("f.txt:" + "s".repeat(256)));
    assertEquals(NtStatus.ACCESS_DENIED, status(".cephsmb-streams\\00"));
    assertEquals(NtStatus.ACCESS_DENIED, status(".CEPHSMB-STREAMS"));
    assertEquals(NtStatus.INVALID_PARAMETER, status("\\f.txt:s"));
  }

  @Test
  void storageNamesRoundTripAndAreSafe() {
    for (String n : new String[] {"plain", ".dot", "..", "%25", "a\u0001\n\u007fb", "?*<>\"|"}) {
      String enc = Streams.encode(n);
      assertEquals(n, Streams.decode(enc));
      assertEquals(-1, enc.indexOf('\n'));
      assertEquals(false, enc.startsWith("."));
    }
    assertNull(Streams.decode("bad%2"));
    assertEquals(true, Streams.same("StreamName", "STREAMNAME"));
  }
}
