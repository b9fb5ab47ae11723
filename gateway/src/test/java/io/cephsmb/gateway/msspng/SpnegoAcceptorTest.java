package io.cephsmb.gateway.msspng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.msnlmp.ChallengeMessage;
import io.cephsmb.gateway.msnlmp.NtlmCredentials;
import io.cephsmb.gateway.msnlmp.NtlmCrypto;
import io.cephsmb.gateway.msnlmp.NtlmServerConfig;
import io.cephsmb.gateway.msnlmp.NtlmServerContext;
import io.cephsmb.gateway.msnlmp.NtlmSessionSecurity;
import io.cephsmb.gateway.msnlmp.NtlmSpnegoTestClient;
import io.cephsmb.gateway.msnlmp.NtlmVersion;
import io.cephsmb.gateway.msspng.NegTokenResp.NegState;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The [MS-SPNG] 3.2.5 acceptor driving NTLMSSP, mechListMIC included. */
class SpnegoAcceptorTest {
  private static final NtlmCredentials CREDS =
      (user, domain) ->
          user.equals("alice") ? Optional.of(NtlmCrypto.ntHash("s3cret!")) : Optional.empty();

  private static SpnegoAcceptor acceptor() {
    NtlmServerConfig config =
        new NtlmServerConfig(
            "CEPH",
            "GW1",
            "ceph.example",
            "gw1.ceph.example",
            new NtlmVersion(10, 0, 20348, 15),
            false);
    Map<String, Supplier<GssMechanism>> mechs = new LinkedHashMap<>();
    mechs.put(
        Oid.NTLMSSP,
        () ->
            new NtlmGssMechanism(
                new NtlmServerContext(config, CREDS, new SecureRandom(), Clock.systemUTC())));
    return new SpnegoAcceptor(mechs);
  }

  @Test
  void ntlmFirstChoiceWithMechListMic() {
    NtlmSpnegoTestClient client = new NtlmSpnegoTestClient();
    List<String> mechs = List.of(Oid.NTLMSSP);
    SpnegoAcceptor a = acceptor();
    NegTokenResp r1 =
        NegTokenResp.decode(
            a.accept(
                SpnegoInitToken.encode(NegTokenInit.of(mechs, client.negotiate(), null, null))));
    assertEquals(NegState.ACCEPT_INCOMPLETE, r1.negState());
    assertEquals(Oid.NTLMSSP, r1.supportedMech());
    ChallengeMessage.decode(r1.responseToken());

    byte[] auth = client.authenticate(r1.responseToken(), "alice", "CEPH", "s3cret!");
    NtlmSessionSecurity cs = client.security();
    byte[] mic = cs.sign(NegTokenInit.mechTypeList(mechs));
    NegTokenResp r2 =
        NegTokenResp.decode(a.accept(new NegTokenResp(null, null, auth, mic).encode()));
    assertEquals(NegState.ACCEPT_COMPLETED, r2.negState());
    assertEquals(SpnegoAcceptor.State.COMPLETE, a.state());
    assertTrue(cs.verify(NegTokenInit.mechTypeList(mechs), r2.mechListMic()));
    assertArrayEquals(client.exportedSessionKey(), a.mechanism().sessionKey());
    assertEquals("alice", a.mechanism().identity().user());
  }

  @Test
  void aTamperedMechListMicRejects() {
    NtlmSpnegoTestClient client = new NtlmSpnegoTestClient();
    List<String> mechs = List.of(Oid.NTLMSSP);
    SpnegoAcceptor a = acceptor();
    NegTokenResp r1 =
        NegTokenResp.decode(
            a.accept(
                SpnegoInitToken.encode(NegTokenInit.of(mechs, client.negotiate(), null, null))));
    byte[] auth = client.authenticate(r1.responseToken(), "alice", "CEPH", "s3cret!");
    byte[] mic = client.security().sign(NegTokenInit.mechTypeList(List.of(Oid.NTLMSSP, Oid.KRB5)));
    NegTokenResp r2 =
        NegTokenResp.decode(a.accept(new NegTokenResp(null, null, auth, mic).encode()));
    assertEquals(NegState.REJECT, r2.negState());
    assertEquals(SpnegoAcceptor.State.FAILED, a.state());
  }

  /** A Kerberos-first client: request-mic, then NTLM, and the mechListMIC becomes mandatory. */
  @Test
  void kerberosFirstClientFallsBackToNtlmAndMustSendTheMic() {
    List<String> mechs = List.of(Oid.MS_KRB5, Oid.KRB5, Oid.NTLMSSP);
    for (boolean sendMic : new boolean[] {true, false}) {
      NtlmSpnegoTestClient client = new NtlmSpnegoTestClient();
      SpnegoAcceptor a = acceptor();
      byte[] krbToken = {0x6e, 0x00};
      NegTokenResp r0 =
          NegTokenResp.decode(
              a.accept(SpnegoInitToken.encode(NegTokenInit.of(mechs, krbToken, null, null))));
      assertEquals(NegState.REQUEST_MIC, r0.negState());
      assertEquals(Oid.NTLMSSP, r0.supportedMech());
      assertNull(r0.responseToken());
      NegTokenResp r1 =
          NegTokenResp.decode(
              a.accept(new NegTokenResp(null, null, client.negotiate(), null).encode()));
      assertEquals(NegState.ACCEPT_INCOMPLETE, r1.negState());
      assertNull(r1.supportedMech());
      byte[] auth = client.authenticate(r1.responseToken(), "alice", "CEPH", "s3cret!");
      byte[] mic = sendMic ? client.security().sign(NegTokenInit.mechTypeList(mechs)) : null;
      NegTokenResp r2 =
          NegTokenResp.decode(a.accept(new NegTokenResp(null, null, auth, mic).encode()));
      assertEquals(sendMic ? NegState.ACCEPT_COMPLETED : NegState.REJECT, r2.negState());
    }
  }

  @Test
  void wrongPasswordNoCommonMechAndGarbageReject() {
    NtlmSpnegoTestClient client = new NtlmSpnegoTestClient();
    SpnegoAcceptor a = acceptor();
    NegTokenResp r1 =
        NegTokenResp.decode(
            a.accept(
                SpnegoInitToken.encode(
                    NegTokenInit.of(List.of(Oid.NTLMSSP), client.negotiate(), null, null))));
    byte[] auth = client.authenticate(r1.responseToken(), "alice", "CEPH", "nope");
    assertEquals(
        NegState.REJECT,
        NegTokenResp.decode(a.accept(new NegTokenResp(null, null, auth, null).encode()))
            .negState());

    SpnegoAcceptor b = acceptor();
    byte[] krbOnly = SpnegoInitToken.encode(NegTokenInit.of(List.of(Oid.KRB5), null, null, null));
    assertEquals(NegState.REJECT, NegTokenResp.decode(b.accept(krbOnly)).negState());

    SpnegoAcceptor c = acceptor();
    assertEquals(
        NegState.REJECT, NegTokenResp.decode(c.accept(new byte[] {0x60, 0x05, 1})).negState());
    assertEquals(SpnegoAcceptor.State.FAILED, c.state());
    assertEquals(NegState.REJECT, NegTokenResp.decode(c.accept(new byte[] {0x60})).negState());
  }
}
