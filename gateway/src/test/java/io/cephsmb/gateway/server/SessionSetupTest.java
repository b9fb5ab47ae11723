package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.dcerpc.mssrvs.ServerIdentity;
import io.cephsmb.dcerpc.mssrvs.ShareInfo;
import io.cephsmb.dcerpc.mssrvs.ShareInfoSource;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2CreateRequest;
import io.cephsmb.gateway.mssmb2.Smb2CreateResponse;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.mssmb2.Smb2QueryInfoRequest;
import io.cephsmb.gateway.mssmb2.Smb2SessionSetupResponse;
import io.cephsmb.gateway.msspng.NegTokenInit;
import io.cephsmb.gateway.msspng.Oid;
import io.cephsmb.gateway.msspng.SpnegoInitToken;
import io.cephsmb.gateway.pipe.NamedPipes;
import io.cephsmb.gateway.rpc.RpcServices;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * [MS-SMB2] 3.3.5.5 SESSION_SETUP beyond the first logon, on the whole pipeline ({@link
 * EmbeddedServer}, two connections to one server where needed): re-authentication (another user,
 * anonymous, refused credentials), PreviousSessionId (same user: the old session and its opens go;
 * another user or anonymous: nothing changes), and the refusals of binding and of sessions of other
 * connections (signed only when the request proved the session's key). The opens are named-pipe
 * opens on IPC$, which sessions close like file opens.
 */
class SessionSetupTest {
  private static final int FILE_STANDARD_INFORMATION = 5;

  private RpcServices rpc;
  private NamedPipes pipes;
  private EmbeddedServer server;

  private void start(Consumer<SmbServerConfig.Builder> tweak) throws Exception {
    rpc =
        RpcServices.start(
            null,
            -1,
            0,
            List.of(),
            ShareInfoSource.of(List.of(ShareInfo.ipc("IPC Service"))),
            ServerIdentity.of("CEPHSMB", "WORKGROUP", "test"));
    pipes = new NamedPipes(rpc.pipes());
    server = new EmbeddedServer(tweak, pipes.wrap(Map.of()));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (rpc != null) {
      rpc.close();
    }
  }

  private static Smb2FileId openPipe(Smb2TestClient c) {
    Smb2TestClient.Reply r =
        c.call(
            c.request(
                Smb2Command.CREATE,
                b ->
                    new Smb2CreateRequest(0, 0, 2, 0x0012019f, 0, 7, 1, 0, "srvsvc", List.of())
                        .encode(b)));
    assertEquals(NtStatus.SUCCESS, r.status());
    return Smb2CreateResponse.decode(Unpooled.wrappedBuffer(r.message())).fileId();
  }

  private static NtStatus query(Smb2TestClient c, Smb2FileId id) {
    return c.call(
            c.request(
                Smb2Command.QUERY_INFO,
                b ->
                    new Smb2QueryInfoRequest(
                            1, FILE_STANDARD_INFORMATION, 1024, new byte[0], 0, 0, id)
                        .encode(b)))
        .status();
  }

  private static Smb2TestClient alice(EmbeddedServer s) {
    return new Smb2TestClient(s).ready("IPC$");
  }

  @Test
  void reauthenticationMayChangeTheUserAndKeepsTheOpens() throws Exception {
    start(b -> b.allowAnonymous(true));
    Smb2TestClient c = alice(server);
    Smb2FileId pipe = openPipe(c);
    long id = c.sessionId;

    assertEquals(NtStatus.SUCCESS, c.authenticate("bob", "Bobs-Password", 1, 0, false));
    assertEquals(id, c.sessionId);
    assertEquals(NtStatus.SUCCESS, query(c, pipe));

    assertEquals(NtStatus.SUCCESS, c.authenticate(null, null, 1, 0, false));
    assertEquals(
        Smb2SessionSetupResponse.IS_NULL, c.sessionFlags & Smb2SessionSetupResponse.IS_NULL);
    assertEquals(NtStatus.SUCCESS, query(c, pipe), "an open keeps the access it was granted");
    // an anonymous session reaches IPC$ only
    assertEquals(NtStatus.ACCESS_DENIED, c.treeConnect("share"));
    assertEquals(1, pipes.openCount());

    assertEquals(
        NtStatus.SUCCESS, c.authenticate(TestServers.USER, TestServers.PASSWORD, 1, 0, false));
    assertEquals(0, c.sessionFlags & Smb2SessionSetupResponse.IS_NULL);
    assertEquals(NtStatus.SUCCESS, query(c, pipe));
  }

  @Test
  void anonymousReauthenticationWhereAnonymousIsRefusedEndsTheSessionAndItsOpens()
      throws Exception {
    start(b -> b.allowAnonymous(false));
    Smb2TestClient c = alice(server);
    Smb2FileId pipe = openPipe(c);

    assertEquals(NtStatus.LOGON_FAILURE, c.authenticate(null, null, 1, 0, false));

    assertEquals(NtStatus.USER_SESSION_DELETED, query(c, pipe));
    assertEquals(0, pipes.openCount());
    assertEquals(0, server.context.globalSessionCount());
  }

  @Test
  void reauthenticationWithAWrongPasswordEndsTheSessionAndItsOpens() throws Exception {
    start(b -> {});
    Smb2TestClient c = alice(server);
    Smb2FileId pipe = openPipe(c);

    assertEquals(NtStatus.LOGON_FAILURE, c.authenticate("bob", "wrong", 1, 0, false));

    assertEquals(NtStatus.USER_SESSION_DELETED, query(c, pipe));
    assertEquals(0, pipes.openCount());
  }

  @Test
  void anonymousLogonIsRefusedUnlessAllowedAndReachesIpcOnly() throws Exception {
    start(b -> b.allowAnonymous(true));
    Smb2TestClient c = new Smb2TestClient(server);
    assertEquals(NtStatus.SUCCESS, c.negotiate(1).status());
    assertEquals(NtStatus.SUCCESS, c.authenticate(null, null, 1, 0, true));
    assertEquals(NtStatus.ACCESS_DENIED, c.treeConnect("share"));
    assertEquals(NtStatus.SUCCESS, c.treeConnect("IPC$"));
    server.close();
    rpc.close();

    start(b -> {});
    Smb2TestClient refused = new Smb2TestClient(server);
    assertEquals(NtStatus.SUCCESS, refused.negotiate(1).status());
    assertEquals(NtStatus.LOGON_FAILURE, refused.authenticate(null, null, 1, 0, true));
  }

  @Test
  void previousSessionOfTheSameUserIsTornDownWithItsOpens() throws Exception {
    start(b -> {});
    Smb2TestClient old = alice(server);
    Smb2FileId pipe = openPipe(old);
    EmbeddedServer second = server.connect();
    Smb2TestClient now = new Smb2TestClient(second);
    assertEquals(NtStatus.SUCCESS, now.negotiate(1).status());

    // the user name in another case is the same passdb user
    assertEquals(
        NtStatus.SUCCESS, now.authenticate("ALICE", TestServers.PASSWORD, 1, old.sessionId, true));

    assertEquals(NtStatus.USER_SESSION_DELETED, query(old, pipe));
    assertEquals(0, pipes.openCount());
    assertEquals(NtStatus.SUCCESS, now.treeConnect("IPC$"));
    assertEquals(NtStatus.SUCCESS, query(now, openPipe(now)));
  }

  @Test
  void previousSessionOnTheSameConnectionIsTornDown() throws Exception {
    start(b -> {});
    Smb2TestClient c = alice(server);
    Smb2FileId pipe = openPipe(c);
    long old = c.sessionId;
    c.sessionId = 0;

    assertEquals(
        NtStatus.SUCCESS, c.authenticate(TestServers.USER, TestServers.PASSWORD, 1, old, true));

    assertNotEquals(old, c.sessionId);
    c.sessionId = old;
    assertEquals(NtStatus.USER_SESSION_DELETED, query(c, pipe));
    assertEquals(0, pipes.openCount());
  }

  @Test
  void previousSessionOfAnotherUserOrNamedByAnAnonymousLogonIsLeftAlone() throws Exception {
    start(b -> b.allowAnonymous(true));
    Smb2TestClient old = alice(server);
    Smb2FileId pipe = openPipe(old);
    EmbeddedServer second = server.connect();
    Smb2TestClient bob = new Smb2TestClient(second);
    assertEquals(NtStatus.SUCCESS, bob.negotiate(1).status());
    assertEquals(
        NtStatus.SUCCESS, bob.authenticate("bob", "Bobs-Password", 1, old.sessionId, true));
    Smb2TestClient anon = new Smb2TestClient(server.connect());
    assertEquals(NtStatus.SUCCESS, anon.negotiate(1).status());
    assertEquals(NtStatus.SUCCESS, anon.authenticate(null, null, 1, old.sessionId, true));
    // a PreviousSessionId that names no session, and one that names the request's own session
    assertEquals(
        NtStatus.SUCCESS, bob.authenticate("bob", "Bobs-Password", 1, 0x7777_0000_0001L, false));
    assertEquals(
        NtStatus.SUCCESS, bob.authenticate("bob", "Bobs-Password", 1, bob.sessionId, false));

    assertEquals(NtStatus.SUCCESS, query(old, pipe));
    assertEquals(1, pipes.openCount());
  }

  @Test
  void bindingIsRefusedSignedOnlyWhenTheRequestProvesTheSessionKey() throws Exception {
    start(b -> {});
    Smb2TestClient owner = alice(server);
    Smb2FileId pipe = openPipe(owner);
    Smb2TestClient other = new Smb2TestClient(server.connect());
    assertEquals(NtStatus.SUCCESS, other.negotiate(1).status());
    other.sessionId = owner.sessionId;
    other.signer = owner.signer;
    byte[] token =
        SpnegoInitToken.encode(
            NegTokenInit.of(
                List.of(Oid.NTLMSSP),
                new io.cephsmb.gateway.msnlmp.NtlmSpnegoTestClient().negotiate(),
                null,
                null));

    Smb2TestClient.Reply signed = other.call(other.sign(other.sessionSetup(1, 1, 0, token)));
    assertEquals(NtStatus.REQUEST_NOT_ACCEPTED, signed.status());
    assertTrue(signed.header().isSigned());
    assertTrue(owner.signer.verify(signed.message(), 0, signed.message().length));

    Smb2TestClient.Reply unsigned = other.call(other.sessionSetup(1, 1, 0, token));
    assertEquals(NtStatus.REQUEST_NOT_ACCEPTED, unsigned.status());
    assertFalse(unsigned.header().isSigned());

    byte[] forged = other.sign(other.sessionSetup(1, 1, 0, token));
    forged[48] ^= 1; // a bit of the signature
    Smb2TestClient.Reply bad = other.call(forged);
    assertEquals(NtStatus.REQUEST_NOT_ACCEPTED, bad.status());
    assertFalse(bad.header().isSigned(), "no signing oracle");

    // without the binding flag: a session of another connection is not this connection's
    Smb2TestClient.Reply deleted = other.call(other.sign(other.sessionSetup(0, 1, 0, token)));
    assertEquals(NtStatus.USER_SESSION_DELETED, deleted.status());
    assertTrue(deleted.header().isSigned());

    assertEquals(NtStatus.SUCCESS, query(owner, pipe));
    assertEquals(1, pipes.openCount());
  }
}
