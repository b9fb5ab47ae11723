package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * [MS-SMB2] 3.3.5.2.4 Verifying the Signature: a signed request of a session with a signing key is
 * verified (in constant time, by {@link io.cephsmb.gateway.crypto.Smb2Signer}); an unsigned request
 * of a session that requires signing is refused. Both are answered STATUS_ACCESS_DENIED. Requests
 * that came encrypted, NEGOTIATE and SESSION_SETUP (the handler deals with re-authentication) are
 * not checked here; requests of unknown or not yet valid sessions are checked again by the
 * dispatcher right before they run. The range checked is the request up to NextCommand, padding
 * included.
 */
final class SignatureVerifier extends ChannelInboundHandlerAdapter {
  private final SmbConnection connection;

  SignatureVerifier(SmbConnection connection) {
    this.connection = connection;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof RequestChain) {
      RequestChain chain = (RequestChain) msg;
      if (!chain.encrypted()) {
        for (RequestElement e : chain.elements()) {
          check(connection, e);
        }
      }
    }
    ctx.fireChannelRead(msg);
  }

  /**
   * Checks one request against the session it uses. The dispatcher calls it again for requests that
   * could not be checked on arrival (their session was not valid yet, e.g. a request in the same
   * compound as the final SESSION_SETUP, or one related to it).
   */
  static void check(SmbConnection connection, RequestElement e) {
    Smb2Command cmd = e.command();
    if (e.rejection() != null
        || cmd == null
        || cmd == Smb2Command.NEGOTIATE
        || cmd == Smb2Command.SESSION_SETUP) {
      return;
    }
    SmbSession s = connection.session(e.sessionId());
    if (s == null || s.state() != SessionState.VALID) {
      return; // the dispatcher checks again if the session becomes valid before this runs
    }
    e.signatureChecked(true);
    if (e.header().isSigned()) {
      if (s.signer() == null) {
        return; // guest and anonymous sessions have no key; the signature cannot mean anything
      }
      ByteBuf m = e.message();
      byte[] bytes = ByteBufUtil.getBytes(m);
      if (!s.signer().verify(bytes, 0, bytes.length)) {
        e.failSignature();
      }
    } else if (s.signingRequired()) {
      e.failSignature();
    }
  }
}
