package io.cephsmb.gateway.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cephsmb.gateway.testing.TestVectors;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * [MS-SMB2] 3.1.4.3 encryption and 3.3.5.2.1.1 decryption against Microsoft's "SMB 3.1.1 Encryption
 * in Windows 10" blog, appendix A.1 (AES-128-GCM) and A.2 (AES-128-CCM): the server decrypts the
 * client's WRITE and READ requests and produces byte for byte the blog's encrypted responses.
 */
class Smb2EncryptionTest {
  private static final TestVectors V =
      TestVectors.load(Smb2EncryptionTest.class, "smb311-encryption-blog.txt");

  @Test
  void blogVectorsGcm() {
    blog("gcm.", Smb2Cipher.AES_128_GCM);
  }

  @Test
  void blogVectorsCcm() {
    blog("ccm.", Smb2Cipher.AES_128_CCM);
  }

  private static void blog(String p, Smb2Cipher cipher) {
    long sessionId = LittleEndian.getLong(V.get(p + "sessionId"), 0);
    byte[] serverDecrypt = V.get(p + "clientEncryptionKey");
    byte[] serverEncrypt = V.get(p + "clientDecryptionKey");
    for (String req : new String[] {"writeRequest.", "readRequest."}) {
      byte[] transformed = V.get(p + req + "transformed");
      assertArrayEquals(
          V.get(p + req + "plain"),
          Smb2Encryption.decrypt(cipher, serverDecrypt, transformed, 0, transformed.length));
      Smb2TransformHeader h = Smb2TransformHeader.decode(transformed, 0, transformed.length);
      assertEquals(sessionId, h.sessionId());
      byte[] plain = V.get(p + req + "plain");
      assertArrayEquals(
          transformed,
          Smb2Encryption.encrypt(
              cipher, serverDecrypt, sessionId, V.get(p + req + "nonce"), plain, 0, plain.length));
    }
    for (String resp : new String[] {"writeResponse.", "readResponse."}) {
      byte[] plain = V.get(p + resp + "plain");
      assertArrayEquals(
          V.get(p + resp + "transformed"),
          Smb2Encryption.encrypt(
              cipher, serverEncrypt, sessionId, V.get(p + resp + "nonce"), plain, 0, plain.length),
          p + resp);
    }
  }

  /** AES-256-GCM against the JDK's independent GCM with the same nonce and AAD. */
  @Test
  void aes256GcmMatchesTheJdk() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    byte[] nonce = TestVectors.hex("000102030405060708090a0b");
    byte[] plain = V.get("gcm.readResponse.plain");
    byte[] out =
        Smb2Encryption.encrypt(Smb2Cipher.AES_256_GCM, key, 42, nonce, plain, 0, plain.length);
    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
    jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    jdk.updateAAD(out, 20, 32);
    byte[] expected = jdk.doFinal(plain);
    assertArrayEquals(
        Arrays.copyOf(expected, plain.length), Arrays.copyOfRange(out, 52, out.length));
    assertArrayEquals(
        Arrays.copyOfRange(expected, plain.length, expected.length),
        Arrays.copyOfRange(out, 4, 20));
  }

  @Test
  void everyCipherRoundTripsAndDetectsAFlippedBit() {
    SecureRandom random = new SecureRandom();
    byte[] plain = V.get("ccm.readResponse.plain");
    for (Smb2Cipher cipher : Smb2Cipher.values()) {
      byte[] key = new byte[cipher.keyLength()];
      random.nextBytes(key);
      Smb2NonceGenerator nonces = new Smb2NonceGenerator(cipher, random);
      byte[] out = Smb2Encryption.encrypt(cipher, key, 7, nonces.next(), plain, 0, plain.length);
      assertEquals(52 + plain.length, out.length);
      assertArrayEquals(plain, Smb2Encryption.decrypt(cipher, key, out, 0, out.length));
      for (int i = 4; i < out.length; i++) {
        byte[] bad = out.clone();
        bad[i] ^= 0x40;
        int at = i;
        assertThrows(
            Smb2CryptoException.class,
            () -> Smb2Encryption.decrypt(cipher, key, bad, 0, bad.length),
            cipher + " byte " + at);
      }
    }
  }

  @Test
  void malformedTransformHeadersAreRejected() {
    byte[] t = V.get("gcm.writeRequest.transformed");
    byte[] key = V.get("gcm.clientEncryptionKey");
    assertThrows(
        Smb2CryptoException.class,
        () -> Smb2Encryption.decrypt(Smb2Cipher.AES_128_GCM, key, t, 0, 51));
    byte[] wrongId = t.clone();
    wrongId[0] = (byte) 0xFE;
    assertThrows(
        Smb2CryptoException.class,
        () -> Smb2Encryption.decrypt(Smb2Cipher.AES_128_GCM, key, wrongId, 0, wrongId.length));
    byte[] lyingSize = t.clone();
    LittleEndian.putInt(lyingSize, 36, 0x7fffffff);
    assertThrows(
        Smb2CryptoException.class,
        () -> Smb2Encryption.decrypt(Smb2Cipher.AES_128_GCM, key, lyingSize, 0, lyingSize.length));
    assertThrows(
        Smb2CryptoException.class,
        () -> Smb2Encryption.decrypt(Smb2Cipher.AES_128_GCM, key, t, 10, t.length));
  }

  @Test
  void nonceGeneratorNeverRepeats() {
    Smb2NonceGenerator g = new Smb2NonceGenerator(Smb2Cipher.AES_128_CCM, new SecureRandom());
    byte[] a = g.next();
    byte[] b = g.next();
    assertEquals(11, a.length);
    assertEquals(false, Arrays.equals(a, b));
    assertArrayEquals(Arrays.copyOfRange(a, 8, 11), Arrays.copyOfRange(b, 8, 11));
  }
}
