package io.cephsmb.gateway.msspng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cephsmb.gateway.msnlmp.AuthenticateMessage;
import io.cephsmb.gateway.msnlmp.ChallengeMessage;
import io.cephsmb.gateway.msnlmp.NegotiateMessage;
import io.cephsmb.gateway.testing.TestVectors;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DER round trips of real Windows SPNEGO tokens and strictness on bad input. The tokens are the
 * security buffers of the SMB2 messages in Microsoft's "anatomy of signing and cryptographic keys"
 * blog (SMB 3.1.1 example): the NEGOTIATE response, both SESSION_SETUP requests and both responses.
 */
class SpnegoCodecTest {
  private static final TestVectors BLOG =
      TestVectors.load(SpnegoCodecTest.class, "/io/cephsmb/gateway/crypto/smb311-anatomy-blog.txt");

  private static byte[] buffer(String message, int offset, int length) {
    return Arrays.copyOfRange(BLOG.get(message), offset, offset + length);
  }

  @Test
  void windowsNegTokenInitWithNtlmNegotiate() {
    byte[] token = buffer("sessionSetupRequest1", 0x58, 0x4a);
    NegTokenInit init = SpnegoInitToken.decode(token);
    assertEquals(List.of(Oid.NTLMSSP), init.mechTypes());
    assertEquals(0xe2088297, NegotiateMessage.decode(init.mechToken()).flags());
    assertNull(init.mechListMic());
    assertArrayEquals(token, SpnegoInitToken.encode(init));
  }

  @Test
  void windowsNegotiateResponseNegTokenInit() {
    byte[] token = buffer("negotiateResponse", 0x80, 0x140);
    NegTokenInit init = SpnegoInitToken.decode(token);
    assertEquals(List.of(Oid.NEGOEX, Oid.NTLMSSP), init.mechTypes());
    assertEquals(0x108, init.mechToken().length);
    assertArrayEquals(token, SpnegoInitToken.encode(init));
  }

  @Test
  void windowsNegTokenResps() {
    byte[] challenge = buffer("sessionSetupResponse1", 0x48, 0xb3);
    NegTokenResp r1 = NegTokenResp.decode(challenge);
    assertEquals(NegTokenResp.NegState.ACCEPT_INCOMPLETE, r1.negState());
    assertEquals(Oid.NTLMSSP, r1.supportedMech());
    assertEquals("SUT311", ChallengeMessage.decode(r1.responseToken()).targetName());
    assertArrayEquals(challenge, r1.encode());

    byte[] auth = buffer("sessionSetupRequest2", 0x58, 0x1cf);
    NegTokenResp r2 = NegTokenResp.decode(auth);
    assertEquals(NegTokenResp.NegState.ACCEPT_INCOMPLETE, r2.negState());
    AuthenticateMessage a = AuthenticateMessage.decode(r2.responseToken());
    assertEquals("administrator", a.user());
    assertNotNull(a.mic());
    assertArrayEquals(TestVectors.hex("0100000063775A9A5FD97F0600000000"), r2.mechListMic());
    assertArrayEquals(auth, r2.encode());

    byte[] done = buffer("sessionSetupResponse2", 0x48, 0x1d);
    NegTokenResp r3 = NegTokenResp.decode(done);
    assertEquals(NegTokenResp.NegState.ACCEPT_COMPLETED, r3.negState());
    assertNull(r3.responseToken());
    assertArrayEquals(TestVectors.hex("010000003B453CDC3524164200000000"), r3.mechListMic());
    assertArrayEquals(done, r3.encode());
  }

  /**
   * A NegTokenInit as a domain-joined Windows client sends it, built from the RFC 4178 / MS-SPNG
   * structure: MS-KRB5, KRB5, NEGOEX, NTLMSSP with an optimistic Kerberos token.
   */
  @Test
  void domainClientStyleNegTokenInitRoundTrips() {
    List<String> mechs = List.of(Oid.MS_KRB5, Oid.KRB5, Oid.NEGOEX, Oid.NTLMSSP);
    byte[] apReq = TestVectors.hex("6e8201003082");
    byte[] token = SpnegoInitToken.encode(NegTokenInit.of(mechs, apReq, null, null));
    assertArrayEquals(
        TestVectors.hex(
            "6048 06062b0601050502 a03e 303c a030 302e"
                + " 06092a864882f712010202 06092a864886f712010202"
                + " 060a2b06010401823702021e 060a2b06010401823702020a"
                + " a208 0406 6e8201003082"),
        token);
    NegTokenInit back = SpnegoInitToken.decode(token);
    assertEquals(mechs, back.mechTypes());
    assertArrayEquals(apReq, back.mechToken());
  }

  @Test
  void serverNegTokenInit2CarriesTheHint() {
    byte[] hint = new SpnegoAcceptor(java.util.Map.of(Oid.NTLMSSP, () -> null)).negotiateHint();
    NegTokenInit init = SpnegoInitToken.decode(hint);
    assertEquals(List.of(Oid.NTLMSSP), init.mechTypes());
    assertEquals(SpnegoAcceptor.HINT_NAME, init.hintName());
    assertArrayEquals(hint, SpnegoInitToken.encode(init));
  }

  @Test
  void truncatedTokensAreRejected() {
    byte[] init = buffer("sessionSetupRequest1", 0x58, 0x4a);
    byte[] resp = buffer("sessionSetupResponse1", 0x48, 0xb3);
    for (int len = 0; len < init.length; len++) {
      byte[] cut = Arrays.copyOf(init, len);
      assertThrows(SpnegoException.class, () -> SpnegoInitToken.decode(cut), "length " + len);
    }
    for (int len = 0; len < resp.length; len++) {
      byte[] cut = Arrays.copyOf(resp, len);
      assertThrows(SpnegoException.class, () -> NegTokenResp.decode(cut), "length " + len);
    }
  }

  @Test
  void lyingAndNonDerLengthsAreRejected() {
    byte[] init = buffer("sessionSetupRequest1", 0x58, 0x4a);
    byte[] longer = init.clone();
    longer[1] = 0x49; // outer length one more than there is
    assertThrows(SpnegoException.class, () -> SpnegoInitToken.decode(longer));
    byte[] inner = init.clone();
    inner[13] = 0x7f; // [0] length far beyond its parent
    assertThrows(SpnegoException.class, () -> SpnegoInitToken.decode(inner));
    assertThrows(
        SpnegoException.class, () -> NegTokenResp.decode(TestVectors.hex("a180 3000 0000")));
    assertThrows(SpnegoException.class, () -> NegTokenResp.decode(TestVectors.hex("a1 8102 3000")));
    assertThrows(
        SpnegoException.class, () -> NegTokenResp.decode(TestVectors.hex("a1 85ffffffffff")));
    assertThrows(SpnegoException.class, () -> NegTokenResp.decode(TestVectors.hex("a1023000 00")));
    assertThrows(
        SpnegoException.class, () -> NegTokenResp.decode(TestVectors.hex("a1053003a0010a")));
    assertThrows(
        SpnegoException.class, () -> NegTokenResp.decode(TestVectors.hex("a1073005a0030a0109")));
  }

  @Test
  void wrongMechanismOrChoiceIsRejected() {
    byte[] krbFramed = TestVectors.hex("600d 06092a864886f712010202 a000");
    assertThrows(SpnegoException.class, () -> SpnegoInitToken.decode(krbFramed));
    byte[] resp = buffer("sessionSetupResponse1", 0x48, 0xb3);
    assertThrows(SpnegoException.class, () -> SpnegoInitToken.decode(resp));
    byte[] badOid = TestVectors.hex("a1083006a1040602 2b80");
    assertThrows(SpnegoException.class, () -> NegTokenResp.decode(badOid));
  }
}
