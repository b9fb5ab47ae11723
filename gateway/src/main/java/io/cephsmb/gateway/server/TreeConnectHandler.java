package io.cephsmb.gateway.server;

import io.cephsmb.gateway.crypto.Smb2Dialect;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2TreeConnectRequest;
import io.cephsmb.gateway.mssmb2.Smb2TreeConnectResponse;
import java.util.concurrent.CompletableFuture;

/**
 * [MS-SMB2] 3.3.5.7 Receiving an SMB2 TREE_CONNECT Request: IPC$ is built in (a pipe share); other
 * names are looked up in the {@link ShareRegistry} (unknown: STATUS_BAD_NETWORK_NAME). A share that
 * must be encrypted (its own or the global EncryptData) is refused to 2.x clients and to 3.x
 * connections without a cipher when RejectUnencryptedAccess holds; otherwise it is answered with
 * SMB2_SHAREFLAG_ENCRYPT_DATA and later unencrypted requests on the tree are refused. An anonymous
 * session may connect IPC$ only (STATUS_ACCESS_DENIED for a disk share).
 */
final class TreeConnectHandler implements CommandHandler {
  /** The generic-all maximal access ([MS-SMB2] 2.2.13.1.1: 0x001F01FF). */
  static final int FULL_ACCESS = 0x001F01FF;

  /** Read, read attributes, read EA, execute, synchronize, read control. */
  static final int READ_ACCESS = 0x001200A9;

  /** The most tree connects one session may hold. */
  static final int MAX_TREES_PER_SESSION = 1024;

  private static final ShareDefinition IPC =
      new ShareDefinition("IPC$", "", "IPC Service", false, false, false);

  @Override
  public CompletableFuture<Response> handle(RequestContext rc) {
    Smb2TreeConnectRequest req =
        Smb2TreeConnectRequest.decode(
            rc.message(), rc.connection().dialect() == Smb2Dialect.SMB_3_1_1);
    String name = req.shareName();
    if (name.isEmpty()) {
      return CompletableFuture.completedFuture(Response.error(NtStatus.BAD_NETWORK_NAME));
    }
    if (name.equalsIgnoreCase("IPC$")) {
      return CompletableFuture.completedFuture(connect(rc, IPC, true));
    }
    return rc.onLoop(rc.server().shares().lookup(name))
        .thenApply(
            share ->
                share.isPresent()
                    ? connect(rc, share.get(), false)
                    : Response.error(NtStatus.BAD_NETWORK_NAME));
  }

  private static Response connect(RequestContext rc, ShareDefinition share, boolean ipc) {
    SmbConnection c = rc.connection();
    SmbServerConfig config = c.server().config();
    SmbSession session = rc.session();
    if (session.state() != SessionState.VALID) {
      return Response.error(NtStatus.USER_SESSION_DELETED);
    }
    if (!ipc && session.isAnonymous()) {
      // an anonymous (null) session reaches IPC$ only, as Samba's shares without "guest ok"
      return Response.error(NtStatus.ACCESS_DENIED);
    }
    if (session.treeCount() >= MAX_TREES_PER_SESSION) {
      return Response.error(NtStatus.INSUFFICIENT_RESOURCES);
    }
    boolean smb3 = c.dialect().isSmb3();
    boolean encrypt = !ipc && (share.encryptData() || config.encryptData());
    if (encrypt && (!smb3 || !session.canEncrypt()) && config.rejectUnencryptedAccess()) {
      return Response.error(NtStatus.ACCESS_DENIED);
    }
    boolean treeEncrypt = encrypt && smb3 && session.canEncrypt();
    int access = share.readOnly() ? READ_ACCESS : FULL_ACCESS;
    TreeConnect tree = session.addTree(c.server().nextTreeId(), share, ipc, treeEncrypt, access);
    rc.treeConnected(tree);
    int flags =
        (ipc
                ? Smb2TreeConnectResponse.SHAREFLAG_NO_CACHING
                : Smb2TreeConnectResponse.SHAREFLAG_MANUAL_CACHING)
            | (treeEncrypt ? Smb2TreeConnectResponse.SHAREFLAG_ENCRYPT_DATA : 0);
    Smb2TreeConnectResponse resp =
        new Smb2TreeConnectResponse(
            ipc ? Smb2TreeConnectResponse.TYPE_PIPE : Smb2TreeConnectResponse.TYPE_DISK,
            flags,
            0,
            access);
    return Response.ok(resp::encode);
  }
}
