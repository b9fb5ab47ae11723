package io.cephsmb.gateway.mssmb2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.mssmb2.NegotiateContext.EncryptionCapabilities;
import io.cephsmb.gateway.mssmb2.NegotiateContext.NetnameNegotiateContextId;
import io.cephsmb.gateway.mssmb2.NegotiateContext.PreauthIntegrityCapabilities;
import io.cephsmb.gateway.mssmb2.NegotiateContext.SigningCapabilities;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes per message, laid out by hand from the [MS-SMB2] 2.2 diagrams; decode of the same
 * bytes; and malformed inputs, which must raise {@link Smb2DecodeException} and nothing else.
 */
class Smb2MessagesTest {
  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
  }

  static byte[] encode(Consumer<ByteBuf> body) {
    ByteBuf b = Unpooled.buffer();
    body.accept(b);
    return ByteBufUtil.getBytes(b);
  }

  /** A whole message: a 64-byte header (a request for ECHO) in front of {@code body}. */
  static ByteBuf message(byte[] body) {
    ByteBuf b = Unpooled.buffer();
    new Smb2Header(1, 0, 0x0D, 1, 0, 0, 7, 0, 1, 2, new byte[16]).encode(b);
    b.writeBytes(body);
    return b;
  }

  /** Every truncation and a few corruptions of {@code body} decode or throw the decode type. */
  static void robust(byte[] body, Function<ByteBuf, ?> decoder) {
    for (int n = 0; n < body.length; n++) {
      byte[] cut = java.util.Arrays.copyOf(body, n);
      try {
        assertNotNull(decoder.apply(message(cut)));
      } catch (Smb2DecodeException expected) {
        // fine
      }
    }
    for (int i = 0; i < Math.min(body.length, 64); i++) {
      byte[] bad = body.clone();
      bad[i] = (byte) 0xFF;
      try {
        assertNotNull(decoder.apply(message(bad)));
      } catch (Smb2DecodeException expected) {
        // fine
      }
    }
    byte[] wrongSize = body.clone();
    wrongSize[0] ^= 0x01;
    assertThrows(Smb2DecodeException.class, () -> decoder.apply(message(wrongSize)));
  }

  // 2.2.1 ----------------------------------------------------------------------------------

  @Test
  void syncHeader() {
    byte[] golden =
        hex(
            "fe534d42 4000 0100 00000000 0d00 0800 04000000 00000000 0500000000000000"
                + " 00000000 44332211 8877665544332211 00000000000000000000000000000000");
    Smb2Header h =
        new Smb2Header(1, 0, 0x0D, 8, 4, 0, 5, 0, 0x11223344, 0x1122334455667788L, new byte[16]);
    assertArrayEquals(golden, encode(h::encode));
    Smb2Header d = Smb2Header.decode(Unpooled.wrappedBuffer(golden));
    assertEquals(0x11223344, d.treeId());
    assertEquals(0x1122334455667788L, d.sessionId());
    assertEquals(Smb2Command.ECHO, d.smb2Command());
    assertTrue(d.isRelated());
    assertFalse(d.isAsync());
  }

  @Test
  void asyncHeader() {
    byte[] golden =
        hex(
            "fe534d42 4000 0000 03010000 0f00 0100 03000000 00000000 0900000000000000"
                + " 0807060504030201 0100000000000000 0102030405060708090a0b0c0d0e0f10");
    byte[] sig = hex("0102030405060708090a0b0c0d0e0f10");
    Smb2Header h = new Smb2Header(0, 0x103, 0x0F, 1, 3, 0, 9, 0x0102030405060708L, 0, 1, sig);
    assertArrayEquals(golden, encode(h::encode));
    Smb2Header d = Smb2Header.decode(Unpooled.wrappedBuffer(golden));
    assertTrue(d.isAsync());
    assertEquals(0x0102030405060708L, d.asyncId());
    assertEquals(NtStatus.PENDING, NtStatus.fromCode(d.status()));
    assertArrayEquals(sig, d.signature());
  }

  @Test
  void malformedHeaders() {
    assertThrows(Smb2DecodeException.class, () -> Smb2Header.decode(Unpooled.buffer()));
    byte[] h = encode(new Smb2Header(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new byte[16])::encode);
    h[0] = (byte) 0xFD;
    assertThrows(Smb2DecodeException.class, () -> Smb2Header.decode(Unpooled.wrappedBuffer(h)));
    byte[] size = encode(new Smb2Header(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new byte[16])::encode);
    size[4] = 0x41;
    assertThrows(Smb2DecodeException.class, () -> Smb2Header.decode(Unpooled.wrappedBuffer(size)));
  }

  // 2.2.2 ----------------------------------------------------------------------------------

  @Test
  void errorResponses() {
    byte[] empty = hex("0900 00 00 00000000 00");
    assertArrayEquals(empty, encode(Smb2ErrorResponse.empty()::encode));
    byte[] withContext = hex("0900 01 00 0c000000 04000000 00000000 aabbccdd");
    Smb2ErrorResponse e =
        new Smb2ErrorResponse(
            List.of(new Smb2ErrorResponse.ErrorContext(0, hex("aabbccdd"))), new byte[0]);
    assertArrayEquals(withContext, encode(e::encode));
    Smb2ErrorResponse d = Smb2ErrorResponse.decode(message(withContext));
    assertEquals(1, d.contexts().size());
    assertArrayEquals(hex("aabbccdd"), d.contexts().get(0).data());
    robust(withContext, Smb2ErrorResponse::decode);
    byte[] lying = hex("0900 01 00 0c000000 ff000000 00000000 aabbccdd");
    assertThrows(Smb2DecodeException.class, () -> Smb2ErrorResponse.decode(message(lying)));
  }

  // 2.2.3 / 2.2.4 --------------------------------------------------------------------------

  private static final byte[] NEGOTIATE_311 =
      hex(
          "2400 0500 0100 0000 7f000000 000102030405060708090a0b0c0d0e0f 70000000 0300 0000"
              + " 0202 1002 0003 0203 1103 0000"
              + " 0100 0800 00000000 0100 0200 0100 a1a2"
              + " 0200 0600 00000000 0200 0200 0100 0000"
              + " 0500 0400 00000000 6100 6200");

  @Test
  void negotiateRequestWithContexts() {
    Smb2NegotiateRequest r =
        new Smb2NegotiateRequest(
            List.of(0x0202, 0x0210, 0x0300, 0x0302, 0x0311),
            1,
            0x7F,
            hex("000102030405060708090a0b0c0d0e0f"),
            List.of(
                new PreauthIntegrityCapabilities(List.of(1), hex("a1a2")),
                new EncryptionCapabilities(List.of(2, 1)),
                new NetnameNegotiateContextId("ab")));
    assertArrayEquals(NEGOTIATE_311, encode(r::encode));
    Smb2NegotiateRequest d = Smb2NegotiateRequest.decode(message(NEGOTIATE_311));
    assertEquals(r.dialects(), d.dialects());
    assertEquals(3, d.contexts().size());
    assertArrayEquals(hex("a1a2"), ((PreauthIntegrityCapabilities) d.contexts().get(0)).salt());
    assertEquals(List.of(2, 1), ((EncryptionCapabilities) d.contexts().get(1)).ciphers());
    assertEquals("ab", ((NetnameNegotiateContextId) d.contexts().get(2)).netName());
    robust(NEGOTIATE_311, Smb2NegotiateRequest::decode);
  }

  @Test
  void negotiateRequestMalformed() {
    byte[] noDialects = NEGOTIATE_311.clone();
    noDialects[2] = 0;
    assertThrows(Smb2DecodeException.class, () -> Smb2NegotiateRequest.decode(message(noDialects)));
    byte[] tooMany = NEGOTIATE_311.clone();
    tooMany[2] = (byte) 0xFF;
    assertThrows(Smb2DecodeException.class, () -> Smb2NegotiateRequest.decode(message(tooMany)));
    byte[] ctxOutside = NEGOTIATE_311.clone();
    ctxOutside[28] = (byte) 0xF0; // NegotiateContextOffset beyond the message
    assertThrows(Smb2DecodeException.class, () -> Smb2NegotiateRequest.decode(message(ctxOutside)));
    byte[] ctxLength = NEGOTIATE_311.clone();
    ctxLength[50] = (byte) 0xFF; // DataLength of the first context
    assertThrows(Smb2DecodeException.class, () -> Smb2NegotiateRequest.decode(message(ctxLength)));
    byte[] unaligned = NEGOTIATE_311.clone();
    unaligned[28] = 0x6E;
    assertThrows(Smb2DecodeException.class, () -> Smb2NegotiateRequest.decode(message(unaligned)));
  }

  @Test
  void unknownNegotiateContextsAreKept() {
    byte[] body =
        hex(
            "2400 0100 0100 0000 00000000 000102030405060708090a0b0c0d0e0f 68000000 0200 0000"
                + " 1103 0000 0000 0000"
                + " 0100 0600 00000000 0100 0000 0100"
                + " 0000"
                + " 7700 0300 00000000 010203");
    Smb2NegotiateRequest d = Smb2NegotiateRequest.decode(message(body));
    assertTrue(d.contexts().get(1) instanceof NegotiateContext.Unknown);
  }

  @Test
  void negotiateResponse() {
    byte[] golden =
        hex(
            "4100 0100 1002 0000 101112131415161718191a1b1c1d1e1f 04000000"
                + " 00008000 00008000 00008000 0807060504030201 0000000000000000"
                + " 8000 0300 00000000 a0a1a2");
    Smb2NegotiateResponse r =
        new Smb2NegotiateResponse(
            1,
            0x0210,
            hex("101112131415161718191a1b1c1d1e1f"),
            4,
            0x800000,
            0x800000,
            0x800000,
            0x0102030405060708L,
            0,
            hex("a0a1a2"),
            List.of());
    assertArrayEquals(golden, encode(r::encode));
    Smb2NegotiateResponse d = Smb2NegotiateResponse.decode(message(golden));
    assertArrayEquals(hex("a0a1a2"), d.securityBuffer());
    assertEquals(0x800000, d.maxWriteSize());
    robust(golden, Smb2NegotiateResponse::decode);
  }

  @Test
  void negotiateResponse311RoundTrip() {
    Smb2NegotiateResponse r =
        new Smb2NegotiateResponse(
            3,
            0x0311,
            new byte[16],
            4,
            1 << 20,
            1 << 20,
            1 << 20,
            1,
            0,
            hex("a0a1a2a3a4"),
            List.of(
                new PreauthIntegrityCapabilities(List.of(1), new byte[32]),
                new EncryptionCapabilities(List.of(2)),
                new SigningCapabilities(List.of(2))));
    byte[] body = encode(r::encode);
    // contexts start 8-aligned after the 5-byte security buffer at offset 128: 136
    assertEquals(136, Unpooled.wrappedBuffer(body).getIntLE(60));
    Smb2NegotiateResponse d = Smb2NegotiateResponse.decode(message(body));
    assertEquals(3, d.contexts().size());
    assertEquals(List.of(2), ((SigningCapabilities) d.contexts().get(2)).algorithms());
    assertArrayEquals(body, encode(d::encode));
  }

  // 2.2.5 / 2.2.6 --------------------------------------------------------------------------

  @Test
  void sessionSetup() {
    byte[] req = hex("1900 00 01 01000000 00000000 5800 0300 0000000000000000 a1a2a3");
    Smb2SessionSetupRequest r = new Smb2SessionSetupRequest(0, 1, 1, 0, 0, hex("a1a2a3"));
    assertArrayEquals(req, encode(r::encode));
    Smb2SessionSetupRequest d = Smb2SessionSetupRequest.decode(message(req));
    assertArrayEquals(hex("a1a2a3"), d.securityBuffer());
    assertFalse(d.isBinding());
    robust(req, Smb2SessionSetupRequest::decode);
    byte[] lying = hex("1900 00 01 01000000 00000000 5800 ff00 0000000000000000 a1a2a3");
    assertThrows(Smb2DecodeException.class, () -> Smb2SessionSetupRequest.decode(message(lying)));
    byte[] before = hex("1900 00 01 01000000 00000000 1000 0300 0000000000000000 a1a2a3");
    assertThrows(Smb2DecodeException.class, () -> Smb2SessionSetupRequest.decode(message(before)));

    byte[] resp = hex("0900 0400 4800 0200 b1b2");
    assertArrayEquals(resp, encode(new Smb2SessionSetupResponse(4, hex("b1b2"))::encode));
    assertEquals(4, Smb2SessionSetupResponse.decode(message(resp)).sessionFlags());
    assertArrayEquals(
        hex("0900 0100 0000 0000 00"),
        encode(new Smb2SessionSetupResponse(1, new byte[0])::encode));
    robust(resp, Smb2SessionSetupResponse::decode);
  }

  // 2.2.7 - 2.2.12, 2.2.28 - 2.2.30 ---------------------------------------------------------

  @Test
  void fourByteMessages() {
    byte[] golden = hex("0400 0000");
    assertArrayEquals(golden, encode(new Smb2LogoffRequest()::encode));
    assertArrayEquals(golden, encode(new Smb2LogoffResponse()::encode));
    assertArrayEquals(golden, encode(new Smb2TreeDisconnectRequest()::encode));
    assertArrayEquals(golden, encode(new Smb2TreeDisconnectResponse()::encode));
    assertArrayEquals(golden, encode(new Smb2EchoRequest()::encode));
    assertArrayEquals(golden, encode(new Smb2EchoResponse()::encode));
    assertArrayEquals(golden, encode(new Smb2CancelRequest()::encode));
    robust(golden, Smb2LogoffRequest::decode);
    robust(golden, Smb2LogoffResponse::decode);
    robust(golden, Smb2TreeDisconnectRequest::decode);
    robust(golden, Smb2TreeDisconnectResponse::decode);
    robust(golden, Smb2EchoRequest::decode);
    robust(golden, Smb2EchoResponse::decode);
    robust(golden, Smb2CancelRequest::decode);
  }

  // 2.2.9 / 2.2.10 -------------------------------------------------------------------------

  @Test
  void treeConnect() {
    byte[] golden = hex("0900 0000 4800 0a00 5c005c0073005c007800");
    Smb2TreeConnectRequest r = new Smb2TreeConnectRequest(0, "\\\\s\\x", List.of());
    assertArrayEquals(golden, encode(r::encode));
    Smb2TreeConnectRequest d = Smb2TreeConnectRequest.decode(message(golden), false);
    assertEquals("\\\\s\\x", d.path());
    assertEquals("x", d.shareName());
    robust(golden, m -> Smb2TreeConnectRequest.decode(m, true));
    byte[] odd = hex("0900 0000 4800 0900 5c005c0073005c007800");
    assertThrows(
        Smb2DecodeException.class, () -> Smb2TreeConnectRequest.decode(message(odd), false));
  }

  @Test
  void treeConnectExtension() {
    byte[] golden =
        hex(
            "0900 0400 5800 0a00 28000000 0100 00000000000000000000"
                + " 5c005c0073005c007800 000000000000 0100 0200 00000000 c1c2");
    Smb2TreeConnectRequest r =
        new Smb2TreeConnectRequest(
            Smb2TreeConnectRequest.FLAG_EXTENSION_PRESENT,
            "\\\\s\\x",
            List.of(new Smb2TreeConnectRequest.TreeConnectContext(1, hex("c1c2"))));
    assertArrayEquals(golden, encode(r::encode));
    Smb2TreeConnectRequest d = Smb2TreeConnectRequest.decode(message(golden), true);
    assertTrue(d.hasExtension());
    assertEquals("\\\\s\\x", d.path());
    assertArrayEquals(hex("c1c2"), d.contexts().get(0).data());
    robust(golden, m -> Smb2TreeConnectRequest.decode(m, true));
    // Before 3.1.1 the flags are reserved: the same bytes read as a plain request.
    assertFalse(Smb2TreeConnectRequest.decode(message(golden), false).hasExtension());
  }

  @Test
  void treeConnectResponse() {
    byte[] golden = hex("1000 01 00 00800000 00000000 ff011f00");
    Smb2TreeConnectResponse r = new Smb2TreeConnectResponse(1, 0x8000, 0, 0x001F01FF);
    assertArrayEquals(golden, encode(r::encode));
    assertEquals(r, Smb2TreeConnectResponse.decode(message(golden)));
    robust(golden, Smb2TreeConnectResponse::decode);
  }

  // 2.2.31 / 2.2.32 ------------------------------------------------------------------------

  @Test
  void ioctl() {
    byte[] req =
        hex(
            "3900 0000 04021400 ffffffffffffffffffffffffffffffff 78000000 04000000 00000000"
                + " 00000000 00000000 18000000 01000000 00000000 d1d2d3d4");
    Smb2IoctlRequest r =
        new Smb2IoctlRequest(
            Smb2IoctlRequest.FSCTL_VALIDATE_NEGOTIATE_INFO,
            Smb2FileId.ANY,
            hex("d1d2d3d4"),
            0,
            new byte[0],
            24,
            1);
    assertArrayEquals(req, encode(r::encode));
    Smb2IoctlRequest d = Smb2IoctlRequest.decode(message(req));
    assertTrue(d.fileId().isAny());
    assertArrayEquals(hex("d1d2d3d4"), d.input());
    robust(req, Smb2IoctlRequest::decode);
    byte[] lying = req.clone();
    lying[28] = (byte) 0xFF; // InputCount
    assertThrows(Smb2DecodeException.class, () -> Smb2IoctlRequest.decode(message(lying)));

    byte[] resp =
        hex(
            "3100 0000 04021400 ffffffffffffffffffffffffffffffff 70000000 00000000 70000000"
                + " 02000000 00000000 00000000 e1e2");
    Smb2IoctlResponse p =
        new Smb2IoctlResponse(0x00140204, Smb2FileId.ANY, new byte[0], hex("e1e2"), 0);
    assertArrayEquals(resp, encode(p::encode));
    assertArrayEquals(hex("e1e2"), Smb2IoctlResponse.decode(message(resp)).output());
    robust(resp, Smb2IoctlResponse::decode);
  }

  @Test
  void validateNegotiateInfo() {
    byte[] in = hex("7f000000 000102030405060708090a0b0c0d0e0f 0100 0200 0202 1002");
    ValidateNegotiateInfo.Request q =
        ValidateNegotiateInfo.Request.decode(Unpooled.wrappedBuffer(in));
    assertEquals(List.of(0x0202, 0x0210), q.dialects());
    assertArrayEquals(in, encode(q::encode));
    assertThrows(
        Smb2DecodeException.class,
        () ->
            ValidateNegotiateInfo.Request.decode(
                Unpooled.wrappedBuffer(java.util.Arrays.copyOf(in, 26))));
    byte[] out = hex("04000000 101112131415161718191a1b1c1d1e1f 0100 0003");
    ValidateNegotiateInfo.Response p =
        new ValidateNegotiateInfo.Response(4, hex("101112131415161718191a1b1c1d1e1f"), 1, 0x0300);
    assertArrayEquals(out, encode(p::encode));
    assertEquals(
        0x0300, ValidateNegotiateInfo.Response.decode(Unpooled.wrappedBuffer(out)).dialect());
  }

  // SMB1 ----------------------------------------------------------------------------------

  @Test
  void smb1Negotiate() {
    byte[] golden =
        hex(
            "ff534d42 72 00000000 18 53c8 0000000000000000000000000000000000000000"
                + " 00 1700 024e54204c4d20302e313200 02534d4220322e3f3f3f00");
    Smb1NegotiateRequest r = new Smb1NegotiateRequest(List.of("NT LM 0.12", "SMB 2.???"));
    assertArrayEquals(golden, encode(r::encode));
    assertEquals(r, Smb1NegotiateRequest.decode(Unpooled.wrappedBuffer(golden)));
    for (int n = 0; n < golden.length; n++) {
      try {
        assertNotNull(
            Smb1NegotiateRequest.decode(
                Unpooled.wrappedBuffer(java.util.Arrays.copyOf(golden, n))));
      } catch (Smb2DecodeException expected) {
        // fine
      }
    }
    byte[] unterminated = golden.clone();
    unterminated[33] = 0x16; // ByteCount ends before the last NUL
    assertThrows(
        Smb2DecodeException.class,
        () -> Smb1NegotiateRequest.decode(Unpooled.wrappedBuffer(unterminated)));
  }

  @Test
  void ntStatusTable() {
    assertEquals(0xC000006D, NtStatus.LOGON_FAILURE.code());
    assertEquals(NtStatus.BAD_NETWORK_NAME, NtStatus.fromCode(0xC00000CC));
    assertEquals("NT_STATUS_USER_SESSION_DELETED", NtStatus.USER_SESSION_DELETED.ntName());
    assertTrue(NtStatus.ACCESS_DENIED.isError());
    assertFalse(NtStatus.PENDING.isError());
  }
}
