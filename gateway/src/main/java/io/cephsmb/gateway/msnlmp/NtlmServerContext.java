package io.cephsmb.gateway.msnlmp;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * One server-side NTLM authentication: NEGOTIATE in, CHALLENGE out ([MS-NLMP] 3.2.5.1.1), then
 * AUTHENTICATE in and a result out (3.2.5.1.2). Not thread-safe; one per SESSION_SETUP exchange.
 */
public final class NtlmServerContext {
  /** Where the exchange stands. */
  public enum State {
    /** Waiting for the NEGOTIATE_MESSAGE. */
    INITIAL,
    /** The CHALLENGE_MESSAGE went out; waiting for the AUTHENTICATE_MESSAGE. */
    CHALLENGE_SENT,
    /** A result was produced; the context is spent. */
    DONE
  }

  /** Milliseconds from 1601-01-01 (the FILETIME epoch) to 1970-01-01. */
  private static final long FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000L;

  private final NtlmServerConfig config;
  private final NtlmAuthenticator authenticator;
  private final SecureRandom random;
  private final Clock clock;
  private State state = State.INITIAL;
  private byte[] rawNegotiate;
  private byte[] rawChallenge;

  /** A context for one exchange. */
  public NtlmServerContext(
      NtlmServerConfig config, NtlmCredentials credentials, SecureRandom random, Clock clock) {
    this.config = config;
    this.authenticator = new NtlmAuthenticator(credentials, config.allowAnonymous());
    this.random = random;
    this.clock = clock;
  }

  /** The current state. */
  public State state() {
    return state;
  }

  /**
   * Takes the client's NEGOTIATE_MESSAGE and returns the CHALLENGE_MESSAGE.
   *
   * @throws NtlmDecodeException when the message is malformed
   * @throws IllegalStateException when not in {@link State#INITIAL}
   */
  public byte[] acceptNegotiate(byte[] negotiate) {
    if (state != State.INITIAL) {
      throw new IllegalStateException("NEGOTIATE_MESSAGE in state " + state);
    }
    NegotiateMessage n = NegotiateMessage.decode(negotiate);
    byte[] serverChallenge = new byte[8];
    random.nextBytes(serverChallenge);
    int flags = challengeFlags(n.flags());
    if (config.version() == null) {
      flags &= ~NegotiateFlags.VERSION;
    }
    ChallengeMessage c =
        new ChallengeMessage(
            flags,
            NegotiateFlags.isSet(flags, NegotiateFlags.REQUEST_TARGET)
                ? config.nbComputerName()
                : "",
            serverChallenge,
            targetInfo(),
            NegotiateFlags.isSet(flags, NegotiateFlags.VERSION) ? config.version() : null);
    rawNegotiate = negotiate.clone();
    rawChallenge = c.encode();
    state = State.CHALLENGE_SENT;
    return rawChallenge.clone();
  }

  /**
   * Takes the client's AUTHENTICATE_MESSAGE and returns the outcome; a malformed message is a
   * {@link NtlmResult.Failure}.
   *
   * @throws IllegalStateException when not in {@link State#CHALLENGE_SENT}
   */
  public NtlmResult acceptAuthenticate(byte[] authenticate) {
    if (state != State.CHALLENGE_SENT) {
      throw new IllegalStateException("AUTHENTICATE_MESSAGE in state " + state);
    }
    state = State.DONE;
    return authenticator.verify(rawNegotiate, rawChallenge, authenticate);
  }

  /**
   * [MS-NLMP] 3.2.5.1.1 the flags of the CHALLENGE_MESSAGE: NTLM and TARGET_INFO always; the
   * client's choice of UNICODE (else OEM); the client's requests for signing, sealing, key
   * exchange, 56/128-bit keys, extended session security and VERSION granted; LM_KEY never. Without
   * extended session security the server offers no signing or sealing.
   */
  static int challengeFlags(int client) {
    int f = NegotiateFlags.NTLM | NegotiateFlags.TARGET_INFO;
    f |=
        NegotiateFlags.isSet(client, NegotiateFlags.UNICODE)
            ? NegotiateFlags.UNICODE
            : NegotiateFlags.OEM;
    if (NegotiateFlags.isSet(client, NegotiateFlags.REQUEST_TARGET)) {
      f |= NegotiateFlags.REQUEST_TARGET | NegotiateFlags.TARGET_TYPE_SERVER;
    }
    int echoed =
        NegotiateFlags.ALWAYS_SIGN
            | NegotiateFlags.KEY_EXCH
            | NegotiateFlags.NEGOTIATE_128
            | NegotiateFlags.NEGOTIATE_56
            | NegotiateFlags.VERSION
            | NegotiateFlags.EXTENDED_SESSIONSECURITY;
    if (NegotiateFlags.isSet(client, NegotiateFlags.EXTENDED_SESSIONSECURITY)) {
      echoed |= NegotiateFlags.SIGN | NegotiateFlags.SEAL;
    }
    return f | (client & echoed);
  }

  private AvPairs targetInfo() {
    long filetime = (clock.millis() + FILETIME_EPOCH_OFFSET_MS) * 10_000L;
    return new AvPairs(
        List.of(
            AvPair.ofString(AvPair.MSV_AV_NB_DOMAIN_NAME, config.nbDomainName()),
            AvPair.ofString(AvPair.MSV_AV_NB_COMPUTER_NAME, config.nbComputerName()),
            AvPair.ofString(AvPair.MSV_AV_DNS_DOMAIN_NAME, config.dnsDomainName()),
            AvPair.ofString(AvPair.MSV_AV_DNS_COMPUTER_NAME, config.dnsComputerName()),
            AvPair.ofNumber(AvPair.MSV_AV_TIMESTAMP, filetime, 8)));
  }
}
