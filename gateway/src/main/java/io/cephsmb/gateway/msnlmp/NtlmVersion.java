package io.cephsmb.gateway.msnlmp;

/**
 * [MS-NLMP] 2.2.2.10 VERSION: 8 bytes, for debugging only.
 *
 * @param major ProductMajorVersion
 * @param minor ProductMinorVersion
 * @param build ProductBuild
 * @param revision NTLMRevisionCurrent (0x0F)
 */
public record NtlmVersion(int major, int minor, int build, int revision) {
  /** The length on the wire. */
  public static final int LENGTH = 8;

  /** NTLMSSP_REVISION_W2K3. */
  public static final int REVISION_W2K3 = 0x0F;

  static NtlmVersion read(NtlmReader r, int offset) {
    r.require(offset, LENGTH, "Version");
    return new NtlmVersion(r.u8(offset), r.u8(offset + 1), r.u16(offset + 2), r.u8(offset + 7));
  }

  void write(byte[] out, int offset) {
    out[offset] = (byte) major;
    out[offset + 1] = (byte) minor;
    out[offset + 2] = (byte) build;
    out[offset + 3] = (byte) (build >>> 8);
    out[offset + 7] = (byte) revision;
  }
}
