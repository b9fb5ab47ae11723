package io.cephsmb.gateway.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADBlockCipher;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * [MS-SMB2] 3.1.4.3 Encrypting the Message and 3.3.5.2.1.1 Decrypting the Message: AES-CCM or
 * AES-GCM over the SMB2 message, the TRANSFORM_HEADER from Nonce to its end (32 bytes) as the
 * associated data, and the 16-byte tag in its Signature field.
 *
 * <p>The tag check on decryption is Bouncy Castle's, which compares in constant time.
 */
public final class Smb2Encryption {
  private static final int TAG_BITS = 128;

  private Smb2Encryption() {}

  /**
   * Encrypts {@code message[offset, offset + length)} and returns TRANSFORM_HEADER || ciphertext.
   *
   * @param cipher the connection's cipher (AES-128-CCM for 3.0 and 3.0.2)
   * @param key Session.EncryptionKey (the server's, "ServerOut" / "SMBS2CCipherKey")
   * @param sessionId the SessionId for the header
   * @param nonce the nonce, exactly {@link Smb2Cipher#nonceLength()} bytes, never reused for a key
   */
  public static byte[] encrypt(
      Smb2Cipher cipher,
      byte[] key,
      long sessionId,
      byte[] nonce,
      byte[] message,
      int offset,
      int length) {
    if (nonce.length != cipher.nonceLength()) {
      throw new IllegalArgumentException(
          cipher + " needs a " + cipher.nonceLength() + "-byte nonce");
    }
    if (offset < 0 || length < 0 || offset > message.length - length) {
      throw new IllegalArgumentException("message range outside the buffer");
    }
    byte[] nonceField = new byte[16];
    System.arraycopy(nonce, 0, nonceField, 0, nonce.length);
    byte[] out = new byte[Smb2TransformHeader.LENGTH + length];
    new Smb2TransformHeader(
            new byte[16], nonceField, length, Smb2TransformHeader.FLAG_ENCRYPTED, sessionId)
        .encode(out, 0);
    AEADBlockCipher aead = aead(cipher, key, true, nonce, out);
    byte[] sealed = new byte[aead.getOutputSize(length)];
    int n = aead.processBytes(message, offset, length, sealed, 0);
    try {
      aead.doFinal(sealed, n);
    } catch (InvalidCipherTextException e) {
      throw new Smb2CryptoException("encryption failed", e);
    }
    System.arraycopy(sealed, 0, out, Smb2TransformHeader.LENGTH, length);
    System.arraycopy(sealed, length, out, 4, 16);
    return out;
  }

  /**
   * Checks and decrypts a transformed message {@code buf[offset, offset + length)} and returns the
   * SMB2 message inside.
   *
   * @param cipher the connection's cipher
   * @param key Session.DecryptionKey (the server's, "ServerIn " / "SMBC2SCipherKey")
   * @throws Smb2CryptoException when the header is malformed, OriginalMessageSize does not match
   *     the bytes that follow the header, or the tag does not verify
   */
  public static byte[] decrypt(Smb2Cipher cipher, byte[] key, byte[] buf, int offset, int length) {
    Smb2TransformHeader header = Smb2TransformHeader.decode(buf, offset, length);
    int bodyLength = length - Smb2TransformHeader.LENGTH;
    if (header.originalMessageSize() != bodyLength) {
      throw new Smb2CryptoException(
          "OriginalMessageSize "
              + Integer.toUnsignedString(header.originalMessageSize())
              + " does not match the "
              + bodyLength
              + " encrypted bytes");
    }
    if (header.flags() != Smb2TransformHeader.FLAG_ENCRYPTED) {
      throw new Smb2CryptoException("TRANSFORM_HEADER Flags is not 0x0001");
    }
    byte[] headerBytes = new byte[Smb2TransformHeader.LENGTH];
    System.arraycopy(buf, offset, headerBytes, 0, Smb2TransformHeader.LENGTH);
    byte[] nonce = new byte[cipher.nonceLength()];
    System.arraycopy(header.nonce(), 0, nonce, 0, nonce.length);
    AEADBlockCipher aead = aead(cipher, key, false, nonce, headerBytes);
    byte[] plain = new byte[bodyLength];
    int n = aead.processBytes(buf, offset + Smb2TransformHeader.LENGTH, bodyLength, plain, 0);
    n += aead.processBytes(header.signature(), 0, 16, plain, n);
    try {
      aead.doFinal(plain, n);
    } catch (InvalidCipherTextException e) {
      throw new Smb2CryptoException("encrypted message failed authentication", e);
    }
    return plain;
  }

  private static AEADBlockCipher aead(
      Smb2Cipher cipher, byte[] key, boolean encrypt, byte[] nonce, byte[] header) {
    if (key.length != cipher.keyLength()) {
      throw new IllegalArgumentException(cipher + " needs a " + cipher.keyLength() + "-byte key");
    }
    AEADBlockCipher aead =
        cipher.isGcm()
            ? GCMBlockCipher.newInstance(AESEngine.newInstance())
            : CCMBlockCipher.newInstance(AESEngine.newInstance());
    byte[] aad = new byte[Smb2TransformHeader.LENGTH - Smb2TransformHeader.AAD_OFFSET];
    System.arraycopy(header, Smb2TransformHeader.AAD_OFFSET, aad, 0, aad.length);
    aead.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, aad));
    return aead;
  }
}
