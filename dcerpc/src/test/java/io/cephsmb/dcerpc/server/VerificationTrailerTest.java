package io.cephsmb.dcerpc.server;

import static io.cephsmb.dcerpc.server.Client.ECHO;
import static io.cephsmb.dcerpc.server.Client.bind;
import static io.cephsmb.dcerpc.server.Client.ctx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.dcerpc.auth.AuthLevel;
import io.cephsmb.dcerpc.pdu.Auth3Pdu;
import io.cephsmb.dcerpc.pdu.BindAckPdu;
import io.cephsmb.dcerpc.pdu.BindBody;
import io.cephsmb.dcerpc.pdu.BindPdu;
import io.cephsmb.dcerpc.pdu.FaultPdu;
import io.cephsmb.dcerpc.pdu.PfcFlags;
import io.cephsmb.dcerpc.pdu.ResponsePdu;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * [MS-RPCE] 2.2.2.13 verification trailers and 2.2.2.3 header signing: bind_ack echoes
 * PFC_SUPPORT_HEADER_SIGN on an authenticated bind; a trailer that agrees with the call is accepted
 * (and the call runs), one that does not (another opnum, call id, interface, header signing not
 * negotiated, malformed) is refused with access denied.
 */
class VerificationTrailerTest {
  final RpcServer server =
      new RpcServer(
          List.of(
              new RpcInterface(
                  ECHO, Map.of(0, (c, stub) -> CompletableFuture.completedFuture(new byte[] {7})))),
          List.of(new ToySecurityProvider()));
  final Client client = new Client();
  final ServerConnection conn = server.connect(client, "");

  void authenticate(boolean headerSign) throws Exception {
    int flags = PfcFlags.FIRST_AND_LAST | (headerSign ? PfcFlags.SUPPORT_HEADER_SIGN : 0);
    conn.receive(
        Client.bytes(
            new BindPdu(
                flags,
                1,
                new BindBody(4280, 4280, 0, List.of(ctx(0, ECHO, SyntaxId.NDR20))),
                Optional.of(AuthPlumbingTest.verifier(AuthLevel.PKT_INTEGRITY, "hello")))));
    BindAckPdu ack = assertInstanceOf(BindAckPdu.class, client.one());
    assertEquals(headerSign, (ack.flags() & PfcFlags.SUPPORT_HEADER_SIGN) != 0);
    conn.receive(
        Client.bytes(
            new Auth3Pdu(
                PfcFlags.FIRST_AND_LAST,
                1,
                AuthPlumbingTest.verifier(AuthLevel.PKT_INTEGRITY, "let-me-in"))));
  }

  /** NDR data (4 octets), then the trailer with BITMASK_1, PCONTEXT and HEADER2. */
  static byte[] stubWithTrailer(long bitmask, SyntaxId abs, int callId, int opnum) {
    ByteBuf b = Unpooled.buffer();
    b.writeIntLE(0x01020304);
    b.writeBytes(new byte[] {(byte) 0x8a, (byte) 0xe3, 0x13, 0x71, 0x02, (byte) 0xf4, 0x36, 0x71});
    b.writeShortLE(1).writeShortLE(4).writeIntLE((int) bitmask);
    b.writeShortLE(2).writeShortLE(40);
    writeSyntax(b, abs);
    writeSyntax(b, SyntaxId.NDR20);
    b.writeShortLE(3 | 0x4000).writeShortLE(16);
    b.writeByte(0).writeByte(0).writeShortLE(0).writeIntLE(0x10);
    b.writeIntLE(callId).writeShortLE(0).writeShortLE(opnum);
    return ByteBufUtil.getBytes(b);
  }

  static void writeSyntax(ByteBuf b, SyntaxId s) {
    long msb = s.uuid().getMostSignificantBits();
    long lsb = s.uuid().getLeastSignificantBits();
    b.writeIntLE((int) (msb >>> 32)).writeShortLE((int) (msb >>> 16)).writeShortLE((int) msb);
    b.writeLong(lsb);
    b.writeShortLE(s.major()).writeShortLE(s.minor());
  }

  void expectAnswer(byte[] stub, int callId) throws Exception {
    conn.receive(AuthPlumbingTest.protectedRequest(callId, AuthLevel.PKT_INTEGRITY, stub));
    assertInstanceOf(ResponsePdu.class, client.one());
  }

  void expectDenied(byte[] stub, int callId) throws Exception {
    conn.receive(AuthPlumbingTest.protectedRequest(callId, AuthLevel.PKT_INTEGRITY, stub));
    FaultPdu f = assertInstanceOf(FaultPdu.class, client.one());
    assertEquals(RpcStatus.ACCESS_DENIED, f.status());
  }

  @Test
  void anAgreeingTrailerIsAccepted() throws Exception {
    authenticate(true);
    expectAnswer(stubWithTrailer(1, ECHO, 2, 0), 2);
    expectAnswer(new byte[] {1, 2, 3, 4}, 3); // no trailer at all
  }

  @Test
  void aTrailerThatDisagreesIsRefused() throws Exception {
    authenticate(true);
    expectDenied(stubWithTrailer(1, ECHO, 99, 0), 2); // another call id
    expectDenied(stubWithTrailer(1, ECHO, 3, 5), 3); // another opnum
    expectDenied(stubWithTrailer(1, Client.UNKNOWN, 4, 0), 4); // another interface
    byte[] cut = stubWithTrailer(1, ECHO, 5, 0);
    expectDenied(java.util.Arrays.copyOf(cut, cut.length - 6), 5); // no COMMAND_END
    expectAnswer(stubWithTrailer(1, ECHO, 6, 0), 6); // the connection goes on
  }

  @Test
  void headerSigningClaimedButNotNegotiatedIsRefused() throws Exception {
    authenticate(false);
    expectDenied(stubWithTrailer(1, ECHO, 2, 0), 2);
    expectAnswer(stubWithTrailer(0, ECHO, 3, 0), 3);
  }

  @Test
  void anUnauthenticatedBindDoesNotEchoHeaderSigning() throws Exception {
    conn.receive(bind(1, 0, Optional.empty(), ctx(0, ECHO, SyntaxId.NDR20)));
    BindAckPdu ack = assertInstanceOf(BindAckPdu.class, client.one());
    assertTrue((ack.flags() & PfcFlags.SUPPORT_HEADER_SIGN) == 0);
  }
}
