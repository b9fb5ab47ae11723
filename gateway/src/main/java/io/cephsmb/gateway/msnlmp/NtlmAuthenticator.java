package io.cephsmb.gateway.msnlmp;

import io.cephsmb.gateway.msnlmp.NtlmResult.Failure;
import io.cephsmb.gateway.msnlmp.NtlmResult.Reason;
import io.cephsmb.gateway.msnlmp.NtlmResult.Success;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * [MS-NLMP] 3.2.5.1.2 Server Receives an AUTHENTICATE_MESSAGE from the Client, for NTLMv2 (3.3.2):
 * NTProofStr check in constant time, SessionBaseKey, KXKEY (= SessionBaseKey for NTLMv2, 3.4.5.1),
 * the key exchange (RC4K of EncryptedRandomSessionKey under KXKEY when NTLMSSP_NEGOTIATE_KEY_EXCH),
 * ExportedSessionKey, and the MIC check when MsvAvFlags announces one. An NTLMv1 response is
 * rejected.
 */
public final class NtlmAuthenticator {
  private final NtlmCredentials credentials;
  private final boolean allowAnonymous;

  /**
   * An authenticator.
   *
   * @param credentials where the NT hashes are
   * @param allowAnonymous whether anonymous logons (empty user and responses) succeed
   */
  public NtlmAuthenticator(NtlmCredentials credentials, boolean allowAnonymous) {
    this.credentials = credentials;
    this.allowAnonymous = allowAnonymous;
  }

  /**
   * Verifies one AUTHENTICATE_MESSAGE.
   *
   * @param rawNegotiate the NEGOTIATE_MESSAGE as received, or null (connectionless)
   * @param rawChallenge the CHALLENGE_MESSAGE as sent
   * @param rawAuthenticate the AUTHENTICATE_MESSAGE as received
   */
  public NtlmResult verify(byte[] rawNegotiate, byte[] rawChallenge, byte[] rawAuthenticate) {
    try {
      ChallengeMessage challenge = ChallengeMessage.decode(rawChallenge);
      AuthenticateMessage auth = AuthenticateMessage.decode(rawAuthenticate);
      return verify(rawNegotiate, rawChallenge, challenge, rawAuthenticate, auth);
    } catch (NtlmDecodeException e) {
      return new Failure(Reason.MALFORMED, e.getMessage());
    }
  }

  private NtlmResult verify(
      byte[] rawNegotiate,
      byte[] rawChallenge,
      ChallengeMessage challenge,
      byte[] rawAuthenticate,
      AuthenticateMessage auth) {
    int flags = auth.flags() & challenge.flags();
    byte[] nt = auth.ntChallengeResponse();
    byte[] lm = auth.lmChallengeResponse();
    if (auth.user().isEmpty() && nt.length == 0 && (lm.length == 0 || isZ1(lm))) {
      if (!allowAnonymous) {
        return new Failure(Reason.ANONYMOUS_NOT_ALLOWED, "anonymous logon refused");
      }
      return finish(auth, flags, new byte[16], true);
    }
    if (!NtlmV2Response.isNtlmV2(nt)) {
      return new Failure(
          Reason.NTLMV1_REJECTED, "NtChallengeResponse of " + nt.length + " bytes is not NTLMv2");
    }
    NtlmV2Response response = NtlmV2Response.decode(nt);
    Optional<byte[]> hash = credentials.ntHash(auth.user(), auth.domain());
    // An unknown user still costs the same HMACs, against a hash nobody has.
    byte[] ntHash = hash.orElseGet(() -> new byte[16]);
    byte[] responseKeyNt = NtlmCrypto.ntowfV2(ntHash, auth.user(), auth.domain());
    byte[] expected =
        NtlmCrypto.ntProofStr(
            responseKeyNt, challenge.serverChallenge(), response.clientChallengeBlob());
    if (!MessageDigest.isEqual(expected, response.ntProofStr()) || hash.isEmpty()) {
      return new Failure(
          Reason.WRONG_CREDENTIALS, "NTProofStr mismatch or unknown user " + auth.user());
    }
    byte[] sessionBaseKey = NtlmCrypto.sessionBaseKey(responseKeyNt, response.ntProofStr());
    NtlmResult result = finish(auth, flags, sessionBaseKey, false);
    if (result instanceof Success s
        && (response.avPairs().flags() & AvPair.FLAG_MIC_PRESENT) != 0) {
      return checkMic(s, rawNegotiate, rawChallenge, rawAuthenticate, auth);
    }
    return result;
  }

  /** KXKEY is the SessionBaseKey for NTLMv2; then the key exchange. */
  private static NtlmResult finish(
      AuthenticateMessage auth, int flags, byte[] keyExchangeKey, boolean anonymous) {
    byte[] exported = keyExchangeKey;
    byte[] encrypted = auth.encryptedRandomSessionKey();
    if (NegotiateFlags.isSet(flags, NegotiateFlags.KEY_EXCH)) {
      if (encrypted.length != 16) {
        return new Failure(
            Reason.MALFORMED, "KEY_EXCH with a " + encrypted.length + "-byte session key");
      }
      exported = NtlmCrypto.rc4k(keyExchangeKey, encrypted);
    }
    return new Success(auth.user(), auth.domain(), auth.workstation(), anonymous, flags, exported);
  }

  /** MIC = HMAC_MD5(ExportedSessionKey, NEGOTIATE || CHALLENGE || AUTHENTICATE with MIC zeroed). */
  private static NtlmResult checkMic(
      Success s,
      byte[] rawNegotiate,
      byte[] rawChallenge,
      byte[] rawAuthenticate,
      AuthenticateMessage auth) {
    byte[] mic = auth.mic();
    if (mic == null) {
      return new Failure(Reason.MIC_MISMATCH, "MsvAvFlags announces a MIC the message lacks");
    }
    byte[] zeroed = rawAuthenticate.clone();
    java.util.Arrays.fill(
        zeroed, AuthenticateMessage.MIC_OFFSET, AuthenticateMessage.MIC_OFFSET + 16, (byte) 0);
    byte[] expected =
        NtlmCrypto.hmacMd5(
            s.exportedSessionKey(),
            rawNegotiate == null ? new byte[0] : rawNegotiate,
            rawChallenge,
            zeroed);
    if (!MessageDigest.isEqual(expected, mic)) {
      return new Failure(Reason.MIC_MISMATCH, "MIC mismatch");
    }
    return s;
  }

  private static boolean isZ1(byte[] lm) {
    return lm.length == 1 && lm[0] == 0;
  }
}
