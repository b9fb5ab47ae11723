package io.cephsmb.gateway.crypto;

/** [MS-SMB2] 2.2.3.1.2 SMB2_ENCRYPTION_CAPABILITIES cipher identifiers. */
public enum Smb2Cipher {
  /** AES-128 in CCM mode [RFC4309], 11-byte nonce; the only cipher of SMB 3.0 and 3.0.2. */
  AES_128_CCM(0x0001, 16, 11, false),
  /** AES-128 in GCM mode [RFC4106], 12-byte nonce. */
  AES_128_GCM(0x0002, 16, 12, true),
  /** AES-256 in CCM mode, 11-byte nonce. */
  AES_256_CCM(0x0003, 32, 11, false),
  /** AES-256 in GCM mode, 12-byte nonce. */
  AES_256_GCM(0x0004, 32, 12, true);

  private final int id;
  private final int keyLength;
  private final int nonceLength;
  private final boolean gcm;

  Smb2Cipher(int id, int keyLength, int nonceLength, boolean gcm) {
    this.id = id;
    this.keyLength = keyLength;
    this.nonceLength = nonceLength;
    this.gcm = gcm;
  }

  /** The CipherId on the wire. */
  public int id() {
    return id;
  }

  /** The key length in bytes (16 or 32). */
  public int keyLength() {
    return keyLength;
  }

  /** The significant length of the 16-byte Nonce field (11 for CCM, 12 for GCM). */
  public int nonceLength() {
    return nonceLength;
  }

  /** Whether this is a GCM cipher (otherwise CCM). */
  public boolean isGcm() {
    return gcm;
  }

  /** The cipher for a CipherId. */
  public static Smb2Cipher fromId(int id) {
    for (Smb2Cipher c : values()) {
      if (c.id == id) {
        return c;
      }
    }
    throw new IllegalArgumentException(String.format("unknown cipher 0x%04x", id));
  }
}
