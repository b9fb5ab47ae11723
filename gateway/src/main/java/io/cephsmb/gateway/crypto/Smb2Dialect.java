package io.cephsmb.gateway.crypto;

/** [MS-SMB2] 2.2.3 the dialect revision numbers, as far as cryptography cares about them. */
public enum Smb2Dialect {
  /** SMB 2.0.2: HMAC-SHA256 signing with the session key. */
  SMB_2_0_2(0x0202),
  /** SMB 2.1: HMAC-SHA256 signing with the session key. */
  SMB_2_1(0x0210),
  /** SMB 3.0: AES-CMAC signing, AES-128-CCM encryption, fixed KDF contexts. */
  SMB_3_0(0x0300),
  /** SMB 3.0.2: as SMB 3.0. */
  SMB_3_0_2(0x0302),
  /** SMB 3.1.1: negotiated ciphers and signing, the preauth integrity hash as KDF context. */
  SMB_3_1_1(0x0311);

  private final int revision;

  Smb2Dialect(int revision) {
    this.revision = revision;
  }

  /** The DialectRevision value on the wire. */
  public int revision() {
    return revision;
  }

  /** Whether this dialect belongs to the SMB 3.x family. */
  public boolean isSmb3() {
    return revision >= 0x0300;
  }

  /** The dialect for a DialectRevision value. */
  public static Smb2Dialect fromRevision(int revision) {
    for (Smb2Dialect d : values()) {
      if (d.revision == revision) {
        return d;
      }
    }
    throw new IllegalArgumentException(String.format("unknown dialect 0x%04x", revision));
  }
}
