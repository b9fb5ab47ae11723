package io.cephsmb.dcerpc.server;

import static io.cephsmb.dcerpc.server.Client.ECHO;
import static io.cephsmb.dcerpc.server.Client.bind;
import static io.cephsmb.dcerpc.server.Client.ctx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cephsmb.dcerpc.auth.AuthLevel;
import io.cephsmb.dcerpc.pdu.AlterContextPdu;
import io.cephsmb.dcerpc.pdu.Auth3Pdu;
import io.cephsmb.dcerpc.pdu.AuthVerifier;
import io.cephsmb.dcerpc.pdu.BindAckPdu;
import io.cephsmb.dcerpc.pdu.BindBody;
import io.cephsmb.dcerpc.pdu.BindNakPdu;
import io.cephsmb.dcerpc.pdu.FaultPdu;
import io.cephsmb.dcerpc.pdu.Octets;
import io.cephsmb.dcerpc.pdu.Pdu;
import io.cephsmb.dcerpc.pdu.PduException;
import io.cephsmb.dcerpc.pdu.PfcFlags;
import io.cephsmb.dcerpc.pdu.RequestPdu;
import io.cephsmb.dcerpc.pdu.ResponsePdu;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The auth hook with the toy provider (a test double): levels, verifiers, refusals. */
class AuthPlumbingTest {
  static final int TYPE = ToySecurityProvider.AUTH_TYPE;

  final RpcInterface echo =
      new RpcInterface(
          ECHO,
          Map.of(
              0,
              (c, stub) ->
                  CompletableFuture.completedFuture(
                      (c.principal() + ":" + c.authLevel()).getBytes(StandardCharsets.US_ASCII))));
  final RpcServer server = new RpcServer(List.of(echo), List.of(new ToySecurityProvider()));
  final Client client = new Client();
  final ServerConnection conn = server.connect(client, "");

  static AuthVerifier verifier(AuthLevel level, String token) {
    return new AuthVerifier(
        TYPE, level.code(), 0, 0, Octets.of(token.getBytes(StandardCharsets.US_ASCII)));
  }

  void authenticate(AuthLevel level) throws PduException {
    conn.receive(bind(1, 0, Optional.of(verifier(level, "hello")), ctx(0, ECHO, SyntaxId.NDR20)));
    BindAckPdu ack = assertInstanceOf(BindAckPdu.class, client.one());
    assertEquals(
        "challenge", new String(ack.auth().get().value().toByteArray(), StandardCharsets.US_ASCII));
    conn.receive(
        Client.bytes(new Auth3Pdu(PfcFlags.FIRST_AND_LAST, 1, verifier(level, "let-me-in"))));
  }

  /** A request signed (and at privacy sealed) as a client would. */
  static byte[] protectedRequest(int callId, AuthLevel level, byte[] stub) {
    int pad = (16 - stub.length % 16) % 16;
    RequestPdu pdu =
        new RequestPdu(
            PfcFlags.FIRST_AND_LAST,
            callId,
            stub.length,
            0,
            0,
            Optional.empty(),
            Octets.of(stub),
            Optional.of(new AuthVerifier(TYPE, level.code(), pad, 0, Octets.of(new byte[8]))));
    byte[] b = Client.bytes(pdu);
    byte[] sig = ToySecurityProvider.signature(b, b.length - 8);
    if (level == AuthLevel.PKT_PRIVACY) {
      ToySecurityProvider.xor(b, pdu.stubOffset(), stub.length + pad);
    }
    System.arraycopy(sig, 0, b, b.length - 8, 8);
    return b;
  }

  /** Checks the response's signature (unsealing first at privacy) and returns its stub. */
  byte[] verifiedResponse(AuthLevel level) throws PduException {
    byte[] raw = client.takeRaw().get(0);
    ResponsePdu r = (ResponsePdu) Pdu.decode(Unpooled.wrappedBuffer(raw));
    AuthVerifier v = r.auth().orElseThrow();
    if (level == AuthLevel.PKT_PRIVACY) {
      ToySecurityProvider.xor(raw, ResponsePdu.STUB_OFFSET, r.stub().length() + v.padLength());
    }
    assertArrayEquals(ToySecurityProvider.signature(raw, raw.length - 8), v.value().toByteArray());
    return Arrays.copyOfRange(
        raw, ResponsePdu.STUB_OFFSET, ResponsePdu.STUB_OFFSET + r.stub().length());
  }

  FaultPdu fault() throws PduException {
    return assertInstanceOf(FaultPdu.class, client.one());
  }

  @Test
  void integrityRoundTripAndTamperedVerifier() throws PduException {
    authenticate(AuthLevel.PKT_INTEGRITY);
    conn.receive(protectedRequest(2, AuthLevel.PKT_INTEGRITY, new byte[] {1, 2, 3}));
    assertEquals(
        "toy-user:PKT_INTEGRITY",
        new String(verifiedResponse(AuthLevel.PKT_INTEGRITY), StandardCharsets.US_ASCII));
    byte[] tampered = protectedRequest(3, AuthLevel.PKT_INTEGRITY, new byte[] {1, 2, 3});
    tampered[24] ^= 1; // first stub byte
    conn.receive(tampered);
    FaultPdu f = fault();
    assertEquals(RpcStatus.ACCESS_DENIED, f.status());
    assertEquals(3, f.callId());
  }

  @Test
  void privacySealsBothWays() throws PduException {
    authenticate(AuthLevel.PKT_PRIVACY);
    conn.receive(protectedRequest(2, AuthLevel.PKT_PRIVACY, new byte[] {9, 9}));
    assertEquals(
        "toy-user:PKT_PRIVACY",
        new String(verifiedResponse(AuthLevel.PKT_PRIVACY), StandardCharsets.US_ASCII));
  }

  @Test
  void levelIsEnforcedOnEveryRequest() throws PduException {
    authenticate(AuthLevel.PKT_INTEGRITY);
    conn.receive(Client.call(2, 0, new byte[] {1})); // no verifier
    assertEquals(RpcStatus.ACCESS_DENIED, fault().status());
    conn.receive(protectedRequest(3, AuthLevel.CONNECT, new byte[] {1})); // lower level
    assertEquals(RpcStatus.ACCESS_DENIED, fault().status());
  }

  @Test
  void alterContextCannotChangeTheLevel() throws PduException {
    authenticate(AuthLevel.PKT_INTEGRITY);
    conn.receive(
        Client.bytes(
            new AlterContextPdu(
                PfcFlags.FIRST_AND_LAST,
                5,
                new BindBody(4280, 4280, 0, List.of(ctx(1, ECHO, SyntaxId.NDR20))),
                Optional.of(verifier(AuthLevel.CONNECT, "hello")))));
    assertEquals(RpcStatus.ACCESS_DENIED, fault().status());
    // the original binding still works
    conn.receive(protectedRequest(6, AuthLevel.PKT_INTEGRITY, new byte[] {1}));
    verifiedResponse(AuthLevel.PKT_INTEGRITY);
  }

  @Test
  void requestsBeforeOrAfterAFailedExchangeAreDenied() throws PduException {
    conn.receive(
        bind(
            1, 0, Optional.of(verifier(AuthLevel.CONNECT, "hello")), ctx(0, ECHO, SyntaxId.NDR20)));
    client.one();
    conn.receive(Client.call(2, 0, new byte[] {1}));
    assertEquals(RpcStatus.ACCESS_DENIED, fault().status());
    conn.receive(
        Client.bytes(
            new Auth3Pdu(PfcFlags.FIRST_AND_LAST, 1, verifier(AuthLevel.CONNECT, "wrong"))));
    conn.receive(Client.call(3, 0, new byte[] {1}));
    assertEquals(RpcStatus.ACCESS_DENIED, fault().status());
  }

  @Test
  void connectLevelNeedsNoPerPduVerifier() throws PduException {
    authenticate(AuthLevel.CONNECT);
    conn.receive(Client.call(2, 0, new byte[] {1}));
    ResponsePdu r = assertInstanceOf(ResponsePdu.class, client.one());
    assertEquals("toy-user:CONNECT", new String(r.stub().toByteArray(), StandardCharsets.US_ASCII));
  }

  @Test
  void unknownAuthTypeAndUnsupportedLevelAreNaked() throws PduException {
    AuthVerifier ntlm =
        new AuthVerifier(AuthVerifier.AUTH_TYPE_NTLMSSP, 5, 0, 0, Octets.ofHex("00"));
    conn.receive(bind(1, 0, Optional.of(ntlm), ctx(0, ECHO, SyntaxId.NDR20)));
    assertEquals(
        BindNakPdu.AUTHENTICATION_TYPE_NOT_RECOGNIZED,
        assertInstanceOf(BindNakPdu.class, client.one()).rejectReason());
    conn.receive(
        bind(2, 0, Optional.of(verifier(AuthLevel.PKT, "hello")), ctx(0, ECHO, SyntaxId.NDR20)));
    assertInstanceOf(BindNakPdu.class, client.one());
  }

  @Test
  void verifierOnAnUnauthenticatedAssociationIsDenied() throws PduException {
    conn.receive(bind(1, 0, Optional.empty(), ctx(0, ECHO, SyntaxId.NDR20)));
    client.one();
    conn.receive(protectedRequest(2, AuthLevel.PKT_INTEGRITY, new byte[] {1}));
    assertEquals(RpcStatus.ACCESS_DENIED, fault().status());
  }
}
