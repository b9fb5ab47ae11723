package io.cephsmb.gateway.crypto;

import java.util.Optional;

/**
 * [MS-SMB2] 3.3.1.8 the keys of one session as the <em>server</em> uses them. The names follow the
 * server's point of view: {@link #encryptionKey()} encrypts what the server sends (the client
 * decrypts with it) and {@link #decryptionKey()} decrypts what the client sends. For dialects 2.0.2
 * and 2.1 only the signing key exists (it is the session key).
 */
public final class Smb2SessionKeys {
  private final byte[] sessionKey;
  private final byte[] signingKey;
  private final byte[] encryptionKey;
  private final byte[] decryptionKey;
  private final byte[] applicationKey;

  Smb2SessionKeys(
      byte[] sessionKey,
      byte[] signingKey,
      byte[] encryptionKey,
      byte[] decryptionKey,
      byte[] applicationKey) {
    this.sessionKey = sessionKey.clone();
    this.signingKey = signingKey.clone();
    this.encryptionKey = encryptionKey == null ? null : encryptionKey.clone();
    this.decryptionKey = decryptionKey == null ? null : decryptionKey.clone();
    this.applicationKey = applicationKey == null ? null : applicationKey.clone();
  }

  /** Session.SessionKey: the first 16 bytes of the authentication key, right-padded with zeros. */
  public byte[] sessionKey() {
    return sessionKey.clone();
  }

  /** Session.SigningKey. */
  public byte[] signingKey() {
    return signingKey.clone();
  }

  /** Session.EncryptionKey: server to client ("ServerOut" / "SMBS2CCipherKey"); SMB 3.x only. */
  public Optional<byte[]> encryptionKey() {
    return Optional.ofNullable(encryptionKey).map(byte[]::clone);
  }

  /** Session.DecryptionKey: client to server ("ServerIn " / "SMBC2SCipherKey"); SMB 3.x only. */
  public Optional<byte[]> decryptionKey() {
    return Optional.ofNullable(decryptionKey).map(byte[]::clone);
  }

  /** Session.ApplicationKey ("SMB2APP" / "SMBAppKey"); SMB 3.x only. */
  public Optional<byte[]> applicationKey() {
    return Optional.ofNullable(applicationKey).map(byte[]::clone);
  }
}
