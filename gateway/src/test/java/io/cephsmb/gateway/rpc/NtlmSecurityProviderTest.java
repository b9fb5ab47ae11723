package io.cephsmb.gateway.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.dcerpc.auth.AuthLevel;
import io.cephsmb.dcerpc.mssrvs.ShareInfoSource;
import io.cephsmb.dcerpc.mssrvs.Srvsvc;
import io.cephsmb.dcerpc.mssrvs.SrvsvcService;
import io.cephsmb.dcerpc.pdu.Auth3Pdu;
import io.cephsmb.dcerpc.pdu.AuthVerifier;
import io.cephsmb.dcerpc.pdu.BindAckPdu;
import io.cephsmb.dcerpc.pdu.BindBody;
import io.cephsmb.dcerpc.pdu.BindPdu;
import io.cephsmb.dcerpc.pdu.FaultPdu;
import io.cephsmb.dcerpc.pdu.Octets;
import io.cephsmb.dcerpc.pdu.Pdu;
import io.cephsmb.dcerpc.pdu.PfcFlags;
import io.cephsmb.dcerpc.pdu.PresentationContext;
import io.cephsmb.dcerpc.pdu.RequestPdu;
import io.cephsmb.dcerpc.pdu.ResponsePdu;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import io.cephsmb.dcerpc.server.PduSink;
import io.cephsmb.dcerpc.server.RpcServer;
import io.cephsmb.dcerpc.server.RpcStatus;
import io.cephsmb.dcerpc.server.ServerConnection;
import io.cephsmb.gateway.msnlmp.NtlmSessionSecurity;
import io.cephsmb.gateway.msnlmp.NtlmTestClients;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * NTLMSSP as the RPC security provider, driven by the MS-NLMP test client: three-leg bind/auth3
 * with the NT hash looked up on another thread, signed and sealed requests and responses, a
 * tampered verifier and a wrong password answered with access denied.
 */
class NtlmSecurityProviderTest {
  final ExecutorService lookups = Executors.newSingleThreadExecutor();
  final LinkedBlockingQueue<byte[]> sent = new LinkedBlockingQueue<>();
  final RpcServer server =
      new RpcServer(
          List.of(
              new SrvsvcService(
                      ShareInfoSource.of(RpcTestServices.SHARES), RpcTestServices.IDENTITY)
                  .rpcInterface()),
          List.of(RpcTestServices.ntlm(lookups)));
  final ServerConnection conn =
      server.connect(
          new PduSink() {
            @Override
            public void send(byte[] pdu) {
              sent.add(pdu);
            }

            @Override
            public void abort() {}
          },
          "");
  final NtlmTestClients client = new NtlmTestClients();
  NtlmSessionSecurity session;

  @AfterEach
  void stop() {
    lookups.shutdownNow();
  }

  static byte[] bytes(Pdu pdu) {
    ByteBuf b = Unpooled.buffer();
    pdu.encode(b);
    return ByteBufUtil.getBytes(b);
  }

  byte[] next() throws Exception {
    byte[] b = sent.poll(5, TimeUnit.SECONDS);
    if (b == null) {
      throw new AssertionError("no PDU within 5 s");
    }
    return b;
  }

  static AuthVerifier verifier(AuthLevel level, byte[] token) {
    return new AuthVerifier(AuthVerifier.AUTH_TYPE_NTLMSSP, level.code(), 0, 0, Octets.of(token));
  }

  void authenticate(AuthLevel level, String password) throws Exception {
    conn.receive(
        bytes(
            new BindPdu(
                PfcFlags.FIRST_AND_LAST,
                1,
                new BindBody(
                    4280,
                    4280,
                    0,
                    List.of(new PresentationContext(0, Srvsvc.SYNTAX, List.of(SyntaxId.NDR20)))),
                Optional.of(verifier(level, client.negotiate())))));
    BindAckPdu ack = assertInstanceOf(BindAckPdu.class, Pdu.decode(Unpooled.wrappedBuffer(next())));
    byte[] challenge = ack.auth().orElseThrow().value().toByteArray();
    byte[] auth = client.authenticate(challenge, RpcTestServices.USER, "WORKGROUP", password);
    conn.receive(bytes(new Auth3Pdu(PfcFlags.FIRST_AND_LAST, 1, verifier(level, auth))));
    session = client.session(challenge);
  }

  /** A NetrServerGetInfo level 101 request, signed (and sealed) as a client would. */
  byte[] request(int callId, AuthLevel level, boolean tamper) {
    java.util.Map<String, Object> in = new java.util.LinkedHashMap<>();
    in.put("ServerName", null);
    in.put("Level", 101);
    byte[] stub = Srvsvc.NETR_SERVER_GET_INFO.encodeRequest(in);
    int pad = (16 - stub.length % 16) % 16;
    RequestPdu pdu =
        new RequestPdu(
            PfcFlags.FIRST_AND_LAST,
            callId,
            stub.length,
            0,
            21,
            Optional.empty(),
            Octets.of(stub),
            Optional.of(
                new AuthVerifier(
                    AuthVerifier.AUTH_TYPE_NTLMSSP,
                    level.code(),
                    pad,
                    0,
                    Octets.of(new byte[16]))));
    byte[] b = bytes(pdu);
    int signed = b.length - 16;
    byte[] sig =
        level == AuthLevel.PKT_PRIVACY
            ? session.sealRegion(b, signed, pdu.stubOffset(), stub.length + pad)
            : session.sign(Arrays.copyOf(b, signed));
    System.arraycopy(sig, 0, b, signed, 16);
    if (tamper) {
      b[signed + 6] ^= 1;
    }
    return b;
  }

  /** Checks the response's signature (unsealing at privacy) and returns its stub. */
  byte[] response(byte[] raw, AuthLevel level) throws Exception {
    ResponsePdu r = assertInstanceOf(ResponsePdu.class, Pdu.decode(Unpooled.wrappedBuffer(raw)));
    AuthVerifier v = r.auth().orElseThrow();
    int signed = raw.length - 16;
    int body = r.stub().length() + v.padLength();
    if (level == AuthLevel.PKT_PRIVACY) {
      session.unsealRegion(raw, signed, ResponsePdu.STUB_OFFSET, body, v.value().toByteArray());
    } else {
      assertTrue(session.verify(Arrays.copyOf(raw, signed), v.value().toByteArray()));
    }
    return Arrays.copyOfRange(
        raw, ResponsePdu.STUB_OFFSET, ResponsePdu.STUB_OFFSET + r.stub().length());
  }

  void signedAndSealedRoundTrip(AuthLevel level) throws Exception {
    authenticate(level, RpcTestServices.PASSWORD);
    for (int call = 2; call < 5; call++) {
      conn.receive(request(call, level, false));
      byte[] stub = response(next(), level);
      var out = Srvsvc.NETR_SERVER_GET_INFO.decodeResponse(stub);
      assertEquals(0, out.get("return"));
    }
  }

  @Test
  void integrity() throws Exception {
    signedAndSealedRoundTrip(AuthLevel.PKT_INTEGRITY);
  }

  @Test
  void privacy() throws Exception {
    signedAndSealedRoundTrip(AuthLevel.PKT_PRIVACY);
  }

  @Test
  void aTamperedVerifierGetsAccessDenied() throws Exception {
    authenticate(AuthLevel.PKT_INTEGRITY, RpcTestServices.PASSWORD);
    conn.receive(request(2, AuthLevel.PKT_INTEGRITY, true));
    FaultPdu f = assertInstanceOf(FaultPdu.class, Pdu.decode(Unpooled.wrappedBuffer(next())));
    assertEquals(RpcStatus.ACCESS_DENIED, f.status());
    assertEquals(2, f.callId());
  }

  @Test
  void aWrongPasswordGetsAccessDenied() throws Exception {
    authenticate(AuthLevel.PKT_INTEGRITY, "not-the-password");
    conn.receive(request(2, AuthLevel.PKT_INTEGRITY, false));
    FaultPdu f = assertInstanceOf(FaultPdu.class, Pdu.decode(Unpooled.wrappedBuffer(next())));
    assertEquals(RpcStatus.ACCESS_DENIED, f.status());
  }

  @Test
  void theSealedStubIsNotPlainOnTheWire() throws Exception {
    authenticate(AuthLevel.PKT_PRIVACY, RpcTestServices.PASSWORD);
    conn.receive(request(2, AuthLevel.PKT_PRIVACY, false));
    byte[] raw = next();
    byte[] name = "CEPHSMB".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    assertEquals(-1, indexOf(raw, name), "the server name travels sealed");
    byte[] stub = response(raw, AuthLevel.PKT_PRIVACY);
    assertTrue(indexOf(stub, name) >= 0);
  }

  static int indexOf(byte[] hay, byte[] needle) {
    for (int i = 0; i + needle.length <= hay.length; i++) {
      if (Arrays.equals(Arrays.copyOfRange(hay, i, i + needle.length), needle)) {
        return i;
      }
    }
    return -1;
  }
}
