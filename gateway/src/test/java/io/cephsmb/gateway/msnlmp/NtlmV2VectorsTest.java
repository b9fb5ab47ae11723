package io.cephsmb.gateway.msnlmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.testing.TestVectors;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The [MS-NLMP] 4.2.4 NTLMv2 Authentication examples (4.2.4.1 to 4.2.4.4). */
class NtlmV2VectorsTest {
  private static final TestVectors V =
      TestVectors.load(NtlmV2VectorsTest.class, "ms-nlmp-4.2.4.txt");
  private static final byte[] NT_HASH = NtlmCrypto.ntHash("Password");

  @Test
  void ntowfV2FromTheStoredNtHash() {
    assertArrayEquals(V.get("ntowfv2"), NtlmCrypto.ntowfV2(NT_HASH, "User", "Domain"));
  }

  @Test
  void responsesAndSessionBaseKey() {
    byte[] key = NtlmCrypto.ntowfV2(NT_HASH, "User", "Domain");
    assertArrayEquals(
        V.get("lmv2Response"),
        NtlmCrypto.lmV2Response(key, V.get("serverChallenge"), V.get("clientChallenge")));
    byte[] proof = NtlmCrypto.ntProofStr(key, V.get("serverChallenge"), V.get("temp"));
    assertArrayEquals(V.get("ntProofStr"), proof);
    assertArrayEquals(V.get("sessionBaseKey"), NtlmCrypto.sessionBaseKey(key, proof));
    assertArrayEquals(
        V.get("encryptedSessionKey"),
        NtlmCrypto.rc4k(V.get("sessionBaseKey"), V.get("randomSessionKey")));
  }

  @Test
  void messagesRoundTripByteForByte() {
    byte[] challenge = V.get("challengeMessage");
    ChallengeMessage c = ChallengeMessage.decode(challenge);
    assertEquals(0xe28a8233, c.flags());
    assertEquals("Server", c.targetName());
    assertEquals(
        "Domain", c.targetInfo().get(AvPair.MSV_AV_NB_DOMAIN_NAME).orElseThrow().stringValue());
    assertEquals(
        "Server", c.targetInfo().get(AvPair.MSV_AV_NB_COMPUTER_NAME).orElseThrow().stringValue());
    assertEquals(new NtlmVersion(6, 0, 6000, 15), c.version());
    assertArrayEquals(challenge, c.encode());

    byte[] auth = V.get("authenticateMessage");
    AuthenticateMessage a = AuthenticateMessage.decode(auth);
    assertEquals("User", a.user());
    assertEquals("Domain", a.domain());
    assertEquals("COMPUTER", a.workstation());
    assertArrayEquals(V.get("lmv2Response"), a.lmChallengeResponse());
    assertArrayEquals(V.get("encryptedSessionKey"), a.encryptedRandomSessionKey());
    assertEquals(new NtlmVersion(5, 1, 2600, 15), a.version());
    assertEquals(null, a.mic());
    NtlmV2Response r = NtlmV2Response.decode(a.ntChallengeResponse());
    assertArrayEquals(V.get("ntProofStr"), r.ntProofStr());
    assertArrayEquals(V.get("temp"), r.clientChallengeBlob());
    assertArrayEquals(V.get("clientChallenge"), r.clientChallenge());
    assertArrayEquals(auth, a.encode());
  }

  /** The server verifies the 4.2.4.3 AUTHENTICATE_MESSAGE and unwraps RandomSessionKey. */
  @Test
  void serverAcceptsTheSpecAuthenticateMessage() {
    NtlmCredentials creds =
        (user, domain) -> user.equals("User") ? Optional.of(NT_HASH) : Optional.empty();
    NtlmResult result =
        new NtlmAuthenticator(creds, false)
            .verify(null, V.get("challengeMessage"), V.get("authenticateMessage"));
    NtlmResult.Success s = assertInstanceOf(NtlmResult.Success.class, result);
    assertEquals("User", s.user());
    assertEquals("Domain", s.domain());
    assertFalse(s.anonymous());
    assertArrayEquals(V.get("randomSessionKey"), s.exportedSessionKey());

    NtlmCredentials wrong = (user, domain) -> Optional.of(NtlmCrypto.ntHash("password"));
    NtlmResult.Failure f =
        assertInstanceOf(
            NtlmResult.Failure.class,
            new NtlmAuthenticator(wrong, false)
                .verify(null, V.get("challengeMessage"), V.get("authenticateMessage")));
    assertEquals(NtlmResult.Reason.WRONG_CREDENTIALS, f.reason());
    assertEquals(0xC000006D, f.reason().ntStatus());
  }

  /** 4.2.4.4: the client seals "Plaintext"; the server unseals it with the same keys. */
  @Test
  void gssWrapExample() {
    int flags = ChallengeMessage.decode(V.get("challengeMessage")).flags();
    byte[] key = V.get("randomSessionKey");
    assertArrayEquals(
        V.get("sealKey"),
        NtlmSessionSecurity.sealKey(
            flags, key, "session key to client-to-server sealing key magic constant"));
    assertArrayEquals(
        V.get("signKey"),
        NtlmSessionSecurity.signKey(
            key, "session key to client-to-server signing key magic constant"));
    NtlmSessionSecurity client = new NtlmSessionSecurity(flags, key, false);
    NtlmSessionSecurity.Sealed sealed = client.seal(V.get("plaintext"));
    assertArrayEquals(V.get("sealedData"), sealed.data());
    assertArrayEquals(V.get("signature"), sealed.signature());

    NtlmSessionSecurity server = new NtlmSessionSecurity(flags, key, true);
    assertArrayEquals(V.get("plaintext"), server.unseal(sealed.data(), sealed.signature()));
    assertEquals("Plaintext", new String(V.get("plaintext"), StandardCharsets.UTF_16LE));
  }

  @Test
  void signAndVerifyAcrossBothDirectionsWithSequenceNumbers() {
    int flags = ChallengeMessage.decode(V.get("challengeMessage")).flags();
    byte[] key = V.get("randomSessionKey");
    NtlmSessionSecurity client = new NtlmSessionSecurity(flags, key, false);
    NtlmSessionSecurity server = new NtlmSessionSecurity(flags, key, true);
    byte[] m = "mechListMIC".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 3; i++) {
      byte[] s = server.sign(m);
      assertEquals(i, s[12]);
      assertTrue(client.verify(m, s));
      assertTrue(server.verify(m, client.sign(m)));
    }
    byte[] sig = client.sign(m);
    sig[5] ^= 1;
    assertFalse(server.verify(m, sig));
    byte[] replayed = server.sign(m);
    assertTrue(client.verify(m, replayed));
    assertFalse(client.verify(m, replayed), "a replayed signature has a stale sequence number");
  }
}
