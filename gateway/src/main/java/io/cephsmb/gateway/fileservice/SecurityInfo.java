package io.cephsmb.gateway.fileservice;

import static io.cephsmb.gateway.fileservice.FileService.fail;
import static io.cephsmb.gateway.fileservice.FileService.io;

import io.cephsmb.gateway.msdtyp.DtypException;
import io.cephsmb.gateway.msdtyp.SecurityDescriptor;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2ErrorResponse;
import io.cephsmb.gateway.mssmb2.Smb2OutputBufferResponse;
import io.cephsmb.gateway.mssmb2.Smb2SetInfoResponse;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.Response;
import io.cephsmb.vfs.VfsStat;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * QUERY_INFO and SET_INFO with InfoType SMB2_0_INFO_SECURITY ([MS-SMB2] 3.3.5.20.3 and 3.3.5.21.3)
 * over {@link FileSecurity}: AdditionalInformation selects owner, group, DACL (and SACL); a query
 * needs READ_CONTROL, setting the owner or group WRITE_OWNER, the DACL WRITE_DAC, and the SACL
 * ACCESS_SYSTEM_SECURITY (never granted: STATUS_ACCESS_DENIED). A descriptor larger than
 * OutputBufferLength is STATUS_BUFFER_TOO_SMALL with the needed length as the error data.
 */
final class SecurityInfo {
  private static final int KNOWN =
      SecurityDescriptor.OWNER_SECURITY_INFORMATION
          | SecurityDescriptor.GROUP_SECURITY_INFORMATION
          | SecurityDescriptor.DACL_SECURITY_INFORMATION
          | SecurityDescriptor.SACL_SECURITY_INFORMATION;

  private SecurityInfo() {}

  static CompletableFuture<Response> query(RequestContext rc, FileOpen o, int info, int max) {
    if (!o.has(Access.READ_CONTROL)) {
      throw fail(NtStatus.ACCESS_DENIED, "no READ_CONTROL");
    }
    if ((info & SecurityDescriptor.SACL_SECURITY_INFORMATION) != 0
        && !o.has(Access.ACCESS_SYSTEM_SECURITY)) {
      throw fail(NtStatus.ACCESS_DENIED, "SACL without ACCESS_SYSTEM_SECURITY");
    }
    return rc.offload(
        () -> {
          VfsStat st = io(() -> FileService.stat(o));
          SecurityDescriptor sd = io(() -> FileSecurity.of(o.vfs, o.path(), st));
          byte[] b = sd.select(info & KNOWN).encode();
          if (b.length > max) {
            byte[] need =
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array();
            return Response.of(
                NtStatus.BUFFER_TOO_SMALL, new Smb2ErrorResponse(List.of(), need)::encode);
          }
          return Response.ok(
              out -> Smb2OutputBufferResponse.encode(out, Unpooled.wrappedBuffer(b)));
        });
  }

  static CompletableFuture<Response> set(RequestContext rc, FileOpen o, byte[] buf, int info) {
    if ((info
                & (SecurityDescriptor.OWNER_SECURITY_INFORMATION
                    | SecurityDescriptor.GROUP_SECURITY_INFORMATION))
            != 0
        && !o.has(FileSecurity.WRITE_OWNER)) {
      throw fail(NtStatus.ACCESS_DENIED, "no WRITE_OWNER");
    }
    if ((info & SecurityDescriptor.DACL_SECURITY_INFORMATION) != 0
        && !o.has(FileSecurity.WRITE_DAC)) {
      throw fail(NtStatus.ACCESS_DENIED, "no WRITE_DAC");
    }
    if ((info & SecurityDescriptor.SACL_SECURITY_INFORMATION) != 0
        && !o.has(Access.ACCESS_SYSTEM_SECURITY)) {
      throw fail(NtStatus.ACCESS_DENIED, "no ACCESS_SYSTEM_SECURITY");
    }
    SecurityDescriptor sd;
    try {
      sd = SecurityDescriptor.decode(buf);
    } catch (DtypException e) {
      throw fail(NtStatus.INVALID_SECURITY_DESCR, e.getMessage());
    }
    int parts = info & KNOWN;
    if (parts == 0) {
      return CompletableFuture.completedFuture(Response.ok(new Smb2SetInfoResponse()::encode));
    }
    if (o.share.readOnly()) {
      throw fail(NtStatus.ACCESS_DENIED, "read-only share");
    }
    if (!o.vfs.capabilities().xattrs()) {
      throw fail(NtStatus.NOT_SUPPORTED, "no xattrs to keep a security descriptor in");
    }
    return rc.offload(
        () -> {
          io(
              () -> {
                FileSecurity.set(o.vfs, o.path(), FileService.stat(o), sd, parts);
                return null;
              });
          return Response.ok(new Smb2SetInfoResponse()::encode);
        });
  }
}
