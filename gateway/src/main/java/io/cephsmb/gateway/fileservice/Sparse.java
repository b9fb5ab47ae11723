package io.cephsmb.gateway.fileservice;

import static io.cephsmb.gateway.fileservice.FileService.fail;
import static io.cephsmb.gateway.fileservice.FileService.io;

import io.cephsmb.gateway.msfscc.FileAllocatedRange;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2IoctlRequest;
import io.cephsmb.gateway.server.Response;
import io.cephsmb.vfs.VfsStat;

/**
 * Sparse files ([MS-FSA] 2.1.5.9.33 FSCTL_SET_SPARSE, 2.1.5.9.22 FSCTL_QUERY_ALLOCATED_RANGES,
 * 2.1.5.9.38 FSCTL_SET_ZERO_DATA). The sparse flag is FILE_ATTRIBUTE_SPARSE_FILE in the DOS
 * attributes xattr. Allocated ranges: neither libcephfs nor java.nio tell where a file's holes are
 * (CephFS answers SEEK_DATA/SEEK_HOLE as if the whole file were data), so the range asked for,
 * clipped to the end of file, is reported as one allocated range, which [MS-FSCC] 2.3.52 allows.
 * Zero data punches a hole where the VFS can ({@link io.cephsmb.vfs.Vfs#zeroRange}). Blocking.
 */
final class Sparse {
  private Sparse() {}

  static Response setSparse(FileOpen o, Smb2IoctlRequest req) {
    if (o.directory) {
      throw fail(NtStatus.INVALID_PARAMETER, "FSCTL_SET_SPARSE on a directory");
    }
    if (!o.has(Access.FILE_WRITE_DATA | Access.FILE_WRITE_ATTRIBUTES | Access.FILE_APPEND_DATA)) {
      throw fail(NtStatus.ACCESS_DENIED, "FSCTL_SET_SPARSE needs write access");
    }
    if (o.share.readOnly()) {
      throw fail(NtStatus.ACCESS_DENIED, "read-only share");
    }
    // FILE_SET_SPARSE_BUFFER is optional: no buffer means set
    boolean sparse = req.input().length == 0 || req.input()[0] != 0;
    io(
        () -> {
          Attributes.storeSparse(o.vfs, o.path(), sparse);
          return null;
        });
    return FsctlHandler.ok(req, b -> {});
  }

  static Response allocatedRanges(FileOpen o, Smb2IoctlRequest req) {
    if (req.input().length < FileAllocatedRange.LENGTH) {
      throw fail(NtStatus.INVALID_PARAMETER, "FILE_ALLOCATED_RANGE_BUFFER input");
    }
    FileAllocatedRange q = FileAllocatedRange.decode(req.input());
    if (q.offset() < 0 || q.length() < 0 || q.offset() > Long.MAX_VALUE - q.length()) {
      throw fail(NtStatus.INVALID_PARAMETER, "range");
    }
    if (!o.has(Access.FILE_READ_DATA)) {
      throw fail(NtStatus.ACCESS_DENIED, "FSCTL_QUERY_ALLOCATED_RANGES needs FILE_READ_DATA");
    }
    if (o.directory) {
      throw fail(NtStatus.INVALID_PARAMETER, "a directory");
    }
    VfsStat st = io(() -> FileService.stat(o));
    long end = Math.min(st.size(), q.offset() + q.length());
    if (q.length() == 0 || q.offset() >= end) {
      return FsctlHandler.ok(req, b -> {});
    }
    if ((req.maxOutputResponse() & 0xffffffffL) < FileAllocatedRange.LENGTH) {
      throw fail(NtStatus.BUFFER_TOO_SMALL, "MaxOutputResponse for one range");
    }
    FileAllocatedRange r = new FileAllocatedRange(q.offset(), end - q.offset());
    return FsctlHandler.ok(req, r::encode);
  }

  static Response zeroData(FileOpen o, Smb2IoctlRequest req) {
    if (req.input().length < FileAllocatedRange.LENGTH) {
      throw fail(NtStatus.INVALID_PARAMETER, "FILE_ZERO_DATA_INFORMATION input");
    }
    FileAllocatedRange z = FileAllocatedRange.decode(req.input()); // FileOffset, BeyondFinalZero
    if (z.offset() < 0 || z.length() < 0 || z.offset() > z.length()) {
      throw fail(NtStatus.INVALID_PARAMETER, "zero range");
    }
    if (o.directory) {
      throw fail(NtStatus.INVALID_PARAMETER, "a directory");
    }
    if (!o.has(Access.FILE_WRITE_DATA)) {
      throw fail(NtStatus.ACCESS_DENIED, "FSCTL_SET_ZERO_DATA needs FILE_WRITE_DATA");
    }
    if (o.share.readOnly()) {
      throw fail(NtStatus.ACCESS_DENIED, "read-only share");
    }
    io(
        () -> {
          o.vfs.zeroRange(o.handle, z.offset(), z.length() - z.offset());
          return null;
        });
    return FsctlHandler.ok(req, b -> {});
  }
}
