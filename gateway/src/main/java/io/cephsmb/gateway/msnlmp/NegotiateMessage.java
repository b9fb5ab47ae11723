package io.cephsmb.gateway.msnlmp;

/**
 * [MS-NLMP] 2.2.1.1 NEGOTIATE_MESSAGE.
 *
 * @param flags NegotiateFlags
 * @param domain the OEM DomainName, empty when not supplied
 * @param workstation the OEM Workstation, empty when not supplied
 * @param version the Version, or null when NTLMSSP_NEGOTIATE_VERSION is not set
 */
public record NegotiateMessage(int flags, String domain, String workstation, NtlmVersion version) {
  static final int TYPE = 1;
  private static final int FIXED = 32;

  /** Decodes and checks a NEGOTIATE_MESSAGE. */
  public static NegotiateMessage decode(byte[] b) {
    NtlmReader r = new NtlmReader(b);
    r.header(TYPE, FIXED, "NEGOTIATE_MESSAGE");
    int flags = r.u32(12);
    boolean hasVersion = NegotiateFlags.isSet(flags, NegotiateFlags.VERSION);
    int headerEnd = FIXED + (hasVersion ? NtlmVersion.LENGTH : 0);
    NtlmVersion version = hasVersion ? NtlmVersion.read(r, FIXED) : null;
    String domain = NtlmReader.string(r.payload(16, headerEnd, "DomainName"), false, "DomainName");
    String ws = NtlmReader.string(r.payload(24, headerEnd, "Workstation"), false, "Workstation");
    return new NegotiateMessage(flags, domain, ws, version);
  }

  /** Encodes this message (payload: DomainName, Workstation). */
  public byte[] encode() {
    NtlmWriter w = new NtlmWriter(TYPE, FIXED + (version != null ? NtlmVersion.LENGTH : 0));
    w.u32(12, flags);
    w.payload(16, NtlmReader.encode(domain, false));
    w.payload(24, NtlmReader.encode(workstation, false));
    if (version != null) {
      version.write(w.header(), FIXED);
    }
    return w.toByteArray();
  }
}
