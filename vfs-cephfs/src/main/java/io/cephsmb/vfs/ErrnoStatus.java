package io.cephsmb.vfs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one errno to NTSTATUS table of the gateway (the role of Samba's {@code
 * libcli/util/errmap_unix.c}). Codes and names are from [MS-ERREF] 2.3.1 NTSTATUS Values.
 *
 * <p>The rule for the two errnos whose meaning depends on where they happened ({@link
 * VfsException#scope()}): {@code ENOENT} on the leaf is {@code STATUS_OBJECT_NAME_NOT_FOUND}, on a
 * parent directory {@code STATUS_OBJECT_PATH_NOT_FOUND} ([MS-FSA] 2.1.5.1: a missing or
 * non-directory intermediate component fails the open with OBJECT_PATH_NOT_FOUND); {@code ENOTDIR}
 * on a parent is {@code STATUS_OBJECT_PATH_NOT_FOUND}, on the leaf (a directory was required and
 * the object is a file) {@code STATUS_NOT_A_DIRECTORY}. {@code ELOOP} is how the VFS refuses a
 * symbolic link (see {@code README.md}, confinement): on a parent {@code
 * STATUS_OBJECT_PATH_NOT_FOUND}, on the leaf {@code STATUS_ACCESS_DENIED}. Every other errno maps
 * the same at both scopes; an errno not in the table is {@code STATUS_UNSUCCESSFUL}.
 */
public final class ErrnoStatus {
  // [MS-ERREF] 2.3.1
  public static final NtStatusCode STATUS_SUCCESS = s(0x00000000, "STATUS_SUCCESS");
  public static final NtStatusCode STATUS_UNSUCCESSFUL = s(0xC0000001, "STATUS_UNSUCCESSFUL");
  public static final NtStatusCode STATUS_INVALID_HANDLE = s(0xC0000008, "STATUS_INVALID_HANDLE");
  public static final NtStatusCode STATUS_INVALID_PARAMETER =
      s(0xC000000D, "STATUS_INVALID_PARAMETER");
  public static final NtStatusCode STATUS_NO_MEMORY = s(0xC0000017, "STATUS_NO_MEMORY");
  public static final NtStatusCode STATUS_ACCESS_DENIED = s(0xC0000022, "STATUS_ACCESS_DENIED");
  public static final NtStatusCode STATUS_BUFFER_TOO_SMALL =
      s(0xC0000023, "STATUS_BUFFER_TOO_SMALL");
  public static final NtStatusCode STATUS_OBJECT_NAME_INVALID =
      s(0xC0000033, "STATUS_OBJECT_NAME_INVALID");
  public static final NtStatusCode STATUS_OBJECT_NAME_NOT_FOUND =
      s(0xC0000034, "STATUS_OBJECT_NAME_NOT_FOUND");
  public static final NtStatusCode STATUS_OBJECT_NAME_COLLISION =
      s(0xC0000035, "STATUS_OBJECT_NAME_COLLISION");
  public static final NtStatusCode STATUS_OBJECT_PATH_NOT_FOUND =
      s(0xC000003A, "STATUS_OBJECT_PATH_NOT_FOUND");
  public static final NtStatusCode STATUS_SHARING_VIOLATION =
      s(0xC0000043, "STATUS_SHARING_VIOLATION");
  public static final NtStatusCode STATUS_DISK_FULL = s(0xC000007F, "STATUS_DISK_FULL");
  public static final NtStatusCode STATUS_INSUFFICIENT_RESOURCES =
      s(0xC000009A, "STATUS_INSUFFICIENT_RESOURCES");
  public static final NtStatusCode STATUS_MEDIA_WRITE_PROTECTED =
      s(0xC00000A2, "STATUS_MEDIA_WRITE_PROTECTED");
  public static final NtStatusCode STATUS_IO_TIMEOUT = s(0xC00000B5, "STATUS_IO_TIMEOUT");
  public static final NtStatusCode STATUS_FILE_IS_A_DIRECTORY =
      s(0xC00000BA, "STATUS_FILE_IS_A_DIRECTORY");
  public static final NtStatusCode STATUS_NOT_SUPPORTED = s(0xC00000BB, "STATUS_NOT_SUPPORTED");
  public static final NtStatusCode STATUS_NOT_SAME_DEVICE = s(0xC00000D4, "STATUS_NOT_SAME_DEVICE");
  public static final NtStatusCode STATUS_UNEXPECTED_IO_ERROR =
      s(0xC00000E9, "STATUS_UNEXPECTED_IO_ERROR");
  public static final NtStatusCode STATUS_DIRECTORY_NOT_EMPTY =
      s(0xC0000101, "STATUS_DIRECTORY_NOT_EMPTY");
  public static final NtStatusCode STATUS_NOT_A_DIRECTORY = s(0xC0000103, "STATUS_NOT_A_DIRECTORY");
  public static final NtStatusCode STATUS_TOO_MANY_OPENED_FILES =
      s(0xC000011F, "STATUS_TOO_MANY_OPENED_FILES");
  public static final NtStatusCode STATUS_NOT_FOUND = s(0xC0000225, "STATUS_NOT_FOUND");
  public static final NtStatusCode STATUS_TOO_MANY_LINKS = s(0xC0000265, "STATUS_TOO_MANY_LINKS");
  public static final NtStatusCode STATUS_FILE_TOO_LARGE = s(0xC0000904, "STATUS_FILE_TOO_LARGE");

  private record Entry(NtStatusCode leaf, NtStatusCode parent) {}

  private static final Map<Integer, Entry> TABLE = table();

  private ErrnoStatus() {}

  private static NtStatusCode s(int code, String name) {
    return new NtStatusCode(code, name);
  }

  private static Map<Integer, Entry> table() {
    Map<Integer, Entry> t = new LinkedHashMap<>();
    t.put(Errno.ENOENT, new Entry(STATUS_OBJECT_NAME_NOT_FOUND, STATUS_OBJECT_PATH_NOT_FOUND));
    t.put(Errno.ENOTDIR, new Entry(STATUS_NOT_A_DIRECTORY, STATUS_OBJECT_PATH_NOT_FOUND));
    t.put(Errno.ELOOP, new Entry(STATUS_ACCESS_DENIED, STATUS_OBJECT_PATH_NOT_FOUND));
    both(t, Errno.EEXIST, STATUS_OBJECT_NAME_COLLISION);
    both(t, Errno.EACCES, STATUS_ACCESS_DENIED);
    both(t, Errno.EPERM, STATUS_ACCESS_DENIED);
    both(t, Errno.ENOTEMPTY, STATUS_DIRECTORY_NOT_EMPTY);
    both(t, Errno.EISDIR, STATUS_FILE_IS_A_DIRECTORY);
    both(t, Errno.ENOSPC, STATUS_DISK_FULL);
    both(t, Errno.EDQUOT, STATUS_DISK_FULL);
    both(t, Errno.ENAMETOOLONG, STATUS_OBJECT_NAME_INVALID);
    both(t, Errno.EINVAL, STATUS_INVALID_PARAMETER);
    both(t, Errno.EXDEV, STATUS_NOT_SAME_DEVICE);
    both(t, Errno.EMFILE, STATUS_TOO_MANY_OPENED_FILES);
    both(t, Errno.ENFILE, STATUS_TOO_MANY_OPENED_FILES);
    both(t, Errno.EBADF, STATUS_INVALID_HANDLE);
    both(t, Errno.EIO, STATUS_UNEXPECTED_IO_ERROR);
    both(t, Errno.EROFS, STATUS_MEDIA_WRITE_PROTECTED);
    both(t, Errno.EBUSY, STATUS_SHARING_VIOLATION);
    both(t, Errno.ETXTBSY, STATUS_SHARING_VIOLATION);
    both(t, Errno.ENOMEM, STATUS_NO_MEMORY);
    both(t, Errno.EAGAIN, STATUS_INSUFFICIENT_RESOURCES);
    // a file that cannot grow further (CephFS: past max_file_size): Windows answers DISK_FULL for a
    // write there ([MS-FSA] 2.1.5.3; smbtorture smb2.rw.invalid against Windows)
    both(t, Errno.EFBIG, STATUS_DISK_FULL);
    both(t, Errno.EMLINK, STATUS_TOO_MANY_LINKS);
    both(t, Errno.ERANGE, STATUS_BUFFER_TOO_SMALL);
    both(t, Errno.E2BIG, STATUS_INVALID_PARAMETER);
    both(t, Errno.ENODATA, STATUS_NOT_FOUND);
    both(t, Errno.EOPNOTSUPP, STATUS_NOT_SUPPORTED);
    both(t, Errno.ENOSYS, STATUS_NOT_SUPPORTED);
    both(t, Errno.ETIMEDOUT, STATUS_IO_TIMEOUT);
    both(t, Errno.ESTALE, STATUS_INVALID_HANDLE);
    both(t, Errno.ENOTCONN, STATUS_UNEXPECTED_IO_ERROR);
    both(t, Errno.ESHUTDOWN, STATUS_UNEXPECTED_IO_ERROR);
    return Collections.unmodifiableMap(t);
  }

  private static void both(Map<Integer, Entry> t, int errno, NtStatusCode status) {
    t.put(errno, new Entry(status, status));
  }

  /** The NTSTATUS for {@code errno} at {@code scope}. */
  public static NtStatusCode of(int errno, VfsException.Scope scope) {
    Entry e = TABLE.get(errno);
    if (e == null) {
      return STATUS_UNSUCCESSFUL;
    }
    return scope == VfsException.Scope.PARENT ? e.parent() : e.leaf();
  }

  /** The NTSTATUS for {@code e}. */
  public static NtStatusCode of(VfsException e) {
    return of(e.errno(), e.scope());
  }

  /** Every errno the table names, in table order (for tests and documentation). */
  public static java.util.Set<Integer> errnos() {
    return TABLE.keySet();
  }
}
