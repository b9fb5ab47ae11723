package io.cephsmb.dcerpc.pdu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Lying lengths and counts are refused with a {@link PduException}, never anything else. */
class PduMalformedTest {
  static PduException fails(String hex) {
    byte[] b = Octets.ofHex(hex).toByteArray();
    return assertThrows(PduException.class, () -> Pdu.decode(Unpooled.wrappedBuffer(b)));
  }

  @Test
  void shorterThanHeader() {
    assertEquals(-1, fails("05000b03 1000").callId());
  }

  @Test
  void fragLengthLongerOrShorterThanTheBytes() {
    PduException e = fails("05001203 10000000 2000 0000 0b000000");
    assertEquals(11, e.callId());
    assertEquals(PacketType.CO_CANCEL.code(), e.ptype());
    fails("05001203 10000000 1000 0000 0b000000 00");
  }

  @Test
  void authLengthLargerThanTheFragment() {
    fails("05000003 10000000 1c00 0900 04000000 00000000 00000000 0a050000");
  }

  @Test
  void authPadRunningIntoTheHeader() {
    fails("05001203 10000000 1900 0100 0b000000 0a05ff00 00000000 ee");
  }

  @Test
  void presentationContextCountLies() {
    PduException e = fails("05000b03 10000000 1c00 0000 01000000 b810b810 00000000 05000000");
    assertEquals(1, e.callId());
    assertTrue(e.getMessage().contains("presentation contexts"), e.getMessage());
  }

  @Test
  void transferSyntaxCountLies() {
    fails(
        "05000b03 10000000 3400 0000 01000000 b810b810 00000000 01000000 0000 09 00"
            + PduGoldenTest.SRVSVC);
  }

  @Test
  void noTransferSyntax() {
    fails(
        "05000b03 10000000 3400 0000 01000000 b810b810 00000000 01000000 0000 00 00"
            + PduGoldenTest.SRVSVC);
  }

  @Test
  void bigEndianDataRepresentationIsRejectedButItsHeaderIsRead() {
    PduException e = fails("05000b03 00000000 0010 0000 00000007");
    assertEquals(PduException.DATA_REPRESENTATION, e.kind());
    assertEquals(7, e.callId());
    assertEquals(PacketType.BIND.code(), e.ptype());
  }

  @Test
  void otherVersion() {
    assertEquals(PduException.VERSION, fails("04000b03 10000000 1000 0000 01000000").kind());
    assertEquals(PduException.VERSION, fails("05020b03 10000000 1000 0000 01000000").kind());
  }

  @Test
  void unknownPtype() {
    assertEquals(1, fails("05000103 10000000 1000 0000 01000000").ptype());
  }

  @Test
  void truncatedRequestAndFault() {
    fails("05000003 10000000 1400 0000 04000000 03000000");
    fails("05000303 10000000 1c00 0000 08000000 00000000 0100 00 00 02000000");
  }

  @Test
  void truncatedBindAckAddress() {
    fails("05000c03 10000000 1e00 0000 01000000 b810b810 00000000 0d00");
  }

  @Test
  void auth3WithoutVerifierAndShutdownWithBody() {
    fails("05001003 10000000 1400 0000 01000000 00000000");
    fails("05001103 10000000 1100 0000 00000000 00");
  }

  @Test
  void peekFragLengthReadsEitherByteOrder() {
    assertEquals(
        0x20,
        PduHeader.peekFragLength(
            Unpooled.wrappedBuffer(Octets.ofHex("05000b03 10000000 2000").toByteArray())));
    assertEquals(
        0x20,
        PduHeader.peekFragLength(
            Unpooled.wrappedBuffer(Octets.ofHex("05000b03 00000000 0020").toByteArray())));
    assertEquals(
        -1, PduHeader.peekFragLength(Unpooled.wrappedBuffer(Octets.ofHex("0500").toByteArray())));
  }
}
