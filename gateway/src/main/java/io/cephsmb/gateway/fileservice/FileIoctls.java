package io.cephsmb.gateway.fileservice;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2IoctlRequest;
import io.cephsmb.gateway.mssmb2.Smb2IoctlResponse;
import io.cephsmb.gateway.server.CommandHandler;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.Response;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;

/**
 * [MS-SMB2] 3.3.5.15 Receiving an SMB2 IOCTL Request, the part that needs an open: an FSCTL on a
 * FileId that names no open of this session and tree is STATUS_FILE_CLOSED (also inside a compound
 * whose CREATE failed or after a CLOSE, smbtorture smb2.compound.related5); FSCTL_GET_OBJECT_ID and
 * FSCTL_CREATE_OR_GET_OBJECT_ID ([MS-FSA] 2.1.5.10.3, 2.1.5.10.7) answer an object id derived from
 * the inode, so every node gives the same one without storing it. Controls that need no open
 * (negotiate validation, network interfaces, DFS referrals, pipe wait) and every other control go
 * to the engine's handler.
 */
final class FileIoctls implements CommandHandler {
  static final int FSCTL_GET_OBJECT_ID = 0x0009009C;
  static final int FSCTL_CREATE_OR_GET_OBJECT_ID = 0x000900C0;
  static final int FSCTL_VALIDATE_NEGOTIATE_INFO = 0x00140204;
  static final int FSCTL_QUERY_NETWORK_INTERFACE_INFO = 0x001401FC;
  static final int FSCTL_DFS_GET_REFERRALS = 0x00060194;
  static final int FSCTL_DFS_GET_REFERRALS_EX = 0x000601B0;
  static final int FSCTL_PIPE_WAIT = 0x00110018;

  /** sizeof(FILE_OBJECTID_BUFFER), [MS-FSCC] 2.1.3.1. */
  static final int OBJECT_ID_BUFFER = 64;

  private final FileService fs;
  private final CommandHandler engine;

  FileIoctls(FileService fs, CommandHandler engine) {
    this.fs = fs;
    this.engine = engine;
  }

  private static boolean needsNoOpen(int ctl) {
    return ctl == FSCTL_VALIDATE_NEGOTIATE_INFO
        || ctl == FSCTL_QUERY_NETWORK_INTERFACE_INFO
        || ctl == FSCTL_DFS_GET_REFERRALS
        || ctl == FSCTL_DFS_GET_REFERRALS_EX
        || ctl == FSCTL_PIPE_WAIT;
  }

  @Override
  public CompletableFuture<Response> handle(RequestContext rc) {
    Smb2IoctlRequest req = Smb2IoctlRequest.decode(rc.message().duplicate());
    if ((req.flags() & Smb2IoctlRequest.FLAG_IS_FSCTL) == 0
        || needsNoOpen(req.ctlCode())
        || rc.tree() == null
        || rc.tree().ipc()) {
      return engine.handle(rc);
    }
    FileOpen o = fs.lookup(rc, req.fileId());
    switch (req.ctlCode()) {
      case FSCTL_GET_OBJECT_ID:
      case FSCTL_CREATE_OR_GET_OBJECT_ID:
        return CompletableFuture.completedFuture(objectId(o, req));
      default:
        return engine.handle(rc);
    }
  }

  /**
   * FILE_OBJECTID_BUFFER: ObjectId = the inode (8 bytes LE) and the share path's hash (8 bytes),
   * BirthVolumeId zero, BirthObjectId = ObjectId, DomainId zero.
   */
  private static Response objectId(FileOpen o, Smb2IoctlRequest req) {
    if (Integer.compareUnsigned(req.maxOutputResponse(), OBJECT_ID_BUFFER) < 0) {
      throw FileService.fail(NtStatus.BUFFER_TOO_SMALL, "MaxOutputResponse");
    }
    ByteBuffer b = ByteBuffer.allocate(OBJECT_ID_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    long volume = o.share.path().hashCode() * 0x9E3779B97F4A7C15L;
    b.putLong(0, o.ino).putLong(8, volume);
    b.putLong(32, o.ino).putLong(40, volume);
    Smb2IoctlResponse resp =
        new Smb2IoctlResponse(req.ctlCode(), o.fileId, new byte[0], b.array(), 0);
    return Response.ok(resp::encode);
  }
}
