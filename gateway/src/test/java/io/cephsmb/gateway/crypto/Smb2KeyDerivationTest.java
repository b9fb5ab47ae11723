package io.cephsmb.gateway.crypto;

import static io.cephsmb.gateway.testing.TestVectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cephsmb.gateway.testing.TestVectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * [MS-SMB2] 3.1.4.2 key derivation against Microsoft's published examples: the "anatomy of signing
 * and cryptographic keys" blog appendix (SMB 3.0 and 3.1.1) and the "SMB 3.1.1 Encryption in
 * Windows 10" blog appendix A.1 (AES-128-GCM session) and A.2 (AES-128-CCM session). The blogs name
 * keys from the client's side, so the client's EncryptionKey is the server's DecryptionKey.
 */
class Smb2KeyDerivationTest {
  private static final TestVectors ANATOMY =
      TestVectors.load(Smb2KeyDerivationTest.class, "smb311-anatomy-blog.txt");
  private static final TestVectors ENCRYPTION =
      TestVectors.load(Smb2KeyDerivationTest.class, "smb311-encryption-blog.txt");

  @Test
  void kdfAloneGivesTheSmb30SigningKey() {
    byte[] label = "SMB2AESCMAC\0".getBytes(StandardCharsets.US_ASCII);
    byte[] context = "SmbSign\0".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(
        ANATOMY.get("smb30.signingKey"),
        Sp800108Kdf.derive(ANATOMY.get("smb30.sessionKey"), label, context, 128));
  }

  @Test
  void smb30KeysFromTheAnatomyBlog() {
    Smb2SessionKeys keys =
        Smb2KeyDerivation.derive(Smb2Dialect.SMB_3_0, null, ANATOMY.get("smb30.sessionKey"), null);
    assertArrayEquals(ANATOMY.get("smb30.signingKey"), keys.signingKey());
    assertArrayEquals(ANATOMY.get("smb30.clientEncryptionKey"), keys.decryptionKey().orElseThrow());
    assertArrayEquals(ANATOMY.get("smb30.clientDecryptionKey"), keys.encryptionKey().orElseThrow());
    assertArrayEquals(ANATOMY.get("smb30.applicationKey"), keys.applicationKey().orElseThrow());
  }

  @Test
  void smb311KeysFromTheAnatomyBlog() {
    Smb2SessionKeys keys =
        Smb2KeyDerivation.derive(
            Smb2Dialect.SMB_3_1_1,
            Smb2Cipher.AES_128_GCM,
            ANATOMY.get("smb311.sessionKey"),
            ANATOMY.get("hashAfterSessionSetupRequest2"));
    assertArrayEquals(ANATOMY.get("smb311.signingKey"), keys.signingKey());
    assertArrayEquals(
        ANATOMY.get("smb311.clientEncryptionKey"), keys.decryptionKey().orElseThrow());
    assertArrayEquals(
        ANATOMY.get("smb311.clientDecryptionKey"), keys.encryptionKey().orElseThrow());
    assertArrayEquals(ANATOMY.get("smb311.applicationKey"), keys.applicationKey().orElseThrow());
  }

  @Test
  void smb311KeysFromTheEncryptionBlog() {
    for (String p : new String[] {"gcm.", "ccm."}) {
      Smb2SessionKeys keys =
          Smb2KeyDerivation.derive(
              Smb2Dialect.SMB_3_1_1,
              p.equals("gcm.") ? Smb2Cipher.AES_128_GCM : Smb2Cipher.AES_128_CCM,
              ENCRYPTION.get(p + "sessionKey"),
              ENCRYPTION.get(p + "preauthHash"));
      assertArrayEquals(ENCRYPTION.get(p + "signingKey"), keys.signingKey(), p);
      assertArrayEquals(
          ENCRYPTION.get(p + "clientEncryptionKey"), keys.decryptionKey().orElseThrow(), p);
      assertArrayEquals(
          ENCRYPTION.get(p + "clientDecryptionKey"), keys.encryptionKey().orElseThrow(), p);
      assertArrayEquals(
          ENCRYPTION.get(p + "applicationKey"), keys.applicationKey().orElseThrow(), p);
    }
  }

  @Test
  void smb2xSignsWithTheSessionKeyPaddedTo16Bytes() {
    Smb2SessionKeys keys =
        Smb2KeyDerivation.derive(Smb2Dialect.SMB_2_1, null, hex("0102030405"), null);
    assertArrayEquals(hex("01020304050000000000000000000000"), keys.signingKey());
    assertFalse(keys.encryptionKey().isPresent());
  }

  @Test
  void aes256CiphersDerive256BitKeysFromTheFullSessionKey() {
    byte[] full = new byte[32];
    Arrays.fill(full, (byte) 0x5a);
    full[20] = 1;
    byte[] hash = ANATOMY.get("hashAfterSessionSetupRequest2");
    Smb2SessionKeys k256 =
        Smb2KeyDerivation.derive(Smb2Dialect.SMB_3_1_1, Smb2Cipher.AES_256_GCM, full, hash);
    Smb2SessionKeys k128 =
        Smb2KeyDerivation.derive(Smb2Dialect.SMB_3_1_1, Smb2Cipher.AES_128_GCM, full, hash);
    assertEquals(32, k256.encryptionKey().orElseThrow().length);
    assertEquals(32, k256.decryptionKey().orElseThrow().length);
    assertArrayEquals(k128.signingKey(), k256.signingKey());
    byte[] expected =
        Sp800108Kdf.derive(
            full, "SMBS2CCipherKey\0".getBytes(StandardCharsets.US_ASCII), hash, 256);
    assertArrayEquals(expected, k256.encryptionKey().orElseThrow());
    assertFalse(
        Arrays.equals(
            Arrays.copyOf(k256.encryptionKey().orElseThrow(), 16),
            k128.encryptionKey().orElseThrow()));
  }

  @Test
  void smb311RequiresThePreauthHash() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Smb2KeyDerivation.derive(Smb2Dialect.SMB_3_1_1, null, new byte[16], new byte[3]));
    assertThrows(
        IllegalArgumentException.class,
        () -> Sp800108Kdf.derive(new byte[16], new byte[1], new byte[1], 12));
  }
}
