package io.cephsmb.gateway.msnlmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.testing.TestVectors;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Golden round trips and bad input for the [MS-NLMP] 2.2 decoders. */
class NtlmDecodeTest {
  private static final TestVectors V = TestVectors.load(NtlmDecodeTest.class, "ms-nlmp-4.2.4.txt");

  /**
   * A Windows NEGOTIATE_MESSAGE, from the SESSION_SETUP request in Microsoft's "anatomy of signing
   * and cryptographic keys" blog (SMB 3.1.1 example).
   */
  private static final byte[] WINDOWS_NEGOTIATE =
      TestVectors.hex(
          "4E544C4D5353500001000000978208E200000000000000000000000000000000060380250000000F");

  @Test
  void windowsNegotiateRoundTrips() {
    NegotiateMessage n = NegotiateMessage.decode(WINDOWS_NEGOTIATE);
    assertEquals(0xe2088297, n.flags());
    assertEquals("", n.domain());
    assertEquals(new NtlmVersion(6, 3, 9600, 15), n.version());
    assertArrayEquals(WINDOWS_NEGOTIATE, n.encode());
  }

  @Test
  void negotiateWithOemNamesRoundTrips() {
    NegotiateMessage n =
        new NegotiateMessage(
            NegotiateFlags.OEM
                | NegotiateFlags.OEM_DOMAIN_SUPPLIED
                | NegotiateFlags.OEM_WORKSTATION_SUPPLIED,
            "WORKGROUP",
            "HOST",
            null);
    byte[] b = n.encode();
    assertEquals(n, NegotiateMessage.decode(b));
  }

  @Test
  void truncatedMessagesAreRejected() {
    for (byte[] msg :
        List.of(WINDOWS_NEGOTIATE, V.get("challengeMessage"), V.get("authenticateMessage"))) {
      for (int len = 0; len < msg.length; len++) {
        byte[] cut = Arrays.copyOf(msg, len);
        assertThrows(NtlmDecodeException.class, () -> decodeAny(cut), "length " + len);
      }
    }
  }

  private static void decodeAny(byte[] b) {
    int type = b.length >= 12 ? b[8] : 0;
    switch (type) {
      case 1 -> NegotiateMessage.decode(b);
      case 2 -> ChallengeMessage.decode(b);
      case 3 -> {
        AuthenticateMessage a = AuthenticateMessage.decode(b);
        NtlmV2Response.decode(a.ntChallengeResponse());
      }
      default -> NegotiateMessage.decode(b);
    }
  }

  @Test
  void wrongSignatureAndTypeAreRejected() {
    byte[] sig = V.get("challengeMessage");
    sig[7] = 'X';
    assertThrows(NtlmDecodeException.class, () -> ChallengeMessage.decode(sig));
    assertThrows(
        NtlmDecodeException.class, () -> AuthenticateMessage.decode(V.get("challengeMessage")));
    assertThrows(
        NtlmDecodeException.class, () -> NegotiateMessage.decode(V.get("authenticateMessage")));
    byte[] type = V.get("authenticateMessage");
    type[11] = 1;
    assertThrows(NtlmDecodeException.class, () -> AuthenticateMessage.decode(type));
  }

  @Test
  void lyingLengthsAndOffsetsAreRejected() {
    // NtChallengeResponse Len 0x54 -> 0xff (runs past the end)
    expectBad(V.get("authenticateMessage"), b -> b[20] = (byte) 0xff);
    // NtChallengeResponse BufferOffset 0x84 -> 0xfffffff0
    expectBad(
        V.get("authenticateMessage"),
        b -> {
          b[24] = (byte) 0xf0;
          b[25] = b[26] = b[27] = (byte) 0xff;
        });
    // UserName pointing into the fixed header
    expectBad(V.get("authenticateMessage"), b -> b[40] = 0x10);
    // TargetInfo Len beyond the message
    expectBad(V.get("challengeMessage"), b -> b[40] = (byte) 0x80);
    // odd UTF-16 TargetName length
    expectBad(V.get("challengeMessage"), b -> b[12] = 0x0b);
    // an AV_PAIR whose AvLen runs past the TargetInfo buffer
    expectBad(V.get("challengeMessage"), b -> b[0x44 + 2] = 0x40);
  }

  private static void expectBad(byte[] b, Consumer<byte[]> damage) {
    damage.accept(b);
    assertThrows(NtlmDecodeException.class, () -> decodeAny(b));
  }

  @Test
  void avPairListsMustBeTerminated() {
    byte[] noEol = TestVectors.hex("02000c0044006f006d00610069006e00");
    assertThrows(NtlmDecodeException.class, () -> AvPairs.decode(noEol));
    assertThrows(NtlmDecodeException.class, () -> AvPairs.decode(TestVectors.hex("0200")));
    AvPairs ok = AvPairs.decode(TestVectors.hex("060004000200000000000000 1234"));
    assertEquals(AvPair.FLAG_MIC_PRESENT, ok.flags());
    assertTrue(ok.get(AvPair.MSV_AV_TIMESTAMP).isEmpty());
  }

  @Test
  void ntlmV2ResponseChecksItsStructure() {
    byte[] nt = AuthenticateMessage.decode(V.get("authenticateMessage")).ntChallengeResponse();
    nt[16] = 2;
    assertThrows(NtlmDecodeException.class, () -> NtlmV2Response.decode(nt));
    assertThrows(NtlmDecodeException.class, () -> NtlmV2Response.decode(new byte[30]));
  }
}
