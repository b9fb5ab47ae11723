package io.cephsmb.gateway.msnlmp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal NTLMv2 client for tests, written from [MS-NLMP] 3.1.5.1.2 and 3.3.2: it answers a
 * CHALLENGE_MESSAGE with NTLMv2, key exchange and a MIC.
 */
final class NtlmTestClient {
  static final int FLAGS =
      NegotiateFlags.UNICODE
          | NegotiateFlags.REQUEST_TARGET
          | NegotiateFlags.SIGN
          | NegotiateFlags.SEAL
          | NegotiateFlags.NTLM
          | NegotiateFlags.ALWAYS_SIGN
          | NegotiateFlags.EXTENDED_SESSIONSECURITY
          | NegotiateFlags.TARGET_INFO
          | NegotiateFlags.VERSION
          | NegotiateFlags.NEGOTIATE_128
          | NegotiateFlags.KEY_EXCH
          | NegotiateFlags.NEGOTIATE_56;

  final byte[] negotiate =
      new NegotiateMessage(FLAGS, "", "", new NtlmVersion(10, 0, 19041, 15)).encode();
  final byte[] randomSessionKey = new byte[16];
  byte[] exportedSessionKey;

  NtlmTestClient() {
    Arrays.fill(randomSessionKey, (byte) 0x3c);
  }

  byte[] authenticate(
      byte[] rawChallenge, String user, String domain, String password, boolean mic) {
    ChallengeMessage c = ChallengeMessage.decode(rawChallenge);
    List<AvPair> pairs = new ArrayList<>(c.targetInfo().pairs());
    if (mic) {
      pairs.add(AvPair.ofNumber(AvPair.MSV_AV_FLAGS, AvPair.FLAG_MIC_PRESENT, 4));
    }
    ByteArrayOutputStream temp = new ByteArrayOutputStream();
    temp.writeBytes(new byte[] {1, 1, 0, 0, 0, 0, 0, 0});
    temp.writeBytes(c.targetInfo().get(AvPair.MSV_AV_TIMESTAMP).orElseThrow().value());
    temp.writeBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    temp.writeBytes(new byte[4]);
    temp.writeBytes(new AvPairs(pairs).encode());
    temp.writeBytes(new byte[4]);
    byte[] key = NtlmCrypto.ntowfV2(NtlmCrypto.ntHash(password), user, domain);
    byte[] proof = NtlmCrypto.ntProofStr(key, c.serverChallenge(), temp.toByteArray());
    ByteArrayOutputStream nt = new ByteArrayOutputStream();
    nt.writeBytes(proof);
    nt.writeBytes(temp.toByteArray());
    byte[] baseKey = NtlmCrypto.sessionBaseKey(key, proof);
    exportedSessionKey = randomSessionKey.clone();
    byte[] encryptedKey = NtlmCrypto.rc4k(baseKey, randomSessionKey);
    int flags = c.flags();
    AuthenticateMessage a =
        new AuthenticateMessage(
            new byte[24],
            nt.toByteArray(),
            domain,
            user,
            "WS",
            encryptedKey,
            flags,
            new NtlmVersion(10, 0, 19041, 15),
            new byte[16]);
    byte[] raw = a.encode();
    if (mic) {
      byte[] m = NtlmCrypto.hmacMd5(exportedSessionKey, negotiate, rawChallenge, raw);
      System.arraycopy(m, 0, raw, AuthenticateMessage.MIC_OFFSET, 16);
    }
    return raw;
  }
}
