package io.cephsmb.gateway.fileservice;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2LeaseBreakAck;
import io.cephsmb.gateway.mssmb2.Smb2OplockBreak;
import io.cephsmb.gateway.oplock.OplockManager;
import io.cephsmb.gateway.server.CommandHandler;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.Response;
import io.cephsmb.omapkv.Bytes;
import java.util.concurrent.CompletableFuture;

/**
 * [MS-SMB2] 3.3.5.22 Receiving an SMB2 OPLOCK_BREAK Acknowledgment: StructureSize 24 is an oplock
 * break acknowledgment (3.3.5.22.1) for an open of this session and tree (else STATUS_FILE_CLOSED),
 * 36 a lease break acknowledgment (3.3.5.22.2) for a lease of this client; the checks and the state
 * change are the {@link OplockManager}'s. The response follows once the open's record shows the new
 * caching.
 */
final class OplockBreakHandler implements CommandHandler {
  private final FileService fs;

  OplockBreakHandler(FileService fs) {
    this.fs = fs;
  }

  @Override
  public CompletableFuture<Response> handle(RequestContext rc) {
    int size = rc.message().getUnsignedShortLE(rc.message().readerIndex() + 64);
    if (size == Smb2LeaseBreakAck.STRUCTURE_SIZE) {
      Smb2LeaseBreakAck ack = Smb2LeaseBreakAck.decode(rc.message());
      if (!fs.leasing) {
        return CompletableFuture.completedFuture(Response.error(NtStatus.INVALID_PARAMETER));
      }
      OplockManager.Ack a =
          fs.oplocks.acknowledgeLease(
              Bytes.wrap(rc.connection().clientGuid()),
              Bytes.wrap(ack.leaseKey()),
              ack.leaseState());
      if (a.status() != NtStatus.SUCCESS) {
        return rc.onLoop(a.recorded()).thenApply(v -> Response.error(a.status()));
      }
      Smb2LeaseBreakAck out = new Smb2LeaseBreakAck(0, ack.leaseKey(), a.level());
      return rc.onLoop(a.recorded()).thenApply(v -> Response.ok(out::encode));
    }
    Smb2OplockBreak ack = Smb2OplockBreak.decode(rc.message());
    FileOpen o = fs.lookup(rc, ack.fileId());
    OplockManager.Ack a = fs.oplocks.acknowledgeOplock(o.record.key(), ack.oplockLevel());
    if (a.status() != NtStatus.SUCCESS) {
      return CompletableFuture.completedFuture(Response.error(a.status()));
    }
    Smb2OplockBreak out = new Smb2OplockBreak(a.level(), o.fileId);
    return rc.onLoop(a.recorded()).thenApply(v -> Response.ok(out::encode));
  }
}
