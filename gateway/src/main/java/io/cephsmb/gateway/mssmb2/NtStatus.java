package io.cephsmb.gateway.mssmb2;

import java.util.HashMap;
import java.util.Map;

/**
 * [MS-ERREF] 2.3.1 the NTSTATUS values the server sends, as one table: the name without its {@code
 * STATUS_} prefix and the raw 32-bit code beside it.
 */
public enum NtStatus {
  /** The operation completed successfully. */
  SUCCESS(0x00000000),
  /** The operation that was requested is pending completion (interim responses). */
  PENDING(0x00000103),
  /** The handle a CHANGE_NOTIFY waits on was closed ([MS-SMB2] 3.3.5.19). */
  NOTIFY_CLEANUP(0x0000010B),
  /** Changes happened that do not fit or are not itemized: enumerate the directory again. */
  NOTIFY_ENUM_DIR(0x0000010C),
  /** The data was too large to fit into the specified buffer. */
  BUFFER_OVERFLOW(0x80000005),
  /** No more files were found which match the file specification. */
  NO_MORE_FILES(0x80000006),
  /** The requested operation is not implemented. */
  NOT_IMPLEMENTED(0xC0000002),
  /** The specified information class is not valid. */
  INVALID_INFO_CLASS(0xC0000003),
  /** {@code STATUS_NO_SUCH_FILE}: the file does not exist (first QUERY_DIRECTORY, no match). */
  NO_SUCH_FILE(0xC000000F),
  /** The information length does not match the class. */
  INFO_LENGTH_MISMATCH(0xC0000004),
  /** The object name is invalid. */
  OBJECT_NAME_INVALID(0xC0000033),
  /** The object name already exists. */
  OBJECT_NAME_COLLISION(0xC0000035),
  /** The path syntax is bad. */
  OBJECT_PATH_SYNTAX_BAD(0xC000003B),
  /** A file cannot be opened because the share access flags are incompatible. */
  SHARING_VIOLATION(0xC0000043),
  /** A non-close operation was requested of a file object with a delete pending. */
  DELETE_PENDING(0xC0000056),
  /** The disk is full. */
  DISK_FULL(0xC000007F),
  /** The media is write protected. */
  MEDIA_WRITE_PROTECTED(0xC00000A2),
  /** The I/O timed out. */
  IO_TIMEOUT(0xC00000B5),
  /** The file that was specified as a target is a directory. */
  FILE_IS_A_DIRECTORY(0xC00000BA),
  /** Not the same device (rename across file systems). */
  NOT_SAME_DEVICE(0xC00000D4),
  /** An unexpected I/O error occurred. */
  UNEXPECTED_IO_ERROR(0xC00000E9),
  /** The directory is not empty. */
  DIRECTORY_NOT_EMPTY(0xC0000101),
  /** A requested opened file is not a directory. */
  NOT_A_DIRECTORY(0xC0000103),
  /** Cannot delete a file or directory that cannot be deleted (e.g. read-only). */
  CANNOT_DELETE(0xC0000121),
  /** Too many opened files. */
  TOO_MANY_OPENED_FILES(0xC000011F),
  /** Too many links. */
  TOO_MANY_LINKS(0xC0000265),
  /** The file is too large. */
  FILE_TOO_LARGE(0xC0000904),
  /** The operation failed (generic). */
  UNSUCCESSFUL(0xC0000001),
  /** No memory. */
  NO_MEMORY(0xC0000017),
  /** A required privilege is not held by the client. */
  PRIVILEGE_NOT_HELD(0xC0000061),
  /** A specified impersonation level is invalid. */
  BAD_IMPERSONATION_LEVEL(0xC00000A5),
  /** An invalid HANDLE was specified. */
  INVALID_HANDLE(0xC0000008),
  /** An invalid parameter was passed to a service or function. */
  INVALID_PARAMETER(0xC000000D),
  /** The specified request is not a valid operation for the target device. */
  INVALID_DEVICE_REQUEST(0xC0000010),
  /** The range of a mapped or copied view is not valid (a copy chunk past the source's end). */
  INVALID_VIEW_SIZE(0xC000001F),
  /** A volume has been accessed for which a file system driver is required (no DFS here). */
  FS_DRIVER_REQUIRED(0xC000019C),
  /** The file has no object id (FSCTL_GET_OBJECT_ID). */
  OBJECTID_NOT_FOUND(0xC00002F0),
  /** The file or directory is not a reparse point. */
  NOT_A_REPARSE_POINT(0xC0000275),
  /** The end-of-file marker has been reached. */
  END_OF_FILE(0xC0000011),
  /** The SMB layer needs another leg of the authentication exchange. */
  MORE_PROCESSING_REQUIRED(0xC0000016),
  /** A process has requested access to an object but has not been granted those access rights. */
  ACCESS_DENIED(0xC0000022),
  /** The buffer is too small to contain the entry. */
  BUFFER_TOO_SMALL(0xC0000023),
  /** The object name is not found. */
  OBJECT_NAME_NOT_FOUND(0xC0000034),
  /** The path does not exist. */
  OBJECT_PATH_NOT_FOUND(0xC000003A),
  /** The specified account does not exist. */
  NO_SUCH_USER(0xC0000064),
  /** The user name or password is incorrect. */
  LOGON_FAILURE(0xC000006D),
  /** The referenced account is currently disabled. */
  ACCOUNT_DISABLED(0xC0000072),
  /** Insufficient system resources exist to complete the API. */
  INSUFFICIENT_RESOURCES(0xC000009A),
  /** The request is not supported. */
  NOT_SUPPORTED(0xC00000BB),
  /** The named pipe is not in a state for this operation (a pipe FSCTL on a file). */
  INVALID_PIPE_STATE(0xC00000AD),
  /** The named pipe has unread data (FSCTL_PIPE_TRANSCEIVE). */
  PIPE_BUSY(0xC00000AE),
  /** The server end of the named pipe is gone. */
  PIPE_DISCONNECTED(0xC00000B0),
  /** The named pipe was closed while the operation waited. */
  PIPE_BROKEN(0xC000014B),
  /** The network responded incorrectly (failed FSCTL_VALIDATE_NEGOTIATE_INFO). */
  INVALID_NETWORK_RESPONSE(0xC00000C3),
  /** The specified network name is no longer available (unknown or disconnected TreeId). */
  NETWORK_NAME_DELETED(0xC00000C9),
  /** Network access is denied. */
  NETWORK_ACCESS_DENIED(0xC00000CA),
  /** The specified share name cannot be found on the remote server. */
  BAD_NETWORK_NAME(0xC00000CC),
  /** No more connections can be made to this remote computer at this time. */
  REQUEST_NOT_ACCEPTED(0xC00000D0),
  /** The oplock acknowledgment does not match a break in progress ([MS-SMB2] 3.3.5.22.1). */
  INVALID_OPLOCK_PROTOCOL(0xC00000E3),
  /** An internal error occurred. */
  INTERNAL_ERROR(0xC00000E5),
  /** The I/O request was canceled. */
  CANCELLED(0xC0000120),
  /** An I/O request other than close was performed on a file after it was closed. */
  FILE_CLOSED(0xC0000128),
  /** The device is not in a valid state for the request (a lease ack without a break). */
  INVALID_DEVICE_STATE(0xC0000184),
  /** The remote user session has been deleted. */
  USER_SESSION_DELETED(0xC0000203),
  /** The requested object was not found. */
  NOT_FOUND(0xC0000225),
  /** The client session has expired; the client must re-authenticate. */
  NETWORK_SESSION_EXPIRED(0xC000035C),
  /** [MS-FSCC] EAs: no more EAs to return (FileFullEaInformation enumeration). */
  NO_MORE_EAS(0x80000012),
  /** An EA name is not valid. */
  INVALID_EA_NAME(0x80000013),
  /** The EA list is inconsistent (NextEntryOffset, lengths). */
  EA_LIST_INCONSISTENT(0x80000014),
  /** An EA flag other than FILE_NEED_EA is set. */
  INVALID_EA_FLAG(0x80000015),
  /** The file system does not support EAs. */
  EAS_NOT_SUPPORTED(0xC000004F),
  /** The EAs are too large for the file system. */
  EA_TOO_LARGE(0xC0000050),
  /** A named EA does not exist. */
  NONEXISTENT_EA_ENTRY(0xC0000051),
  /** The file has no EAs. */
  NO_EAS_ON_FILE(0xC0000052),
  /** The SID given as owner cannot be the owner of the object. */
  INVALID_OWNER(0xC000005A),
  /** An ACL is malformed. */
  INVALID_ACL(0xC0000077),
  /** A SID is malformed. */
  INVALID_SID(0xC0000078),
  /** A security descriptor is malformed. */
  INVALID_SECURITY_DESCR(0xC0000079),
  /** The file is temporarily unavailable. */
  FILE_NOT_AVAILABLE(0xC0000467),
  /** No preauthentication integrity hash algorithm in common. */
  SMB_NO_PREAUTH_INTEGRITY_HASH_OVERLAP(0xC05D0000);

  private static final Map<Integer, NtStatus> BY_CODE = new HashMap<>();

  static {
    for (NtStatus s : values()) {
      BY_CODE.put(s.code, s);
    }
  }

  private final int code;

  NtStatus(int code) {
    this.code = code;
  }

  /** The 32-bit NTSTATUS value. */
  public int code() {
    return code;
  }

  /** The name as clients print it, e.g. {@code NT_STATUS_LOGON_FAILURE}. */
  public String ntName() {
    return "NT_STATUS_" + name();
  }

  /** Whether the severity bits say error (0xC...). */
  public boolean isError() {
    return (code >>> 30) == 3;
  }

  /** The status for a raw code, or null when it is not in the table. */
  public static NtStatus fromCode(int code) {
    return BY_CODE.get(code);
  }
}
