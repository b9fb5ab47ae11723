package io.cephsmb.gateway.crypto;

import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * [MS-SMB2] 3.3.5.4 and 3.3.5.5 the SMB 3.1.1 preauthentication integrity hash (HashAlgorithmId
 * 0x0001, SHA-512): {@code H(n) = SHA-512(H(n-1) || message)}, starting from 64 zero bytes.
 * Connection.PreauthIntegrityHashValue chains the NEGOTIATE request and response;
 * PreauthSession.PreauthIntegrityHashValue continues from it with every SESSION_SETUP request and
 * every response except the final STATUS_SUCCESS one.
 */
public final class PreauthIntegrity {
  /** The length of a SHA-512 hash value. */
  public static final int HASH_LENGTH = 64;

  private PreauthIntegrity() {}

  /** The initial value: 64 zero bytes. */
  public static byte[] initial() {
    return new byte[HASH_LENGTH];
  }

  /** The next hash value after {@code message}. */
  public static byte[] next(byte[] previous, byte[] message) {
    return next(previous, message, 0, message.length);
  }

  /** The next hash value after {@code message[offset, offset + length)}. */
  public static byte[] next(byte[] previous, byte[] message, int offset, int length) {
    if (previous.length != HASH_LENGTH) {
      throw new IllegalArgumentException("the previous hash must be 64 bytes");
    }
    SHA512Digest sha = new SHA512Digest();
    sha.update(previous, 0, previous.length);
    sha.update(message, offset, length);
    byte[] out = new byte[HASH_LENGTH];
    sha.doFinal(out, 0);
    return out;
  }
}
