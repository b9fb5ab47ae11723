package io.cephsmb.gateway.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * [MS-SMB2] 3.1.4.2 Generating Cryptographic Keys, with the labels and contexts of 3.3.5.5.3
 * (server side of SESSION_SETUP):
 *
 * <ul>
 *   <li>3.0 / 3.0.2: SigningKey = KDF(SessionKey, "SMB2AESCMAC\0", "SmbSign\0"); the server's
 *       EncryptionKey = KDF(SessionKey, "SMB2AESCCM\0", "ServerOut\0"), its DecryptionKey =
 *       KDF(SessionKey, "SMB2AESCCM\0", "ServerIn \0"); ApplicationKey = KDF(SessionKey,
 *       "SMB2APP\0", "SmbRpc\0").
 *   <li>3.1.1: the context is Session.PreauthIntegrityHashValue and the labels "SMBSigningKey\0",
 *       "SMBS2CCipherKey\0" (server encryption), "SMBC2SCipherKey\0" (server decryption),
 *       "SMBAppKey\0". With AES-256 ciphers the cipher keys are 256 bits long and derived from
 *       Session.FullSessionKey, the whole key the authentication produced.
 * </ul>
 */
public final class Smb2KeyDerivation {
  private Smb2KeyDerivation() {}

  /**
   * Derives the server's keys of one session.
   *
   * @param dialect the connection's dialect
   * @param cipher Connection.CipherId for 3.1.1; ignored (AES-128-CCM) for 3.0 and 3.0.2, and may
   *     be null for 2.x, or for 3.1.1 when no cipher was negotiated (128-bit keys are derived)
   * @param fullSessionKey the key the authentication (GSS) context produced, any length
   * @param preauthHash Session.PreauthIntegrityHashValue for 3.1.1 (64 bytes), otherwise ignored
   */
  public static Smb2SessionKeys derive(
      Smb2Dialect dialect, Smb2Cipher cipher, byte[] fullSessionKey, byte[] preauthHash) {
    byte[] sessionKey = Arrays.copyOf(fullSessionKey, 16);
    switch (dialect) {
      case SMB_2_0_2:
      case SMB_2_1:
        return new Smb2SessionKeys(sessionKey, sessionKey, null, null, null);
      case SMB_3_0:
      case SMB_3_0_2:
        return new Smb2SessionKeys(
            sessionKey,
            kdf(sessionKey, "SMB2AESCMAC", "SmbSign", 128),
            kdf(sessionKey, "SMB2AESCCM", "ServerOut", 128),
            kdf(sessionKey, "SMB2AESCCM", "ServerIn ", 128),
            kdf(sessionKey, "SMB2APP", "SmbRpc", 128));
      case SMB_3_1_1:
        if (preauthHash == null || preauthHash.length != PreauthIntegrity.HASH_LENGTH) {
          throw new IllegalArgumentException("3.1.1 needs the 64-byte preauth integrity hash");
        }
        boolean aes256 = cipher != null && cipher.keyLength() == 32;
        byte[] cipherKi = aes256 ? fullSessionKey : sessionKey;
        int cipherBits = aes256 ? 256 : 128;
        return new Smb2SessionKeys(
            sessionKey,
            Sp800108Kdf.derive(sessionKey, label("SMBSigningKey"), preauthHash, 128),
            Sp800108Kdf.derive(cipherKi, label("SMBS2CCipherKey"), preauthHash, cipherBits),
            Sp800108Kdf.derive(cipherKi, label("SMBC2SCipherKey"), preauthHash, cipherBits),
            Sp800108Kdf.derive(sessionKey, label("SMBAppKey"), preauthHash, 128));
    }
    throw new AssertionError(dialect);
  }

  private static byte[] kdf(byte[] ki, String label, String context, int bits) {
    return Sp800108Kdf.derive(ki, label(label), label(context), bits);
  }

  /** The ASCII string with its terminating NUL, as MS-SMB2 counts label and context sizes. */
  private static byte[] label(String s) {
    byte[] ascii = s.getBytes(StandardCharsets.US_ASCII);
    return Arrays.copyOf(ascii, ascii.length + 1);
  }
}
