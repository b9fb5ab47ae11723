package io.cephsmb.gateway.msnlmp;

/**
 * [MS-NLMP] 2.2.1.2 CHALLENGE_MESSAGE.
 *
 * @param flags NegotiateFlags
 * @param targetName TargetName, UTF-16 when NTLMSSP_NEGOTIATE_UNICODE is set, else OEM
 * @param serverChallenge the 8-byte ServerChallenge
 * @param targetInfo TargetInfo
 * @param version the Version, or null when NTLMSSP_NEGOTIATE_VERSION is not set
 */
public record ChallengeMessage(
    int flags, String targetName, byte[] serverChallenge, AvPairs targetInfo, NtlmVersion version) {
  static final int TYPE = 2;
  private static final int FIXED = 48;

  /** Checks the challenge length and copies it. */
  public ChallengeMessage {
    if (serverChallenge.length != 8) {
      throw new IllegalArgumentException("ServerChallenge is 8 bytes");
    }
    serverChallenge = serverChallenge.clone();
  }

  @Override
  public byte[] serverChallenge() {
    return serverChallenge.clone();
  }

  /** Decodes and checks a CHALLENGE_MESSAGE. */
  public static ChallengeMessage decode(byte[] b) {
    NtlmReader r = new NtlmReader(b);
    r.header(TYPE, FIXED, "CHALLENGE_MESSAGE");
    int flags = r.u32(20);
    boolean hasVersion = NegotiateFlags.isSet(flags, NegotiateFlags.VERSION);
    int headerEnd = FIXED + (hasVersion ? NtlmVersion.LENGTH : 0);
    NtlmVersion version = hasVersion ? NtlmVersion.read(r, FIXED) : null;
    boolean unicode = NegotiateFlags.isSet(flags, NegotiateFlags.UNICODE);
    String target =
        NtlmReader.string(r.payload(12, headerEnd, "TargetName"), unicode, "TargetName");
    byte[] info = r.payload(40, headerEnd, "TargetInfo");
    AvPairs pairs = info.length == 0 ? new AvPairs(java.util.List.of()) : AvPairs.decode(info);
    return new ChallengeMessage(flags, target, r.bytes(24, 8, "ServerChallenge"), pairs, version);
  }

  /** Encodes this message (payload: TargetName, TargetInfo). */
  public byte[] encode() {
    NtlmWriter w = new NtlmWriter(TYPE, FIXED + (version != null ? NtlmVersion.LENGTH : 0));
    w.u32(20, flags);
    w.bytes(24, serverChallenge);
    w.payload(
        12, NtlmReader.encode(targetName, NegotiateFlags.isSet(flags, NegotiateFlags.UNICODE)));
    w.payload(40, targetInfo.encode());
    if (version != null) {
      version.write(w.header(), FIXED);
    }
    return w.toByteArray();
  }
}
