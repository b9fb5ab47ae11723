package io.cephsmb.dcerpc.pdu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Golden hex for every PDU type: encode gives the bytes, decode gives the record back. */
class PduGoldenTest {
  static final String SRVSVC = "c84f324b7016d3011278 5a47bf6ee188 03000000";
  static final String NDR20 = "045d888aeb1cc9119fe808002b104860 02000000";
  static final SyntaxId SRVSVC_ID =
      new SyntaxId(UUID.fromString("4b324fc8-1670-01d3-1278-5a47bf6ee188"), 3, 0);

  static String hex(Pdu pdu) {
    ByteBuf out = Unpooled.buffer();
    pdu.encode(out);
    return ByteBufUtil.hexDump(out);
  }

  static Pdu decode(String hex) throws PduException {
    return Pdu.decode(Unpooled.wrappedBuffer(Octets.ofHex(hex).toByteArray()));
  }

  static void golden(Pdu pdu, String hex) throws PduException {
    String clean = hex.replaceAll("\\s", "");
    assertEquals(clean, hex(pdu));
    assertEquals(pdu, decode(clean));
  }

  @Test
  void bind() throws PduException {
    BindPdu bind =
        new BindPdu(
            PfcFlags.FIRST_AND_LAST,
            1,
            new BindBody(
                4280,
                4280,
                0,
                List.of(new PresentationContext(0, SRVSVC_ID, List.of(SyntaxId.NDR20)))),
            Optional.empty());
    golden(
        bind,
        "05000b03 10000000 4800 0000 01000000"
            + "b810 b810 00000000 01 000000 0000 01 00"
            + SRVSVC
            + NDR20);
  }

  @Test
  void alterContextWithAuthVerifier() throws PduException {
    AlterContextPdu alter =
        new AlterContextPdu(
            PfcFlags.FIRST_AND_LAST,
            2,
            new BindBody(
                4280,
                4280,
                0x1234,
                List.of(new PresentationContext(1, SRVSVC_ID, List.of(SyntaxId.NDR20)))),
            Optional.of(new AuthVerifier(10, 6, 0, 0, Octets.ofHex("aabbcc"))));
    golden(
        alter,
        "05000e03 10000000 5300 0300 02000000"
            + "b810 b810 34120000 01 000000 0100 01 00"
            + SRVSVC
            + NDR20
            + "0a060000 00000000 aabbcc");
  }

  @Test
  void bindAckWithSecondaryAddressAndAllResultKinds() throws PduException {
    BindAckPdu ack =
        new BindAckPdu(
            PfcFlags.FIRST_AND_LAST,
            1,
            new BindAckBody(
                4280,
                4280,
                0x5678,
                "\\PIPE\\srvsvc",
                List.of(
                    ContextResult.accepted(SyntaxId.NDR20),
                    ContextResult.rejected(ContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED),
                    new ContextResult(ContextResult.NEGOTIATE_ACK, 2, SyntaxId.NULL))),
            Optional.empty());
    // 16 + 8 + 2 + 13 ("\PIPE\srvsvc" + NUL) = 39, padded to 40, + 4 + 3 * 24 = 116
    golden(
        ack,
        "05000c03 10000000 7400 0000 01000000"
            + "b810 b810 78560000 0d00 5c504950455c73727673766300 00"
            + "03 000000"
            + "0000 0000"
            + NDR20
            + "0200 0200 00000000000000000000000000000000 00000000"
            + "0300 0200 00000000000000000000000000000000 00000000");
  }

  @Test
  void alterContextRespWithEmptyAddress() throws PduException {
    AlterContextRespPdu resp =
        new AlterContextRespPdu(
            PfcFlags.FIRST_AND_LAST,
            3,
            new BindAckBody(4280, 4280, 7, "", List.of(ContextResult.accepted(SyntaxId.NDR20))),
            Optional.empty());
    golden(
        resp,
        "05000f03 10000000 3800 0000 03000000"
            + "b810 b810 07000000 0000 0000 01 000000 0000 0000"
            + NDR20);
  }

  @Test
  void bindNak() throws PduException {
    golden(
        BindNakPdu.of(9, BindNakPdu.PROTOCOL_VERSION_NOT_SUPPORTED),
        "05000d03 10000000 1500 0000 09000000 0400 01 0500");
  }

  @Test
  void requestWithAndWithoutObject() throws PduException {
    RequestPdu plain =
        new RequestPdu(
            PfcFlags.FIRST_AND_LAST,
            4,
            3,
            1,
            15,
            Optional.empty(),
            Octets.ofHex("010203"),
            Optional.empty());
    golden(plain, "05000003 10000000 1b00 0000 04000000 03000000 0100 0f00 010203");
    UUID object = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    RequestPdu withObject =
        new RequestPdu(
            PfcFlags.FIRST_AND_LAST | PfcFlags.OBJECT_UUID,
            5,
            0,
            0,
            1,
            Optional.of(object),
            Octets.EMPTY,
            Optional.empty());
    golden(
        withObject,
        "05000083 10000000 2800 0000 05000000 00000000 0000 0100"
            + "33221100 5544 7766 8899aabbccddeeff");
  }

  @Test
  void requestWithAuthPadAndSignature() throws PduException {
    RequestPdu signed =
        new RequestPdu(
            PfcFlags.FIRST_AND_LAST,
            6,
            2,
            0,
            0,
            Optional.empty(),
            Octets.ofHex("abcd"),
            Optional.of(new AuthVerifier(10, 5, 2, 0, Octets.ofHex("0102030405060708"))));
    golden(
        signed,
        "05000003 10000000 2c00 0800 06000000 02000000 0000 0000 abcd 0000"
            + "0a050200 00000000 0102030405060708");
  }

  @Test
  void response() throws PduException {
    golden(
        new ResponsePdu(
            PfcFlags.FIRST_FRAG, 7, 4, 1, 0, Octets.ofHex("00000000"), Optional.empty()),
        "05000201 10000000 1c00 0000 07000000 04000000 0100 00 00 00000000");
  }

  @Test
  void fault() throws PduException {
    golden(
        FaultPdu.of(8, 1, 0x1c010002, true),
        "05000323 10000000 2000 0000 08000000 00000000 0100 00 00 0200011c 00000000");
  }

  @Test
  void auth3() throws PduException {
    golden(
        new Auth3Pdu(PfcFlags.FIRST_AND_LAST, 1, new AuthVerifier(10, 2, 0, 0, Octets.ofHex("ee"))),
        "05001003 10000000 1d00 0100 01000000 00000000 0a020000 00000000 ee");
  }

  @Test
  void shutdownCancelOrphaned() throws PduException {
    golden(new ShutdownPdu(PfcFlags.FIRST_AND_LAST, 0), "05001103 10000000 1000 0000 00000000");
    golden(
        new CoCancelPdu(PfcFlags.FIRST_AND_LAST, 11, Optional.empty()),
        "05001203 10000000 1000 0000 0b000000");
    golden(
        new OrphanedPdu(PfcFlags.FIRST_AND_LAST, 12, Optional.empty()),
        "05001303 10000000 1000 0000 0c000000");
  }

  @Test
  void featureNegotiationSyntax() {
    SyntaxId s = SyntaxId.featureNegotiation(3);
    assertEquals(UUID.fromString("6cb71c2c-9812-4540-0300-000000000000"), s.uuid());
    assertTrue(s.isFeatureNegotiation());
    assertEquals(3, s.featureBitmask());
  }
}
