package io.cephsmb.gateway.server;

import io.cephsmb.gateway.crypto.PreauthIntegrity;
import io.cephsmb.gateway.crypto.Smb2Dialect;
import io.cephsmb.gateway.crypto.Smb2KeyDerivation;
import io.cephsmb.gateway.crypto.Smb2SessionKeys;
import io.cephsmb.gateway.msnlmp.NtlmCredentials;
import io.cephsmb.gateway.msnlmp.NtlmServerContext;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2NegotiateResponse;
import io.cephsmb.gateway.mssmb2.Smb2SessionSetupRequest;
import io.cephsmb.gateway.mssmb2.Smb2SessionSetupResponse;
import io.cephsmb.gateway.msspng.GssMechanism;
import io.cephsmb.gateway.msspng.NtlmGssMechanism;
import io.cephsmb.gateway.msspng.Oid;
import io.cephsmb.gateway.msspng.SpnegoAcceptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * [MS-SMB2] 3.3.5.5 Receiving an SMB2 SESSION_SETUP Request: SPNEGO with NTLMSSP over as many legs
 * as it takes (STATUS_MORE_PROCESSING_REQUIRED in between), the 3.1.1 session preauth hash over
 * every request and every interim response, keys from {@link Smb2KeyDerivation} once authentication
 * is complete, and the final response signed with the new key.
 *
 * <p>Re-authentication of a valid session (3.3.5.5.2, 3.3.5.5.3) replaces its identity, as Windows
 * and Samba do: another user, anonymous (when anonymous logons are allowed) or guest; the keys,
 * tree connects and opens stay (an open keeps the access it was granted). A failed
 * (re-)authentication answers the mechanism's status (STATUS_LOGON_FAILURE) and tears the session
 * down with its opens. PreviousSessionId: see {@link PreviousSession}.
 *
 * <p>No multichannel (SMB2_GLOBAL_CAP_MULTI_CHANNEL is not announced, IsMultiChannelCapable is
 * FALSE): a binding request is refused with STATUS_REQUEST_NOT_ACCEPTED. A SESSION_SETUP naming a
 * session that is not on this connection is STATUS_USER_SESSION_DELETED. Both refusals are signed
 * with the named session's key when the request's signature proved that key (as clients that sign
 * the request require, and without offering a signing oracle to anyone else).
 *
 * <p>The SPNEGO steps run on the blocking executor (the user lookup may block).
 */
final class SessionSetupHandler implements CommandHandler {
  /** The mechanisms offered, in the server's order of preference. */
  static final List<String> MECHANISMS = List.of(Oid.NTLMSSP);

  /** The most sessions (authenticated or not) one connection may hold. */
  static final int MAX_SESSIONS_PER_CONNECTION = 128;

  private static final long LOOKUP_TIMEOUT_SECONDS = 30;

  @Override
  public CompletableFuture<Response> handle(RequestContext rc) {
    Smb2SessionSetupRequest req = Smb2SessionSetupRequest.decode(rc.message());
    SmbConnection c = rc.connection();
    if (req.isBinding()) {
      return done(refusal(rc, NtStatus.REQUEST_NOT_ACCEPTED));
    }
    boolean v311 = c.dialect() == Smb2Dialect.SMB_3_1_1;
    SmbSession s;
    if (rc.header().sessionId() == 0) {
      if (c.sessionCount() >= MAX_SESSIONS_PER_CONNECTION) {
        return done(Response.error(NtStatus.INSUFFICIENT_RESOURCES));
      }
      s = new SmbSession(c.server().nextSessionId(), c);
      s.preauthHash(c.preauthHash());
      c.addSession(s);
    } else {
      s = c.session(rc.header().sessionId());
      if (s == null || s.state() == SessionState.CLOSED) {
        return done(refusal(rc, NtStatus.USER_SESSION_DELETED));
      }
    }
    rc.sessionEstablished(s);
    if (s.acceptor() == null) {
      s.acceptor(new SpnegoAcceptor(mechanisms(c.server())));
    }
    boolean firstAuth = s.state() == SessionState.IN_PROGRESS;
    if (v311 && firstAuth) {
      s.preauthHash(PreauthIntegrity.next(s.preauthHash(), rc.messageBytes()));
    }
    SpnegoAcceptor acceptor = s.acceptor();
    byte[] token = req.securityBuffer();
    return rc.offload(() -> acceptor.accept(token))
        .thenCompose(out -> after(rc, s, acceptor, out, req));
  }

  /**
   * The answer to a SESSION_SETUP that names a session this connection does not have (or asks to
   * bind): {@code status}, signed by that session if it exists on this node and the request carries
   * its valid signature.
   */
  private static Response refusal(RequestContext rc, NtStatus status) {
    Response r = Response.error(status);
    SmbSession named = rc.server().globalSession(rc.header().sessionId());
    if (named == null
        || named.state() != SessionState.VALID
        || named.signer() == null
        || !rc.header().isSigned()
        || rc.encrypted()) {
      return r;
    }
    byte[] m = rc.messageBytes();
    return named.signer().verify(m, 0, m.length) ? r.signedBy(named) : r;
  }

  private static CompletableFuture<Response> after(
      RequestContext rc,
      SmbSession s,
      SpnegoAcceptor acceptor,
      byte[] out,
      Smb2SessionSetupRequest req) {
    SmbConnection c = rc.connection();
    if (s.state() == SessionState.CLOSED) {
      // logged off or connection gone
      return done(Response.error(NtStatus.USER_SESSION_DELETED));
    }
    boolean firstAuth = s.state() == SessionState.IN_PROGRESS;
    switch (acceptor.state()) {
      case IN_PROGRESS:
        Response more =
            Response.of(
                NtStatus.MORE_PROCESSING_REQUIRED, new Smb2SessionSetupResponse(0, out)::encode);
        if (c.dialect() == Smb2Dialect.SMB_3_1_1 && firstAuth) {
          more = more.withOnEncoded(b -> s.preauthHash(PreauthIntegrity.next(s.preauthHash(), b)));
        }
        return done(more);
      case COMPLETE:
        s.acceptor(null);
        Response r = complete(rc, s, acceptor.mechanism(), out, req.securityMode());
        if (r.status() != NtStatus.SUCCESS) {
          return done(r);
        }
        return PreviousSession.close(rc, s, req.previousSessionId()).thenApply(v -> r);
      default:
        // A failed logon removes the session with its opens, also when it was a
        // re-authentication (3.3.5.5.3; as Windows and Samba do: smbtorture smb2.session.reauth6).
        Response failed = Response.error(failureStatus(acceptor.failureStatus()));
        return c.closeSession(s).thenApply(v -> failed);
    }
  }

  /** The status of a failed logon: what the mechanism said if the table knows it. */
  static NtStatus failureStatus(int code) {
    NtStatus st = NtStatus.fromCode(code);
    return st == null ? NtStatus.LOGON_FAILURE : st;
  }

  private static Response complete(
      RequestContext rc, SmbSession s, GssMechanism mech, byte[] out, int clientMode) {
    SmbConnection c = rc.connection();
    SmbServerConfig config = c.server().config();
    GssMechanism.Identity id = mech.identity();
    boolean guest =
        config.guestAccount() != null && config.guestAccount().equalsIgnoreCase(id.user());
    boolean anonymous = id.anonymous();
    if (s.state() != SessionState.IN_PROGRESS) {
      // Re-authentication (3.3.5.5.2, 3.3.5.5.3): the new identity; Session.SessionKey, the
      // signing and encryption keys and policy are retained.
      s.authenticated(id.user(), id.domain(), guest, anonymous);
      if (s.state() == SessionState.EXPIRED) {
        s.transition(SessionState.VALID);
      }
      Response again = Response.ok(new Smb2SessionSetupResponse(flags(s), out)::encode);
      return s.signer() != null ? again.signedBy(s) : again;
    }
    boolean smb3 = c.dialect().isSmb3();
    boolean encrypt = config.encryptData() && !guest && !anonymous;
    if (encrypt && (!smb3 || c.cipher() == null) && config.rejectUnencryptedAccess()) {
      CompletableFuture<Void> unused = c.closeSession(s); // a new session: it has no opens
      return Response.error(NtStatus.ACCESS_DENIED);
    }
    Smb2SessionKeys keys = null;
    if (!guest && !anonymous) {
      keys = Smb2KeyDerivation.derive(c.dialect(), c.cipher(), mech.sessionKey(), s.preauthHash());
    }
    boolean signingRequired =
        keys != null
            && (config.signingRequired()
                || (clientMode & Smb2NegotiateResponse.SIGNING_REQUIRED) != 0);
    s.secure(
        keys,
        c.signingAlgorithm(),
        smb3 && keys != null ? c.cipher() : null,
        signingRequired,
        encrypt && c.cipher() != null,
        c.server().random());
    s.authenticated(id.user(), id.domain(), guest, anonymous);
    s.transition(SessionState.VALID);
    Response ok = Response.ok(new Smb2SessionSetupResponse(flags(s), out)::encode);
    return s.signer() != null ? ok.signedBy(s) : ok;
  }

  private static int flags(SmbSession s) {
    int f = 0;
    if (s.isGuest()) {
      f |= Smb2SessionSetupResponse.IS_GUEST;
    }
    if (s.isAnonymous()) {
      f |= Smb2SessionSetupResponse.IS_NULL;
    }
    if (s.encryptData()) {
      f |= Smb2SessionSetupResponse.ENCRYPT_DATA;
    }
    return f;
  }

  /** The SPNEGO mechanisms, NTLM looking users up in the server's {@link UserDirectory}. */
  static Map<String, Supplier<GssMechanism>> mechanisms(ServerContext server) {
    NtlmCredentials credentials = (user, domain) -> lookup(server.users(), user);
    Map<String, Supplier<GssMechanism>> m = new LinkedHashMap<>();
    m.put(
        Oid.NTLMSSP,
        () ->
            new NtlmGssMechanism(
                new NtlmServerContext(
                    server.ntlmConfig(), credentials, server.random(), server.clock())));
    return m;
  }

  /** Runs on the blocking executor: waiting for a remote directory is allowed there. */
  private static Optional<byte[]> lookup(UserDirectory users, String user) {
    try {
      return users
          .ntHash(user.toLowerCase(Locale.ROOT))
          .get(LOOKUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException | TimeoutException e) {
      return Optional.empty();
    }
  }

  private static CompletableFuture<Response> done(Response r) {
    return CompletableFuture.completedFuture(r);
  }
}
