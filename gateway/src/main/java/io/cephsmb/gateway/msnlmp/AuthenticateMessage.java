package io.cephsmb.gateway.msnlmp;

/**
 * [MS-NLMP] 2.2.1.3 AUTHENTICATE_MESSAGE.
 *
 * <p>Whether the Version and MIC fields are present is not signalled by a flag; as Windows does,
 * the decoder takes them to be present when the payload starts after them (72 and 88 bytes).
 *
 * @param lmChallengeResponse LmChallengeResponse (may be empty)
 * @param ntChallengeResponse NtChallengeResponse (empty for anonymous, 24 bytes for NTLMv1)
 * @param domain DomainName
 * @param user UserName
 * @param workstation Workstation
 * @param encryptedRandomSessionKey EncryptedRandomSessionKey (may be empty)
 * @param flags NegotiateFlags
 * @param version the Version, or null
 * @param mic the 16-byte MIC, or null when the message has no MIC field
 */
public record AuthenticateMessage(
    byte[] lmChallengeResponse,
    byte[] ntChallengeResponse,
    String domain,
    String user,
    String workstation,
    byte[] encryptedRandomSessionKey,
    int flags,
    NtlmVersion version,
    byte[] mic) {
  static final int TYPE = 3;
  private static final int FIXED = 64;

  /** The offset of the MIC field when it is present. */
  public static final int MIC_OFFSET = 72;

  private static final int LM = 12;
  private static final int NT = 20;
  private static final int DOMAIN = 28;
  private static final int USER = 36;
  private static final int WORKSTATION = 44;
  private static final int KEY = 52;

  /** Copies the arrays and checks the MIC length. */
  public AuthenticateMessage {
    if (mic != null && mic.length != 16) {
      throw new IllegalArgumentException("MIC is 16 bytes");
    }
    lmChallengeResponse = lmChallengeResponse.clone();
    ntChallengeResponse = ntChallengeResponse.clone();
    encryptedRandomSessionKey = encryptedRandomSessionKey.clone();
    mic = mic == null ? null : mic.clone();
  }

  @Override
  public byte[] lmChallengeResponse() {
    return lmChallengeResponse.clone();
  }

  @Override
  public byte[] ntChallengeResponse() {
    return ntChallengeResponse.clone();
  }

  @Override
  public byte[] encryptedRandomSessionKey() {
    return encryptedRandomSessionKey.clone();
  }

  @Override
  public byte[] mic() {
    return mic == null ? null : mic.clone();
  }

  /** Decodes and checks an AUTHENTICATE_MESSAGE. */
  public static AuthenticateMessage decode(byte[] b) {
    NtlmReader r = new NtlmReader(b);
    r.header(TYPE, FIXED, "AUTHENTICATE_MESSAGE");
    int flags = r.u32(60);
    int start = r.payloadStart(LM, NT, DOMAIN, USER, WORKSTATION, KEY);
    int headerEnd = FIXED;
    NtlmVersion version = null;
    byte[] mic = null;
    if (start >= MIC_OFFSET) {
      headerEnd = MIC_OFFSET;
      if (NegotiateFlags.isSet(flags, NegotiateFlags.VERSION)) {
        version = NtlmVersion.read(r, FIXED);
      }
    }
    if (start >= MIC_OFFSET + 16) {
      headerEnd = MIC_OFFSET + 16;
      mic = r.bytes(MIC_OFFSET, 16, "MIC");
    }
    boolean unicode = NegotiateFlags.isSet(flags, NegotiateFlags.UNICODE);
    return new AuthenticateMessage(
        r.payload(LM, headerEnd, "LmChallengeResponse"),
        r.payload(NT, headerEnd, "NtChallengeResponse"),
        NtlmReader.string(r.payload(DOMAIN, headerEnd, "DomainName"), unicode, "DomainName"),
        NtlmReader.string(r.payload(USER, headerEnd, "UserName"), unicode, "UserName"),
        NtlmReader.string(r.payload(WORKSTATION, headerEnd, "Workstation"), unicode, "Workstation"),
        r.payload(KEY, headerEnd, "EncryptedRandomSessionKey"),
        flags,
        version,
        mic);
  }

  /**
   * Encodes this message. The payload order is DomainName, UserName, Workstation,
   * LmChallengeResponse, NtChallengeResponse, EncryptedRandomSessionKey (as in [MS-NLMP] 4.2.4.3).
   */
  public byte[] encode() {
    int headerLength = mic != null ? MIC_OFFSET + 16 : version != null ? MIC_OFFSET : FIXED;
    NtlmWriter w = new NtlmWriter(TYPE, headerLength);
    boolean unicode = NegotiateFlags.isSet(flags, NegotiateFlags.UNICODE);
    w.u32(60, flags);
    w.payload(DOMAIN, NtlmReader.encode(domain, unicode));
    w.payload(USER, NtlmReader.encode(user, unicode));
    w.payload(WORKSTATION, NtlmReader.encode(workstation, unicode));
    w.payload(LM, lmChallengeResponse);
    w.payload(NT, ntChallengeResponse);
    w.payload(KEY, encryptedRandomSessionKey);
    if (version != null) {
      version.write(w.header(), FIXED);
    }
    if (mic != null) {
      w.bytes(MIC_OFFSET, mic);
    }
    return w.toByteArray();
  }
}
