package io.cephsmb.gateway.crypto;

/** [MS-SMB2] 2.2.3.1.7 SMB2_SIGNING_CAPABILITIES signing algorithm identifiers. */
public enum Smb2SigningAlgorithm {
  /** HMAC-SHA256 truncated to 16 bytes: dialects 2.0.2 and 2.1. */
  HMAC_SHA256(0x0000),
  /** AES-128-CMAC [RFC4493]: SMB 3.x, and 3.1.1 when no signing algorithm was negotiated. */
  AES_CMAC(0x0001),
  /** AES-128-GMAC [RFC4543]: SMB 3.1.1 with SMB2_SIGNING_CAPABILITIES. */
  AES_GMAC(0x0002);

  private final int id;

  Smb2SigningAlgorithm(int id) {
    this.id = id;
  }

  /** The SigningAlgorithmId on the wire. */
  public int id() {
    return id;
  }

  /** The algorithm for a SigningAlgorithmId. */
  public static Smb2SigningAlgorithm fromId(int id) {
    for (Smb2SigningAlgorithm a : values()) {
      if (a.id == id) {
        return a;
      }
    }
    throw new IllegalArgumentException(String.format("unknown signing algorithm 0x%04x", id));
  }

  /** The algorithm a dialect uses when SMB2_SIGNING_CAPABILITIES was not negotiated. */
  public static Smb2SigningAlgorithm defaultFor(Smb2Dialect dialect) {
    return dialect.isSmb3() ? AES_CMAC : HMAC_SHA256;
  }
}
