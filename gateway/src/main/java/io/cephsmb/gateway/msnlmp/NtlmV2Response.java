package io.cephsmb.gateway.msnlmp;

/**
 * [MS-NLMP] 2.2.2.8 NTLMv2_RESPONSE: the 16-byte NTProofStr followed by the NTLMv2_CLIENT_CHALLENGE
 * (2.2.2.7), which 3.3.2 calls {@code temp}.
 *
 * @param ntProofStr Response (NTProofStr)
 * @param clientChallengeBlob the whole NTLMv2_CLIENT_CHALLENGE as received (temp)
 * @param timestamp TimeStamp, 100 ns ticks since 1601-01-01 UTC
 * @param clientChallenge ChallengeFromClient (8 bytes)
 * @param avPairs AvPairs
 */
public record NtlmV2Response(
    byte[] ntProofStr,
    byte[] clientChallengeBlob,
    long timestamp,
    byte[] clientChallenge,
    AvPairs avPairs) {
  /** The fixed part of NTLMv2_CLIENT_CHALLENGE before AvPairs. */
  private static final int CLIENT_CHALLENGE_FIXED = 28;

  /** Copies the arrays. */
  public NtlmV2Response {
    ntProofStr = ntProofStr.clone();
    clientChallengeBlob = clientChallengeBlob.clone();
    clientChallenge = clientChallenge.clone();
  }

  @Override
  public byte[] ntProofStr() {
    return ntProofStr.clone();
  }

  @Override
  public byte[] clientChallengeBlob() {
    return clientChallengeBlob.clone();
  }

  @Override
  public byte[] clientChallenge() {
    return clientChallenge.clone();
  }

  /** Whether an NtChallengeResponse is long enough to be NTLMv2 (NTLMv1 responses are 24 bytes). */
  public static boolean isNtlmV2(byte[] ntChallengeResponse) {
    return ntChallengeResponse.length > 24;
  }

  /** Parses an NtChallengeResponse as NTLMv2_RESPONSE. */
  public static NtlmV2Response decode(byte[] b) {
    NtlmReader r = new NtlmReader(b);
    r.require(0, 16 + CLIENT_CHALLENGE_FIXED + 4, "NTLMv2_RESPONSE");
    if (r.u8(16) != 1 || r.u8(17) != 1) {
      throw new NtlmDecodeException("NTLMv2_CLIENT_CHALLENGE RespType/HiRespType is not 1");
    }
    long timestamp = (r.u32(24) & 0xffffffffL) | ((long) r.u32(28)) << 32;
    byte[] avBytes =
        r.bytes(16 + CLIENT_CHALLENGE_FIXED, b.length - 16 - CLIENT_CHALLENGE_FIXED, "AvPairs");
    return new NtlmV2Response(
        r.bytes(0, 16, "Response"),
        r.bytes(16, b.length - 16, "NTLMv2_CLIENT_CHALLENGE"),
        timestamp,
        r.bytes(32, 8, "ChallengeFromClient"),
        AvPairs.decode(avBytes));
  }
}
