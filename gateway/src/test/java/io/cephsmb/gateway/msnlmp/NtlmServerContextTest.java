package io.cephsmb.gateway.msnlmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** [MS-NLMP] 3.2.5.1 the server side of a full exchange against the test client. */
class NtlmServerContextTest {
  private static final NtlmServerConfig CONFIG =
      new NtlmServerConfig(
          "CEPH",
          "GW1",
          "ceph.example",
          "gw1.ceph.example",
          new NtlmVersion(10, 0, 20348, 15),
          false);
  private static final NtlmCredentials CREDS =
      (user, domain) ->
          user.equalsIgnoreCase("alice")
              ? Optional.of(NtlmCrypto.ntHash("s3cret!"))
              : Optional.empty();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);

  private static NtlmServerContext server(NtlmServerConfig config) {
    return new NtlmServerContext(config, CREDS, new SecureRandom(), CLOCK);
  }

  @Test
  void challengeCarriesTheNegotiatedFlagsAndTargetInfo() {
    NtlmTestClient client = new NtlmTestClient();
    ChallengeMessage c = ChallengeMessage.decode(server(CONFIG).acceptNegotiate(client.negotiate));
    assertEquals(NtlmTestClient.FLAGS | NegotiateFlags.TARGET_TYPE_SERVER, c.flags());
    assertEquals("GW1", c.targetName());
    assertEquals(
        "CEPH", c.targetInfo().get(AvPair.MSV_AV_NB_DOMAIN_NAME).orElseThrow().stringValue());
    assertEquals(
        "GW1", c.targetInfo().get(AvPair.MSV_AV_NB_COMPUTER_NAME).orElseThrow().stringValue());
    assertEquals(
        "ceph.example",
        c.targetInfo().get(AvPair.MSV_AV_DNS_DOMAIN_NAME).orElseThrow().stringValue());
    assertEquals(
        "gw1.ceph.example",
        c.targetInfo().get(AvPair.MSV_AV_DNS_COMPUTER_NAME).orElseThrow().stringValue());
    // 2024-05-01T10:00:00Z as FILETIME
    assertEquals(
        (Instant.parse("2024-05-01T10:00:00Z").toEpochMilli() + 11_644_473_600_000L) * 10_000L,
        c.targetInfo().get(AvPair.MSV_AV_TIMESTAMP).orElseThrow().numberValue());
    assertEquals(CONFIG.version(), c.version());
  }

  @Test
  void flagsWithoutExtendedSessionSecurityDropSigningAndSealing() {
    int client =
        NegotiateFlags.OEM | NegotiateFlags.SIGN | NegotiateFlags.SEAL | NegotiateFlags.LM_KEY;
    int f = NtlmServerContext.challengeFlags(client);
    assertEquals(NegotiateFlags.OEM | NegotiateFlags.NTLM | NegotiateFlags.TARGET_INFO, f);
  }

  @Test
  void fullExchangeWithMicAndKeyExchange() {
    NtlmTestClient client = new NtlmTestClient();
    NtlmServerContext s = server(CONFIG);
    byte[] challenge = s.acceptNegotiate(client.negotiate);
    assertEquals(NtlmServerContext.State.CHALLENGE_SENT, s.state());
    byte[] auth = client.authenticate(challenge, "alice", "CEPH", "s3cret!", true);
    NtlmResult.Success ok = assertInstanceOf(NtlmResult.Success.class, s.acceptAuthenticate(auth));
    assertEquals("alice", ok.user());
    assertArrayEquals(client.exportedSessionKey, ok.exportedSessionKey());
    assertEquals(NtlmServerContext.State.DONE, s.state());
    assertThrows(IllegalStateException.class, () -> s.acceptAuthenticate(auth));
  }

  @Test
  void wrongPasswordUnknownUserAndTamperedMicFail() {
    assertEquals(NtlmResult.Reason.WRONG_CREDENTIALS, run("alice", "wrong", true, null));
    assertEquals(NtlmResult.Reason.WRONG_CREDENTIALS, run("bob", "s3cret!", true, null));
    assertEquals(NtlmResult.Reason.MIC_MISMATCH, run("alice", "s3cret!", true, 72));
    // a flipped bit in the signed negotiate flags breaks the MIC too
    assertEquals(NtlmResult.Reason.MIC_MISMATCH, run("alice", "s3cret!", true, 61));
  }

  private static NtlmResult.Reason run(String user, String password, boolean mic, Integer flip) {
    NtlmTestClient client = new NtlmTestClient();
    NtlmServerContext s = server(CONFIG);
    byte[] auth =
        client.authenticate(s.acceptNegotiate(client.negotiate), user, "CEPH", password, mic);
    if (flip != null) {
      auth[flip] ^= 0x01;
    }
    return assertInstanceOf(NtlmResult.Failure.class, s.acceptAuthenticate(auth)).reason();
  }

  @Test
  void ntlmV1ResponsesAreRejected() {
    NtlmTestClient client = new NtlmTestClient();
    NtlmServerContext s = server(CONFIG);
    s.acceptNegotiate(client.negotiate);
    byte[] v1 =
        new AuthenticateMessage(
                new byte[24],
                new byte[24],
                "CEPH",
                "alice",
                "WS",
                new byte[0],
                NegotiateFlags.UNICODE | NegotiateFlags.NTLM,
                null,
                null)
            .encode();
    NtlmResult.Failure f = assertInstanceOf(NtlmResult.Failure.class, s.acceptAuthenticate(v1));
    assertEquals(NtlmResult.Reason.NTLMV1_REJECTED, f.reason());
    assertEquals(0xC000006D, f.reason().ntStatus());
  }

  @Test
  void anonymousLogonOnlyWhenAllowed() {
    byte[] anon = NtlmSpnegoTestClient.anonymous();
    NtlmTestClient client = new NtlmTestClient();
    NtlmServerContext refused = server(CONFIG);
    refused.acceptNegotiate(client.negotiate);
    assertEquals(
        NtlmResult.Reason.ANONYMOUS_NOT_ALLOWED,
        assertInstanceOf(NtlmResult.Failure.class, refused.acceptAuthenticate(anon)).reason());
    NtlmServerConfig open =
        new NtlmServerConfig("CEPH", "GW1", "ceph.example", "gw1.ceph.example", null, true);
    NtlmServerContext allowed = server(open);
    allowed.acceptNegotiate(client.negotiate);
    NtlmResult.Success ok =
        assertInstanceOf(NtlmResult.Success.class, allowed.acceptAuthenticate(anon));
    assertTrue(ok.anonymous());
    assertArrayEquals(new byte[16], ok.exportedSessionKey());
  }

  @Test
  void malformedAuthenticateIsAFailureNotAnException() {
    NtlmTestClient client = new NtlmTestClient();
    NtlmServerContext s = server(CONFIG);
    s.acceptNegotiate(client.negotiate);
    NtlmResult.Failure f =
        assertInstanceOf(NtlmResult.Failure.class, s.acceptAuthenticate(new byte[] {1, 2, 3}));
    assertEquals(NtlmResult.Reason.MALFORMED, f.reason());
  }
}
