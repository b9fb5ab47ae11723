package io.cephsmb.gateway.msnlmp;

/** The NTLM test client made reachable from the SPNEGO tests, with its session security. */
public final class NtlmSpnegoTestClient {
  private final NtlmTestClient client = new NtlmTestClient();
  private NtlmSessionSecurity security;

  /** The NEGOTIATE_MESSAGE. */
  public byte[] negotiate() {
    return client.negotiate.clone();
  }

  /** The AUTHENTICATE_MESSAGE (NTLMv2, key exchange, MIC) for a CHALLENGE_MESSAGE. */
  public byte[] authenticate(byte[] challenge, String user, String domain, String password) {
    byte[] auth = client.authenticate(challenge, user, domain, password, true);
    security =
        new NtlmSessionSecurity(
            ChallengeMessage.decode(challenge).flags(), client.exportedSessionKey, false);
    return auth;
  }

  /** An anonymous AUTHENTICATE_MESSAGE ([MS-NLMP] 3.2.5.1.2: no user, one zero LM byte). */
  public static byte[] anonymous() {
    return new AuthenticateMessage(
            new byte[] {0},
            new byte[0],
            "",
            "",
            "",
            new byte[0],
            NegotiateFlags.UNICODE,
            null,
            null)
        .encode();
  }

  /** The client's session security after {@link #authenticate}. */
  public NtlmSessionSecurity security() {
    return security;
  }

  /** The client's ExportedSessionKey. */
  public byte[] exportedSessionKey() {
    return client.exportedSessionKey.clone();
  }
}
