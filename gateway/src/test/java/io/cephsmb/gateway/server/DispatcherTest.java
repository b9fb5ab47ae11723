package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2CancelRequest;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.cephsmb.gateway.mssmb2.Smb2IoctlRequest;
import io.cephsmb.gateway.mssmb2.Smb2LogoffRequest;
import io.cephsmb.gateway.mssmb2.Smb2SessionSetupRequest;
import io.cephsmb.gateway.mssmb2.Smb2TreeDisconnectRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The checks before dispatch (compound splitting, credits, signatures, the command table) and the
 * dispatcher's async and compound behaviour, on the whole pipeline.
 */
class DispatcherTest {
  private static final Consumer<ByteBuf> ECHO =
      new io.cephsmb.gateway.mssmb2.Smb2EchoRequest()::encode;
  private static final Consumer<ByteBuf> TREE_DISCONNECT = new Smb2TreeDisconnectRequest()::encode;

  private static Smb2TestClient negotiated(EmbeddedServer s) {
    Smb2TestClient c = new Smb2TestClient(s);
    assertEquals(NtStatus.SUCCESS, c.negotiate(1).status());
    return c;
  }

  // --- compound splitting -------------------------------------------------------------------

  @Test
  void compoundOfTwoEchoesGetsACompoundResponse() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = negotiated(s);
      List<Smb2TestClient.Reply> r =
          c.exchange(
              Smb2TestClient.compound(
                  c.request(Smb2Command.ECHO, ECHO), c.request(Smb2Command.ECHO, ECHO)));
      assertEquals(2, r.size());
      assertEquals(0, r.get(0).header().nextCommand() % 8);
      assertEquals(NtStatus.SUCCESS, r.get(1).status());
    }
  }

  @Test
  void misalignedNextCommandDropsTheConnection() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = negotiated(s);
      byte[] m =
          Smb2TestClient.compound(
              c.request(Smb2Command.ECHO, ECHO), c.request(Smb2Command.ECHO, ECHO));
      setNext(m, 0, 68);
      assertNull(c.exchange(m));
    }
  }

  @Test
  void nextCommandBackwardsLoopingOrPastTheEndIsInvalidParameter() {
    for (int next : new int[] {-64, 8, 4096}) {
      try (EmbeddedServer s = new EmbeddedServer()) {
        Smb2TestClient c = negotiated(s);
        byte[] m =
            Smb2TestClient.compound(
                c.request(Smb2Command.ECHO, ECHO), c.request(Smb2Command.ECHO, ECHO));
        setNext(m, 0, next);
        List<Smb2TestClient.Reply> r = c.exchange(m);
        assertEquals(1, r.size(), "next " + next);
        assertEquals(NtStatus.INVALID_PARAMETER, r.get(0).status(), "next " + next);
        // the connection still works
        assertEquals(NtStatus.SUCCESS, c.call(c.request(Smb2Command.ECHO, ECHO)).status());
      }
    }
  }

  @Test
  void firstRequestMarkedRelatedIsInvalidParameter() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = negotiated(s);
      byte[] m =
          Smb2TestClient.request(
              Smb2Command.ECHO,
              c.nextMessageId++,
              0,
              0,
              Smb2Header.FLAG_RELATED_OPERATIONS,
              1,
              ECHO);
      assertEquals(NtStatus.INVALID_PARAMETER, c.call(m).status());
    }
  }

  @Test
  void requestsAfterLogoffInTheSameCompoundGetUserSessionDeleted() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = new Smb2TestClient(s).ready("share");
      byte[] logoff = c.request(Smb2Command.LOGOFF, b -> new Smb2LogoffRequest().encode(b));
      byte[] related =
          Smb2TestClient.request(
              Smb2Command.TREE_DISCONNECT,
              c.nextMessageId++,
              -1L,
              -1,
              Smb2Header.FLAG_RELATED_OPERATIONS,
              1,
              TREE_DISCONNECT);
      byte[] unrelated = c.request(Smb2Command.TREE_DISCONNECT, TREE_DISCONNECT);
      List<Smb2TestClient.Reply> r = c.exchange(Smb2TestClient.compound(logoff, related));
      assertEquals(NtStatus.SUCCESS, r.get(0).status());
      assertEquals(NtStatus.USER_SESSION_DELETED, r.get(1).status());
      assertEquals(NtStatus.USER_SESSION_DELETED, c.call(unrelated).status());
    }
  }

  @Test
  void relatedRequestsUseTheTreeConnectedBeforeThem() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = new Smb2TestClient(s).ready("share");
      byte[] connect = c.treeConnectRequest("ro");
      byte[] related =
          Smb2TestClient.request(
              Smb2Command.TREE_DISCONNECT,
              c.nextMessageId++,
              -1L,
              -1,
              Smb2Header.FLAG_RELATED_OPERATIONS,
              1,
              TREE_DISCONNECT);
      List<Smb2TestClient.Reply> r = c.exchange(Smb2TestClient.compound(connect, related));
      assertEquals(NtStatus.SUCCESS, r.get(0).status());
      assertEquals(NtStatus.SUCCESS, r.get(1).status());
      assertEquals(r.get(0).header().treeId(), r.get(1).header().treeId());
      assertEquals(c.sessionId, r.get(1).header().sessionId());
      // the share tree from ready() is untouched, the new one is gone
      assertNotEquals(c.treeId, r.get(1).header().treeId());
      c.treeId = r.get(1).header().treeId();
      assertEquals(
          NtStatus.NETWORK_NAME_DELETED,
          c.call(c.request(Smb2Command.TREE_DISCONNECT, TREE_DISCONNECT)).status());
    }
  }

  @Test
  void unsignedRequestRelatedToTheFinalSessionSetupIsRefused() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = negotiated(s);
      io.cephsmb.gateway.msnlmp.NtlmSpnegoTestClient ntlm =
          new io.cephsmb.gateway.msnlmp.NtlmSpnegoTestClient();
      List<String> mechs = List.of(io.cephsmb.gateway.msspng.Oid.NTLMSSP);
      Smb2TestClient.Reply r1 =
          c.call(
              c.sessionSetup(
                  2,
                  io.cephsmb.gateway.msspng.SpnegoInitToken.encode(
                      io.cephsmb.gateway.msspng.NegTokenInit.of(
                          mechs, ntlm.negotiate(), null, null))));
      c.sessionId = r1.header().sessionId();
      byte[] challenge =
          io.cephsmb.gateway.msspng.NegTokenResp.decode(
                  io.cephsmb.gateway.mssmb2.Smb2SessionSetupResponse.decode(
                          Unpooled.wrappedBuffer(r1.message()))
                      .securityBuffer())
              .responseToken();
      byte[] auth = ntlm.authenticate(challenge, TestServers.USER, "W", TestServers.PASSWORD);
      byte[] mic = ntlm.security().sign(io.cephsmb.gateway.msspng.NegTokenInit.mechTypeList(mechs));
      byte[] last =
          c.sessionSetup(
              2, new io.cephsmb.gateway.msspng.NegTokenResp(null, null, auth, mic).encode());
      byte[] smuggled =
          Smb2TestClient.request(
              Smb2Command.TREE_CONNECT,
              c.nextMessageId++,
              -1L,
              -1,
              Smb2Header.FLAG_RELATED_OPERATIONS,
              1,
              b ->
                  new io.cephsmb.gateway.mssmb2.Smb2TreeConnectRequest(0, "\\\\x\\share", List.of())
                      .encode(b));
      List<Smb2TestClient.Reply> r = c.exchange(Smb2TestClient.compound(last, smuggled));
      assertEquals(NtStatus.SUCCESS, r.get(0).status());
      assertEquals(NtStatus.ACCESS_DENIED, r.get(1).status());
    }
  }

  // --- credits ------------------------------------------------------------------------------

  @Test
  void reusedMessageIdDropsTheConnection() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = negotiated(s);
      assertEquals(NtStatus.SUCCESS, c.call(c.request(Smb2Command.ECHO, ECHO)).status());
      c.nextMessageId--;
      assertNull(c.exchange(c.request(Smb2Command.ECHO, ECHO)));
    }
  }

  @Test
  void messageIdBeyondTheWindowDropsTheConnection() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = negotiated(s);
      c.nextMessageId += 1000;
      assertNull(c.exchange(c.request(Smb2Command.ECHO, ECHO)));
    }
  }

  @Test
  void creditChargeTooSmallForThePayloadIsInvalidParameter() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = new Smb2TestClient(s).ready("IPC$");
      Consumer<ByteBuf> ioctl =
          b ->
              new Smb2IoctlRequest(
                      Smb2IoctlRequest.FSCTL_VALIDATE_NEGOTIATE_INFO,
                      Smb2FileId.ANY,
                      new byte[0],
                      0,
                      new byte[0],
                      1 << 20,
                      Smb2IoctlRequest.FLAG_IS_FSCTL)
                  .encode(b);
      byte[] small =
          Smb2TestClient.request(
              Smb2Command.IOCTL, c.nextMessageId++, c.sessionId, c.treeId, 0, 1, ioctl);
      assertEquals(NtStatus.INVALID_PARAMETER, c.call(small).status());
      // 16 credits cover 1 MiB: the request passes the credit check (and fails later, 2.1
      // without the FSCTL input).
      byte[] enough =
          Smb2TestClient.request(
              Smb2Command.IOCTL, c.nextMessageId, c.sessionId, c.treeId, 0, 16, ioctl);
      c.nextMessageId += 16;
      assertNotEquals(NtStatus.SUCCESS, c.call(enough).status());
      assertEquals(NtStatus.SUCCESS, c.call(c.request(Smb2Command.ECHO, ECHO)).status());
    }
  }

  @Test
  void grantedCreditsAreReported() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = new Smb2TestClient(s);
      Smb2TestClient.Reply r = c.negotiate(1);
      assertEquals(8, r.header().credits());
    }
  }

  // --- signatures ---------------------------------------------------------------------------

  @Test
  void signingRequiredSessionRefusesUnsignedAndBadlySignedRequests() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = new Smb2TestClient(s);
      assertEquals(NtStatus.SUCCESS, c.negotiate(2).status());
      assertEquals(NtStatus.SUCCESS, c.login(TestServers.USER, TestServers.PASSWORD, 2));
      assertEquals(NtStatus.ACCESS_DENIED, c.call(c.treeConnectRequest("share")).status());
      byte[] bad = c.sign(c.treeConnectRequest("share"));
      bad[Smb2Header.SIGNATURE_OFFSET] ^= 1;
      assertEquals(NtStatus.ACCESS_DENIED, c.call(bad).status());
      byte[] tampered = c.sign(c.treeConnectRequest("share"));
      tampered[tampered.length - 1] ^= 1;
      assertEquals(NtStatus.ACCESS_DENIED, c.call(tampered).status());
      Smb2TestClient.Reply ok = c.call(c.sign(c.treeConnectRequest("share")));
      assertEquals(NtStatus.SUCCESS, ok.status());
      assertTrue(ok.header().isSigned());
      byte[] resp = ok.message();
      assertTrue(c.signer.verify(resp, 0, resp.length));
    }
  }

  @Test
  void finalSessionSetupResponseIsSigned() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = new Smb2TestClient(s).ready("share");
      Smb2TestClient.Reply echo = c.call(c.sign(c.request(Smb2Command.ECHO, ECHO)));
      assertTrue(echo.header().isSigned());
      assertTrue(c.signer.verify(echo.message(), 0, echo.message().length));
    }
  }

  // --- the command table --------------------------------------------------------------------

  @Test
  void requestBeforeNegotiateDropsTheConnection() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = new Smb2TestClient(s);
      assertNull(c.exchange(c.request(Smb2Command.ECHO, ECHO)));
    }
  }

  @Test
  void secondNegotiateDropsTheConnection() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = negotiated(s);
      c.transport.send(
          Smb2TestClient.request(
              Smb2Command.NEGOTIATE,
              c.nextMessageId++,
              0,
              0,
              0,
              1,
              b ->
                  new io.cephsmb.gateway.mssmb2.Smb2NegotiateRequest(
                          List.of(0x0210), 1, 0, new byte[16], List.of())
                      .encode(b)));
      assertNull(c.transport.receive());
    }
  }

  @Test
  void unknownSessionIsUserSessionDeletedAndUnknownTreeIsNetworkNameDeleted() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = new Smb2TestClient(s).ready("share");
      long real = c.sessionId;
      c.sessionId = real + 12345;
      assertEquals(NtStatus.USER_SESSION_DELETED, c.call(c.treeConnectRequest("share")).status());
      c.sessionId = real;
      c.treeId = 999;
      assertEquals(
          NtStatus.NETWORK_NAME_DELETED,
          c.call(c.request(Smb2Command.TREE_DISCONNECT, TREE_DISCONNECT)).status());
    }
  }

  @Test
  void unknownCommandWrongStructureSizeAndFileCommandsWithoutHandler() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = new Smb2TestClient(s).ready("share");
      byte[] unknown = c.request(Smb2Command.ECHO, ECHO);
      unknown[12] = 0x55;
      assertEquals(NtStatus.INVALID_PARAMETER, c.call(unknown).status());
      byte[] wrongSize = c.request(Smb2Command.ECHO, b -> b.writeShortLE(5).writeShortLE(0));
      assertEquals(NtStatus.INVALID_PARAMETER, c.call(wrongSize).status());
      byte[] create = c.request(Smb2Command.CREATE, b -> b.writeShortLE(57).writeZero(56));
      assertEquals(NtStatus.NOT_SUPPORTED, c.call(create).status());
    }
  }

  @Test
  void treeConnectOutcomes() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = new Smb2TestClient(s).ready("share");
      assertEquals(NtStatus.BAD_NETWORK_NAME, c.treeConnect("nosuch"));
      assertEquals(NtStatus.SUCCESS, c.treeConnect("IPC$"));
      assertEquals(NtStatus.ACCESS_DENIED, c.treeConnect("secure")); // 2.1 cannot encrypt
      assertEquals(
          NtStatus.SUCCESS,
          c.call(c.request(Smb2Command.TREE_DISCONNECT, TREE_DISCONNECT)).status());
      assertEquals(
          NtStatus.NETWORK_NAME_DELETED,
          c.call(c.request(Smb2Command.TREE_DISCONNECT, TREE_DISCONNECT)).status());
    }
  }

  // --- SESSION_SETUP ------------------------------------------------------------------------

  @Test
  void wrongPasswordIsLogonFailureAndRemovesTheSession() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = negotiated(s);
      assertEquals(NtStatus.LOGON_FAILURE, c.login(TestServers.USER, "nope", 1));
      assertEquals(NtStatus.USER_SESSION_DELETED, c.call(c.treeConnectRequest("share")).status());
    }
  }

  @Test
  void garbageSpnegoIsLogonFailure() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = negotiated(s);
      byte[] lying = {0x60, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x06, 0x06};
      assertEquals(NtStatus.LOGON_FAILURE, c.call(c.sessionSetup(1, lying)).status());
      assertEquals(NtStatus.SUCCESS, c.call(c.request(Smb2Command.ECHO, ECHO)).status());
    }
  }

  @Test
  void bindingIsNotAccepted() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = new Smb2TestClient(s).ready("share");
      byte[] bind =
          c.request(
              Smb2Command.SESSION_SETUP,
              b ->
                  new Smb2SessionSetupRequest(
                          Smb2SessionSetupRequest.FLAG_BINDING, 1, 0, 0, 0, new byte[] {0x60})
                      .encode(b));
      assertEquals(NtStatus.REQUEST_NOT_ACCEPTED, c.call(bind).status());
    }
  }

  @Test
  void reauthentication() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = new Smb2TestClient(s).ready("share");
      long id = c.sessionId;
      int tree = c.treeId;
      assertEquals(NtStatus.SUCCESS, c.login("ALICE", TestServers.PASSWORD, 1));
      assertEquals(id, c.sessionId);
      c.treeId = tree;
      assertEquals(
          NtStatus.SUCCESS,
          c.call(c.request(Smb2Command.TREE_DISCONNECT, TREE_DISCONNECT)).status());
      // another user may take the session over (as Windows and Samba; SessionSetupTest)
      assertEquals(NtStatus.SUCCESS, c.login("bob", "Bobs-Password", 1));
      assertEquals(id, c.sessionId);
      assertEquals(NtStatus.SUCCESS, c.treeConnect("share"));
      // a failed re-authentication ends the session
      assertEquals(NtStatus.LOGON_FAILURE, c.login(TestServers.USER, "wrong", 1));
      assertEquals(NtStatus.USER_SESSION_DELETED, c.call(c.treeConnectRequest("share")).status());
    }
  }

  @Test
  void guestLogonIsFlaggedAndUnsigned() {
    try (EmbeddedServer s = new EmbeddedServer(b -> b.guestAccount("guest"), Map.of())) {
      Smb2TestClient c = negotiated(s);
      assertEquals(NtStatus.SUCCESS, c.login("guest", "", 1));
      assertEquals(io.cephsmb.gateway.mssmb2.Smb2SessionSetupResponse.IS_GUEST, c.sessionFlags);
      assertEquals(NtStatus.SUCCESS, c.treeConnect("share"));
      assertFalse(c.call(c.request(Smb2Command.ECHO, ECHO)).header().isSigned());
    }
  }

  @Test
  void validateNegotiateInfo() {
    for (boolean honest : new boolean[] {true, false}) {
      try (EmbeddedServer s = new EmbeddedServer()) {
        Smb2TestClient c = new Smb2TestClient(s).ready("IPC$");
        ByteBuf in = Unpooled.buffer();
        new io.cephsmb.gateway.mssmb2.ValidateNegotiateInfo.Request(
                0, new byte[16], 1, honest ? List.of(0x0202, 0x0210) : List.of(0x0210))
            .encode(in);
        byte[] input = io.netty.buffer.ByteBufUtil.getBytes(in);
        byte[] ioctl =
            c.sign(
                c.request(
                    Smb2Command.IOCTL,
                    b ->
                        new Smb2IoctlRequest(
                                Smb2IoctlRequest.FSCTL_VALIDATE_NEGOTIATE_INFO,
                                Smb2FileId.ANY,
                                input,
                                0,
                                new byte[0],
                                24,
                                Smb2IoctlRequest.FLAG_IS_FSCTL)
                            .encode(b)));
        List<Smb2TestClient.Reply> r = c.exchange(ioctl);
        if (!honest) {
          assertNull(r);
          continue;
        }
        assertEquals(NtStatus.SUCCESS, r.get(0).status());
        assertTrue(r.get(0).header().isSigned());
        byte[] out =
            io.cephsmb.gateway.mssmb2.Smb2IoctlResponse.decode(
                    Unpooled.wrappedBuffer(r.get(0).message()))
                .output();
        io.cephsmb.gateway.mssmb2.ValidateNegotiateInfo.Response v =
            io.cephsmb.gateway.mssmb2.ValidateNegotiateInfo.Response.decode(
                Unpooled.wrappedBuffer(out));
        assertEquals(0x0210, v.dialect());
        assertEquals(1, v.securityMode());
      }
    }
  }

  @Test
  void sessionsPerConnectionAreBounded() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = negotiated(s);
      byte[] token =
          io.cephsmb.gateway.msspng.SpnegoInitToken.encode(
              io.cephsmb.gateway.msspng.NegTokenInit.of(
                  List.of(io.cephsmb.gateway.msspng.Oid.NTLMSSP),
                  new io.cephsmb.gateway.msnlmp.NtlmSpnegoTestClient().negotiate(),
                  null,
                  null));
      for (int i = 0; i < SessionSetupHandler.MAX_SESSIONS_PER_CONNECTION; i++) {
        assertEquals(NtStatus.MORE_PROCESSING_REQUIRED, c.call(c.sessionSetup(1, token)).status());
      }
      assertEquals(NtStatus.INSUFFICIENT_RESOURCES, c.call(c.sessionSetup(1, token)).status());
    }
  }

  // --- async and CANCEL ---------------------------------------------------------------------

  @Test
  void handlerThatGoesAsyncGetsAnInterimResponseAndCancelEndsIt() {
    AtomicBoolean cancelled = new AtomicBoolean();
    CommandHandler never =
        rc -> {
          rc.onCancel(() -> cancelled.set(true));
          rc.goAsync();
          return new CompletableFuture<>();
        };
    try (EmbeddedServer s = new EmbeddedServer(b -> {}, Map.of(Smb2Command.CHANGE_NOTIFY, never))) {
      Smb2TestClient c = new Smb2TestClient(s).ready("share");
      byte[] notify =
          c.request(
              Smb2Command.CHANGE_NOTIFY,
              b -> b.writeShortLE(32).writeShortLE(0).writeIntLE(4096).writeZero(24));
      Smb2TestClient.Reply interim = c.callRaw(notify);
      assertEquals(NtStatus.PENDING, interim.status());
      assertTrue(interim.header().isAsync());
      long asyncId = interim.header().asyncId();
      assertNotEquals(0, asyncId);
      byte[] cancel =
          Smb2TestClient.request(
              Smb2Command.CANCEL,
              0,
              c.sessionId,
              0,
              Smb2Header.FLAG_ASYNC_COMMAND,
              0,
              b -> new Smb2CancelRequest().encode(b));
      // the async form: AsyncId where the sync form has Reserved/TreeId
      Unpooled.wrappedBuffer(cancel).setLongLE(32, asyncId);
      Smb2TestClient.Reply fin = c.call(cancel);
      assertEquals(NtStatus.CANCELLED, fin.status());
      assertEquals(asyncId, fin.header().asyncId());
      assertEquals(0, fin.header().credits());
      assertTrue(cancelled.get());
    }
  }

  @Test
  void slowHandlerGetsAnInterimResponseByItselfAndSyncCancelWorks() {
    CommandHandler slow = rc -> new CompletableFuture<>();
    try (EmbeddedServer s =
        new EmbeddedServer(
            b -> b.interimDelay(Duration.ofMillis(5)), Map.of(Smb2Command.CHANGE_NOTIFY, slow))) {
      Smb2TestClient c = new Smb2TestClient(s).ready("share");
      long mid = c.nextMessageId;
      byte[] notify =
          c.request(
              Smb2Command.CHANGE_NOTIFY,
              b -> b.writeShortLE(32).writeShortLE(0).writeIntLE(4096).writeZero(24));
      Smb2TestClient.Reply interim = c.callRaw(notify);
      assertEquals(NtStatus.PENDING, interim.status());
      byte[] cancel =
          Smb2TestClient.request(
              Smb2Command.CANCEL,
              mid,
              c.sessionId,
              0,
              0,
              0,
              b -> new Smb2CancelRequest().encode(b));
      Smb2TestClient.Reply fin = c.call(cancel);
      assertEquals(NtStatus.CANCELLED, fin.status());
      assertEquals(mid, fin.header().messageId());
      assertFalse(s.channel.outboundMessages().size() > 0);
    }
  }

  private static void setNext(byte[] m, int at, int next) {
    Unpooled.wrappedBuffer(m).setIntLE(at + Smb2Header.NEXT_COMMAND_OFFSET, next);
  }
}
