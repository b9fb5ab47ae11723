package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.netty.buffer.ByteBuf;

/**
 * The central checks of [MS-SMB2] 3.3.5.2 before a handler runs, driven by the {@link Smb2Command}
 * table: the verdicts of the earlier handlers, the connection state (3.3.5.2.2), compounding
 * (3.3.5.2.7), the StructureSize, related-chain error propagation (3.3.5.2.7.2: as Windows, the
 * error of a failed CREATE passes to the related requests after it that use its FileId, and a
 * related request whose inherited session was never found is STATUS_INVALID_PARAMETER), the session
 * and its encryption (3.3.5.2.9), the tree connect and its encryption (3.3.5.2.11), and that a
 * handler exists.
 *
 * @param response the answer when a check failed (then no handler runs), or null
 * @param session the session the request uses, or null
 * @param tree the tree connect the request uses, or null
 * @param handler the handler to run when every check passed
 */
record Admission(Response response, SmbSession session, TreeConnect tree, CommandHandler handler) {
  private static Admission fail(Response r, SmbSession s) {
    return new Admission(r, s, null, null);
  }

  private static Admission fail(NtStatus status, SmbSession s) {
    return fail(Response.error(status), s);
  }

  static Admission check(
      SmbConnection c,
      RequestChain chain,
      RequestElement e,
      int index,
      NtStatus createError,
      boolean sessionLost) {
    Smb2Command cmd = e.command();
    SmbSession any = c.session(e.sessionId());
    if (e.rejection() != null) {
      return fail(cmd == Smb2Command.CANCEL ? Response.none() : Response.error(e.rejection()), any);
    }
    if (cmd == null) {
      return fail(NtStatus.INVALID_PARAMETER, any);
    }
    boolean negotiated = c.state() == ConnectionState.NEGOTIATED;
    if (negotiated == (cmd == Smb2Command.NEGOTIATE)) {
      return fail(Response.drop(), null); // 3.3.5.2.2, 3.3.5.4: NEGOTIATE exactly once, first
    }
    if (chain.elements().size() > 1 && !cmd.compoundable()) {
      return fail(NtStatus.INVALID_PARAMETER, any);
    }
    ByteBuf m = e.message();
    int body = m.readerIndex() + Smb2Header.LENGTH;
    if (m.writerIndex() - body < 2 || !cmd.acceptsStructureSize(m.getUnsignedShortLE(body))) {
      return fail(cmd == Smb2Command.CANCEL ? Response.none() : error(), any);
    }
    boolean related = index > 0 && e.header().isRelated();
    if (related && sessionLost && cmd.needsSession()) {
      // the session to inherit was never found: the related request is malformed (as Windows)
      return fail(NtStatus.INVALID_PARAMETER, any);
    }
    if (related && createError.isError() && inheritsFileId(e, cmd)) {
      // only a failed CREATE leaves no FileId to inherit; other failures do not propagate
      return fail(createError, any);
    }
    SmbSession session = any;
    TreeConnect tree = null;
    boolean smb3 = c.dialect() != null && c.dialect().isSmb3();
    boolean reject = c.server().config().rejectUnencryptedAccess();
    if (cmd.needsSession()) {
      if (session == null || session.state() == SessionState.CLOSED) {
        return fail(NtStatus.USER_SESSION_DELETED, null);
      }
      boolean cleanup =
          cmd == Smb2Command.LOGOFF || cmd == Smb2Command.CLOSE || cmd == Smb2Command.LOCK;
      if (session.state() == SessionState.IN_PROGRESS && !cleanup) {
        return fail(NtStatus.USER_SESSION_DELETED, null);
      }
      if (session.state() == SessionState.EXPIRED && !cleanup) {
        return fail(NtStatus.NETWORK_SESSION_EXPIRED, session);
      }
      if (smb3 && chain.encrypted() && chain.decryptedBy() != session) {
        return fail(NtStatus.ACCESS_DENIED, session);
      }
      if (smb3 && !chain.encrypted() && session.encryptData() && reject) {
        return fail(NtStatus.ACCESS_DENIED, session);
      }
    }
    if (cmd.needsTree()) {
      tree = session.tree(e.treeId());
      if (tree == null) {
        return fail(NtStatus.NETWORK_NAME_DELETED, session);
      }
      if (smb3 && !chain.encrypted() && tree.encryptData() && reject) {
        return fail(NtStatus.ACCESS_DENIED, session);
      }
    }
    CommandHandler handler = c.server().handler(cmd);
    if (handler == null) {
      return fail(NtStatus.NOT_SUPPORTED, session);
    }
    return new Admission(null, session, tree, handler);
  }

  private static Response error() {
    return Response.error(NtStatus.INVALID_PARAMETER);
  }

  private static boolean inheritsFileId(RequestElement e, Smb2Command cmd) {
    if (cmd.fileIdOffset() < 0) {
      return false;
    }
    ByteBuf m = e.message();
    int at = m.readerIndex() + Smb2Header.LENGTH + cmd.fileIdOffset();
    return at + 16 <= m.writerIndex() && Smb2FileId.read(m, at).isAny();
  }
}
