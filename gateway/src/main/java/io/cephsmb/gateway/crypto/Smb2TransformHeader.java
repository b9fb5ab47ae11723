package io.cephsmb.gateway.crypto;

/**
 * [MS-SMB2] 2.2.41 SMB2 TRANSFORM_HEADER: 52 bytes in front of an encrypted message.
 *
 * @param signature the 16-byte AEAD tag
 * @param nonce the 16-byte Nonce field (11 significant bytes for CCM, 12 for GCM, zero padded)
 * @param originalMessageSize the length of the plaintext SMB2 message
 * @param flags Flags (3.1.1) / EncryptionAlgorithm (3.0.x); 0x0001 in both
 * @param sessionId the session whose keys encrypted the message
 */
public record Smb2TransformHeader(
    byte[] signature, byte[] nonce, int originalMessageSize, int flags, long sessionId) {
  /** The length of the header. */
  public static final int LENGTH = 52;

  /** ProtocolId 0x424D53FD, on the wire 0xFD 'S' 'M' 'B'. */
  public static final int PROTOCOL_ID = 0x424D53FD;

  /** Flags 0x0001: SMB2_TRANSFORM_HEADER_FLAG_ENCRYPTED / SMB2_ENCRYPTION_AES128_CCM. */
  public static final int FLAG_ENCRYPTED = 0x0001;

  /** The offset of Nonce: the associated data runs from here to the end of the header. */
  static final int AAD_OFFSET = 20;

  /** Checks the field lengths and copies the arrays. */
  public Smb2TransformHeader {
    if (signature.length != 16 || nonce.length != 16) {
      throw new IllegalArgumentException("signature and nonce are 16 bytes each");
    }
    signature = signature.clone();
    nonce = nonce.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  /** Reads a header from {@code buf[offset, offset + length)}, checking its size and ProtocolId. */
  public static Smb2TransformHeader decode(byte[] buf, int offset, int length) {
    if (offset < 0 || length < LENGTH || offset > buf.length - length) {
      throw new Smb2CryptoException("message too short for an SMB2 TRANSFORM_HEADER");
    }
    if (LittleEndian.getInt(buf, offset) != PROTOCOL_ID) {
      throw new Smb2CryptoException("not an SMB2 TRANSFORM_HEADER: wrong ProtocolId");
    }
    byte[] signature = new byte[16];
    byte[] nonce = new byte[16];
    System.arraycopy(buf, offset + 4, signature, 0, 16);
    System.arraycopy(buf, offset + AAD_OFFSET, nonce, 0, 16);
    int size = LittleEndian.getInt(buf, offset + 36);
    int flags = LittleEndian.getShort(buf, offset + 42);
    long sessionId = LittleEndian.getLong(buf, offset + 44);
    return new Smb2TransformHeader(signature, nonce, size, flags, sessionId);
  }

  /** Writes the 52 bytes of this header at {@code buf[offset]}. */
  public void encode(byte[] buf, int offset) {
    LittleEndian.putInt(buf, offset, PROTOCOL_ID);
    System.arraycopy(signature, 0, buf, offset + 4, 16);
    System.arraycopy(nonce, 0, buf, offset + AAD_OFFSET, 16);
    LittleEndian.putInt(buf, offset + 36, originalMessageSize);
    LittleEndian.putShort(buf, offset + 40, 0);
    LittleEndian.putShort(buf, offset + 42, flags);
    LittleEndian.putLong(buf, offset + 44, sessionId);
  }
}
