package io.cephsmb.gateway.server;

import io.cephsmb.gateway.crypto.Smb2Dialect;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2IoctlRequest;
import io.cephsmb.gateway.mssmb2.Smb2IoctlResponse;
import io.cephsmb.gateway.mssmb2.ValidateNegotiateInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * [MS-SMB2] 3.3.5.15 Receiving an SMB2 IOCTL Request, for now only FSCTL_VALIDATE_NEGOTIATE_INFO
 * (3.3.5.15.12): the client's view of its NEGOTIATE must match what the server recorded, or the
 * connection is dropped (also for 3.1.1 and a MaxOutputResponse below 24 bytes); the answer repeats
 * the server's side. Every other control code is STATUS_NOT_SUPPORTED until the file service adds
 * its FSCTLs (pipe transceive, DFS referrals, copy chunk, sparse files, ...).
 */
final class IoctlHandler implements CommandHandler {
  @Override
  public CompletableFuture<Response> handle(RequestContext rc) {
    Smb2IoctlRequest req = Smb2IoctlRequest.decode(rc.message());
    if ((req.flags() & Smb2IoctlRequest.FLAG_IS_FSCTL) == 0
        || req.ctlCode() != Smb2IoctlRequest.FSCTL_VALIDATE_NEGOTIATE_INFO) {
      return done(Response.error(NtStatus.NOT_SUPPORTED));
    }
    return done(validateNegotiate(rc.connection(), req));
  }

  private static Response validateNegotiate(SmbConnection c, Smb2IoctlRequest req) {
    if (c.dialect() == Smb2Dialect.SMB_3_1_1) {
      return Response.drop(); // 3.1.1 protects the negotiate with the preauth hash instead
    }
    if (Integer.compareUnsigned(req.maxOutputResponse(), ValidateNegotiateInfo.Response.LENGTH)
        < 0) {
      return Response.drop();
    }
    if (!req.fileId().isAny()) {
      return Response.error(NtStatus.INVALID_PARAMETER);
    }
    ByteBuf in = Unpooled.wrappedBuffer(req.input());
    ValidateNegotiateInfo.Request v = ValidateNegotiateInfo.Request.decode(in);
    boolean same =
        v.capabilities() == c.clientCapabilities()
            && Arrays.equals(v.guid(), c.clientGuid())
            && v.securityMode() == c.clientSecurityMode()
            && v.dialects().equals(c.clientDialects());
    if (!same) {
      return Response.drop();
    }
    ByteBuf out = Unpooled.buffer(ValidateNegotiateInfo.Response.LENGTH);
    new ValidateNegotiateInfo.Response(
            c.serverCapabilities(),
            Wire.guid(c.server().config().serverGuid()),
            c.serverSecurityMode(),
            c.dialect().revision())
        .encode(out);
    Smb2IoctlResponse resp =
        new Smb2IoctlResponse(
            req.ctlCode(), req.fileId(), new byte[0], ByteBufUtil.getBytes(out), 0);
    out.release();
    return Response.ok(resp::encode);
  }

  private static CompletableFuture<Response> done(Response r) {
    return CompletableFuture.completedFuture(r);
  }
}
