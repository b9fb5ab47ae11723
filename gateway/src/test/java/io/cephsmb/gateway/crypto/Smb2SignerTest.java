package io.cephsmb.gateway.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.testing.TestVectors;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** [MS-SMB2] 3.1.4.1 / 3.1.5.1 signing and verification. */
class Smb2SignerTest {
  private static final TestVectors ANATOMY =
      TestVectors.load(Smb2SignerTest.class, "smb311-anatomy-blog.txt");
  private static final TestVectors ENCRYPTION =
      TestVectors.load(Smb2SignerTest.class, "smb311-encryption-blog.txt");

  /**
   * The final SESSION_SETUP responses of both blogs carry an AES-128-CMAC signature made with the
   * session's SigningKey (3.1.1 without SMB2_SIGNING_CAPABILITIES).
   */
  @Test
  void cmacSignaturesOfTheBlogsFinalSessionSetupResponses() {
    check(ANATOMY.get("smb311.signingKey"), ANATOMY.get("sessionSetupResponse2"));
    check(ENCRYPTION.get("ccm.signingKey"), ENCRYPTION.get("ccm.finalSessionSetupResponse"));
  }

  private static void check(byte[] key, byte[] message) {
    Smb2Signer signer = new Smb2Signer(Smb2SigningAlgorithm.AES_CMAC, key);
    assertTrue(signer.verify(message, 0, message.length));
    byte[] copy = message.clone();
    Arrays.fill(copy, 48, 64, (byte) 0);
    signer.sign(copy, 0, copy.length);
    assertArrayEquals(message, copy);
  }

  @Test
  void hmacSha256IsTheFirst16BytesOfTheHmacWithTheSignatureZeroed() throws Exception {
    byte[] key = TestVectors.hex("000102030405060708090a0b0c0d0e0f");
    byte[] msg = sampleRequest(0x0005, 0);
    Smb2Signer signer = new Smb2Signer(Smb2SigningAlgorithm.HMAC_SHA256, key);
    signer.sign(msg, 0, msg.length);
    byte[] zeroed = msg.clone();
    Arrays.fill(zeroed, 48, 64, (byte) 0);
    Mac jdk = Mac.getInstance("HmacSHA256");
    jdk.init(new SecretKeySpec(key, "HmacSHA256"));
    assertArrayEquals(Arrays.copyOf(jdk.doFinal(zeroed), 16), Arrays.copyOfRange(msg, 48, 64));
    assertEquals(0x08, msg[16] & 0x08, "SMB2_FLAGS_SIGNED set");
    assertTrue(signer.verify(msg, 0, msg.length));
  }

  /** AES-GMAC is GCM with the whole message as associated data and nothing encrypted. */
  @Test
  void gmacMatchesGcmWithTheMessageAsAadAndTheSpecNonce() throws Exception {
    byte[] key = TestVectors.hex("8765949DFEAEE105CE9118B45BE988F0");
    byte[] msg = sampleRequest(0x0008, 0x1122334455667788L);
    Smb2Signer signer = new Smb2Signer(Smb2SigningAlgorithm.AES_GMAC, key);
    signer.sign(msg, 0, msg.length);
    byte[] zeroed = msg.clone();
    Arrays.fill(zeroed, 48, 64, (byte) 0);
    byte[] nonce = TestVectors.hex("8877665544332211 00000000");
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    gcm.updateAAD(zeroed);
    assertArrayEquals(gcm.doFinal(), Arrays.copyOfRange(msg, 48, 64));
    assertTrue(signer.verify(msg, 0, msg.length));
  }

  @Test
  void gmacNonceCarriesRoleAndCancelBits() {
    byte[] request = sampleRequest(0x000C, 7);
    assertArrayEquals(
        TestVectors.hex("0700000000000000 02000000"), Smb2Signer.gmacNonce(request, 0));
    byte[] response = sampleRequest(0x0005, 7);
    response[16] |= 0x01;
    assertArrayEquals(
        TestVectors.hex("0700000000000000 01000000"), Smb2Signer.gmacNonce(response, 0));
  }

  @Test
  void aFlippedBitAnywhereFailsVerification() {
    byte[] key = ANATOMY.get("smb311.signingKey");
    byte[] message = ANATOMY.get("sessionSetupResponse2");
    for (Smb2SigningAlgorithm alg : Smb2SigningAlgorithm.values()) {
      Smb2Signer signer = new Smb2Signer(alg, key);
      byte[] signed = message.clone();
      signer.sign(signed, 0, signed.length);
      for (int i = 0; i < signed.length; i += 7) {
        byte[] bad = signed.clone();
        bad[i] ^= 0x01;
        assertFalse(signer.verify(bad, 0, bad.length), alg + " byte " + i);
      }
    }
  }

  @Test
  void signsInsideALargerBufferAndRejectsShortMessages() {
    byte[] key = ANATOMY.get("smb311.signingKey");
    byte[] message = ANATOMY.get("sessionSetupResponse2");
    byte[] framed = new byte[message.length + 10];
    System.arraycopy(message, 0, framed, 4, message.length);
    Smb2Signer signer = new Smb2Signer(Smb2SigningAlgorithm.AES_CMAC, key);
    assertTrue(signer.verify(framed, 4, message.length));
    assertThrows(Smb2CryptoException.class, () -> signer.verify(new byte[63], 0, 63));
    assertThrows(Smb2CryptoException.class, () -> signer.verify(framed, 20, message.length));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Smb2Signer(Smb2SigningAlgorithm.AES_CMAC, new byte[8]));
  }

  private static byte[] sampleRequest(int command, long messageId) {
    byte[] m = new byte[64 + 24];
    LittleEndian.putInt(m, 0, 0x424D53FE);
    LittleEndian.putShort(m, 4, 64);
    LittleEndian.putShort(m, 12, command);
    LittleEndian.putLong(m, 24, messageId);
    LittleEndian.putLong(m, 40, 0x100000000025L);
    for (int i = 64; i < m.length; i++) {
      m[i] = (byte) i;
    }
    return m;
  }
}
