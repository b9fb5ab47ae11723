package io.cephsmb.gateway.crypto;

import java.security.MessageDigest;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.Mac;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.macs.GMac;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * [MS-SMB2] 3.1.4.1 Signing An Outgoing Message and 3.1.5.1 Verifying an Incoming Message: the
 * 16-byte signature in the SMB2 header (2.2.1) over the whole message with the signature field
 * zeroed, using HMAC-SHA256 (first 16 bytes), AES-128-CMAC or AES-128-GMAC. For GMAC the 12-byte
 * nonce is the MessageId followed by a 32-bit value whose bit 0 is set when the sender is the
 * server and bit 1 when the message is an SMB2 CANCEL request.
 *
 * <p>A signer holds only its key; it is immutable and may be shared between threads. The message
 * bytes are never modified except by {@link #sign}, which sets SMB2_FLAGS_SIGNED and writes the
 * signature.
 */
public final class Smb2Signer {
  /** The length of the SMB2 header. */
  public static final int HEADER_LENGTH = 64;

  static final int FLAGS_OFFSET = 16;
  static final int MESSAGE_ID_OFFSET = 24;
  static final int SIGNATURE_OFFSET = 48;
  static final int SIGNATURE_LENGTH = 16;
  static final int COMMAND_OFFSET = 12;
  static final int FLAGS_SERVER_TO_REDIR = 0x00000001;
  static final int FLAGS_SIGNED = 0x00000008;
  static final int COMMAND_CANCEL = 0x000C;
  private static final byte[] ZERO_SIGNATURE = new byte[SIGNATURE_LENGTH];

  private final Smb2SigningAlgorithm algorithm;
  private final byte[] key;

  /**
   * A signer for one key.
   *
   * @param algorithm the signing algorithm in force on the connection
   * @param key Session.SigningKey / Channel.SigningKey (3.x, 16 bytes) or Session.SessionKey (2.x)
   */
  public Smb2Signer(Smb2SigningAlgorithm algorithm, byte[] key) {
    if (algorithm != Smb2SigningAlgorithm.HMAC_SHA256 && key.length != 16) {
      throw new IllegalArgumentException(algorithm + " needs a 16-byte key");
    }
    this.algorithm = algorithm;
    this.key = key.clone();
  }

  /** The algorithm of this signer. */
  public Smb2SigningAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * The signature of {@code message[offset, offset + length)}, computed as if its signature field
   * were zero.
   */
  public byte[] computeSignature(byte[] message, int offset, int length) {
    checkBounds(message, offset, length);
    Mac mac = newMac(message, offset);
    mac.update(message, offset, SIGNATURE_OFFSET);
    mac.update(ZERO_SIGNATURE, 0, SIGNATURE_LENGTH);
    int rest = offset + SIGNATURE_OFFSET + SIGNATURE_LENGTH;
    mac.update(message, rest, length - SIGNATURE_OFFSET - SIGNATURE_LENGTH);
    byte[] full = new byte[mac.getMacSize()];
    mac.doFinal(full, 0);
    byte[] signature = new byte[SIGNATURE_LENGTH];
    System.arraycopy(full, 0, signature, 0, SIGNATURE_LENGTH);
    return signature;
  }

  /** Sets SMB2_FLAGS_SIGNED in the header and writes the signature into it. */
  public void sign(byte[] message, int offset, int length) {
    checkBounds(message, offset, length);
    int flags = LittleEndian.getInt(message, offset + FLAGS_OFFSET) | FLAGS_SIGNED;
    LittleEndian.putInt(message, offset + FLAGS_OFFSET, flags);
    byte[] signature = computeSignature(message, offset, length);
    System.arraycopy(signature, 0, message, offset + SIGNATURE_OFFSET, SIGNATURE_LENGTH);
  }

  /** Whether the signature in the header is right; compares in constant time. */
  public boolean verify(byte[] message, int offset, int length) {
    byte[] expected = computeSignature(message, offset, length);
    byte[] actual = new byte[SIGNATURE_LENGTH];
    System.arraycopy(message, offset + SIGNATURE_OFFSET, actual, 0, SIGNATURE_LENGTH);
    return MessageDigest.isEqual(expected, actual);
  }

  private Mac newMac(byte[] message, int offset) {
    switch (algorithm) {
      case HMAC_SHA256:
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(key));
        return hmac;
      case AES_CMAC:
        CMac cmac = new CMac(aes());
        cmac.init(new KeyParameter(key));
        return cmac;
      case AES_GMAC:
        GMac gmac = new GMac(GCMBlockCipher.newInstance(aes()));
        gmac.init(new ParametersWithIV(new KeyParameter(key), gmacNonce(message, offset)));
        return gmac;
    }
    throw new AssertionError(algorithm);
  }

  /** [MS-SMB2] 3.1.4.1 the AES-GMAC nonce of a message. */
  static byte[] gmacNonce(byte[] message, int offset) {
    byte[] nonce = new byte[12];
    System.arraycopy(message, offset + MESSAGE_ID_OFFSET, nonce, 0, 8);
    int flags = LittleEndian.getInt(message, offset + FLAGS_OFFSET);
    int command = LittleEndian.getShort(message, offset + COMMAND_OFFSET);
    int role = (flags & FLAGS_SERVER_TO_REDIR) != 0 ? 1 : 0;
    boolean cancelRequest = command == COMMAND_CANCEL && role == 0;
    nonce[8] = (byte) (role | (cancelRequest ? 2 : 0));
    return nonce;
  }

  private static BlockCipher aes() {
    return AESEngine.newInstance();
  }

  private static void checkBounds(byte[] message, int offset, int length) {
    if (offset < 0 || length < HEADER_LENGTH || offset > message.length - length) {
      throw new Smb2CryptoException(
          "a signed message needs at least the 64-byte SMB2 header inside the buffer");
    }
  }
}
