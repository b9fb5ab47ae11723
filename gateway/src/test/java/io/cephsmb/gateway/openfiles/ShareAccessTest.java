package io.cephsmb.gateway.openfiles;

import static io.cephsmb.gateway.openfiles.ShareAccess.DELETE;
import static io.cephsmb.gateway.openfiles.ShareAccess.FILE_APPEND_DATA;
import static io.cephsmb.gateway.openfiles.ShareAccess.FILE_EXECUTE;
import static io.cephsmb.gateway.openfiles.ShareAccess.FILE_READ_DATA;
import static io.cephsmb.gateway.openfiles.ShareAccess.FILE_SHARE_DELETE;
import static io.cephsmb.gateway.openfiles.ShareAccess.FILE_SHARE_READ;
import static io.cephsmb.gateway.openfiles.ShareAccess.FILE_SHARE_WRITE;
import static io.cephsmb.gateway.openfiles.ShareAccess.FILE_WRITE_DATA;
import static io.cephsmb.gateway.openfiles.ShareAccess.conflicts;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** [MS-FSA] 2.1.5.1.2.2, case by case. */
class ShareAccessTest {
  static final int ALL = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;
  static final int READ_ATTRIBUTES = 0x80;

  @Test
  void readersSharingReadCoexist() {
    assertFalse(conflicts(FILE_READ_DATA, FILE_SHARE_READ, FILE_READ_DATA, FILE_SHARE_READ));
  }

  @Test
  void aWriterIsRefusedByAnOpenThatDoesNotShareWrite() {
    assertTrue(conflicts(FILE_WRITE_DATA, ALL, FILE_READ_DATA, FILE_SHARE_READ));
    assertTrue(conflicts(FILE_APPEND_DATA, ALL, FILE_READ_DATA, FILE_SHARE_READ));
    assertFalse(
        conflicts(FILE_WRITE_DATA, ALL, FILE_READ_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE));
  }

  @Test
  void theNewOpensShareModeMustAllowTheExistingAccess() {
    assertTrue(conflicts(FILE_READ_DATA, FILE_SHARE_READ, FILE_WRITE_DATA, ALL));
    assertTrue(conflicts(FILE_READ_DATA, FILE_SHARE_READ, DELETE, ALL));
    assertTrue(conflicts(FILE_READ_DATA, FILE_SHARE_WRITE, FILE_EXECUTE, ALL));
  }

  @Test
  void deleteAccessNeedsShareDelete() {
    assertTrue(conflicts(DELETE, ALL, FILE_READ_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE));
    assertFalse(conflicts(DELETE, ALL, FILE_READ_DATA, ALL));
  }

  @Test
  void opensWithoutDataAccessNeverConflict() {
    assertFalse(conflicts(READ_ATTRIBUTES, 0, FILE_READ_DATA | FILE_WRITE_DATA, 0));
    assertFalse(conflicts(FILE_WRITE_DATA, 0, READ_ATTRIBUTES, 0));
  }

  @Test
  void shareNoneExcludesEveryDataOpen() {
    assertTrue(conflicts(FILE_READ_DATA, ALL, FILE_READ_DATA, 0));
    assertTrue(conflicts(FILE_READ_DATA, 0, FILE_READ_DATA, ALL));
  }
}
