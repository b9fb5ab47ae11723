package io.cephsmb.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cephsmb.vfs.VfsException.Scope;
import org.junit.jupiter.api.Test;

/** The errno to NTSTATUS table against the codes of [MS-ERREF] 2.3.1. */
class ErrnoStatusTest {
  private static void leaf(int errno, int code, String name) {
    NtStatusCode s = ErrnoStatus.of(errno, Scope.LEAF);
    assertEquals(name, s.name(), Errno.name(errno));
    assertEquals(code, s.code(), name);
  }

  @Test
  void leafMappingsCarryMsErrefCodes() {
    leaf(Errno.ENOENT, 0xC0000034, "STATUS_OBJECT_NAME_NOT_FOUND");
    leaf(Errno.EEXIST, 0xC0000035, "STATUS_OBJECT_NAME_COLLISION");
    leaf(Errno.EACCES, 0xC0000022, "STATUS_ACCESS_DENIED");
    leaf(Errno.EPERM, 0xC0000022, "STATUS_ACCESS_DENIED");
    leaf(Errno.ENOTEMPTY, 0xC0000101, "STATUS_DIRECTORY_NOT_EMPTY");
    leaf(Errno.EISDIR, 0xC00000BA, "STATUS_FILE_IS_A_DIRECTORY");
    leaf(Errno.ENOTDIR, 0xC0000103, "STATUS_NOT_A_DIRECTORY");
    leaf(Errno.ENOSPC, 0xC000007F, "STATUS_DISK_FULL");
    leaf(Errno.EDQUOT, 0xC000007F, "STATUS_DISK_FULL");
    leaf(Errno.ENAMETOOLONG, 0xC0000033, "STATUS_OBJECT_NAME_INVALID");
    leaf(Errno.EINVAL, 0xC000000D, "STATUS_INVALID_PARAMETER");
    leaf(Errno.EXDEV, 0xC00000D4, "STATUS_NOT_SAME_DEVICE");
    leaf(Errno.EMFILE, 0xC000011F, "STATUS_TOO_MANY_OPENED_FILES");
    leaf(Errno.ENFILE, 0xC000011F, "STATUS_TOO_MANY_OPENED_FILES");
    leaf(Errno.EBADF, 0xC0000008, "STATUS_INVALID_HANDLE");
    leaf(Errno.EIO, 0xC00000E9, "STATUS_UNEXPECTED_IO_ERROR");
    leaf(Errno.ELOOP, 0xC0000022, "STATUS_ACCESS_DENIED");
    leaf(Errno.EROFS, 0xC00000A2, "STATUS_MEDIA_WRITE_PROTECTED");
    leaf(Errno.EBUSY, 0xC0000043, "STATUS_SHARING_VIOLATION");
    leaf(Errno.ENOMEM, 0xC0000017, "STATUS_NO_MEMORY");
    leaf(Errno.EAGAIN, 0xC000009A, "STATUS_INSUFFICIENT_RESOURCES");
    leaf(Errno.EFBIG, 0xC000007F, "STATUS_DISK_FULL");
    leaf(Errno.EMLINK, 0xC0000265, "STATUS_TOO_MANY_LINKS");
    leaf(Errno.ERANGE, 0xC0000023, "STATUS_BUFFER_TOO_SMALL");
    leaf(Errno.ENODATA, 0xC0000225, "STATUS_NOT_FOUND");
    leaf(Errno.EOPNOTSUPP, 0xC00000BB, "STATUS_NOT_SUPPORTED");
    leaf(Errno.ENOSYS, 0xC00000BB, "STATUS_NOT_SUPPORTED");
    leaf(Errno.ETIMEDOUT, 0xC00000B5, "STATUS_IO_TIMEOUT");
    leaf(Errno.ESHUTDOWN, 0xC00000E9, "STATUS_UNEXPECTED_IO_ERROR");
  }

  @Test
  void parentScopeTurnsPathErrorsIntoPathNotFound() {
    for (int errno : new int[] {Errno.ENOENT, Errno.ENOTDIR, Errno.ELOOP}) {
      NtStatusCode s = ErrnoStatus.of(errno, Scope.PARENT);
      assertEquals("STATUS_OBJECT_PATH_NOT_FOUND", s.name(), Errno.name(errno));
      assertEquals(0xC000003A, s.code());
    }
    // every other errno maps the same at both scopes
    for (int errno : ErrnoStatus.errnos()) {
      if (errno != Errno.ENOENT && errno != Errno.ENOTDIR && errno != Errno.ELOOP) {
        assertEquals(
            ErrnoStatus.of(errno, Scope.LEAF), ErrnoStatus.of(errno, Scope.PARENT), "" + errno);
      }
    }
  }

  @Test
  void unknownErrnoIsUnsuccessful() {
    assertEquals(0xC0000001, ErrnoStatus.of(9999, Scope.LEAF).code());
    assertEquals("STATUS_UNSUCCESSFUL", ErrnoStatus.of(0, Scope.LEAF).name());
  }

  @Test
  void exceptionCarriesErrnoPathScopeAndStatus() {
    VfsException e = new VfsException(Errno.ENOENT, "a/b", Scope.PARENT, "lookup of 'a'");
    assertEquals(Errno.ENOENT, e.errno());
    assertEquals("a/b", e.path());
    assertEquals(ErrnoStatus.STATUS_OBJECT_PATH_NOT_FOUND, e.ntStatus());
    assertEquals("ENOENT parent 'a/b': lookup of 'a'", e.getMessage());
    assertEquals("STATUS_OBJECT_PATH_NOT_FOUND (0xC000003A)", e.ntStatus().toString());
  }
}
