package io.cephsmb.gateway.msnlmp;

/** The test NTLM client for tests in other packages (the RPC security provider's). */
public final class NtlmTestClients {
  private final NtlmTestClient client = new NtlmTestClient();

  /** The NEGOTIATE_MESSAGE. */
  public byte[] negotiate() {
    return client.negotiate.clone();
  }

  /** The AUTHENTICATE_MESSAGE answering {@code challenge} (NTLMv2, key exchange, MIC). */
  public byte[] authenticate(byte[] challenge, String user, String domain, String password) {
    return client.authenticate(challenge, user, domain, password, true);
  }

  /** The client's session security once authenticated (flags from the CHALLENGE). */
  public NtlmSessionSecurity session(byte[] challenge) {
    return new NtlmSessionSecurity(
        ChallengeMessage.decode(challenge).flags(), client.exportedSessionKey, false);
  }
}
