package io.cephsmb.gateway.crypto;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Nonces for [MS-SMB2] 2.2.41 that are never reused under one key: a random prefix chosen once per
 * generator followed by a 64-bit counter. One generator belongs to one encryption key.
 */
public final class Smb2NonceGenerator {
  private final Smb2Cipher cipher;
  private final byte[] prefix;
  private final AtomicLong counter = new AtomicLong();

  /** A generator for {@code cipher} with a random prefix. */
  public Smb2NonceGenerator(Smb2Cipher cipher, SecureRandom random) {
    this.cipher = cipher;
    this.prefix = new byte[cipher.nonceLength() - 8];
    random.nextBytes(prefix);
  }

  /** The next nonce, {@link Smb2Cipher#nonceLength()} bytes. */
  public byte[] next() {
    long n = counter.getAndIncrement();
    if (n == -1L) {
      throw new Smb2CryptoException("nonce space of this key exhausted");
    }
    byte[] nonce = new byte[cipher.nonceLength()];
    LittleEndian.putLong(nonce, 0, n);
    System.arraycopy(prefix, 0, nonce, 8, prefix.length);
    return nonce;
  }
}
