package io.cephsmb.dcerpc.auth;

/** [MS-RPCE] 2.2.1.1.8 authentication levels; this server accepts CONNECT, INTEGRITY, PRIVACY. */
public enum AuthLevel {
  /** No authentication (never carried in a verifier). */
  NONE(1),
  /** Authenticated at bind, PDUs not protected. */
  CONNECT(2),
  /** Per call (not accepted). */
  CALL(3),
  /** Per packet (not accepted). */
  PKT(4),
  /** Every PDU signed. */
  PKT_INTEGRITY(5),
  /** Every PDU signed and its stub sealed. */
  PKT_PRIVACY(6);

  private final int code;

  AuthLevel(int code) {
    this.code = code;
  }

  /** The auth_level octet. */
  public int code() {
    return code;
  }

  /** True if PDUs at this level carry a signature. */
  public boolean protectsPdus() {
    return this == PKT_INTEGRITY || this == PKT_PRIVACY;
  }

  /** The level for an auth_level octet, or null. */
  public static AuthLevel fromCode(int code) {
    for (AuthLevel l : values()) {
      if (l.code == code) {
        return l;
      }
    }
    return null;
  }
}
