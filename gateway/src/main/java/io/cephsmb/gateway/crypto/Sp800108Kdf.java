package io.cephsmb.gateway.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * [SP800-108] 5.1 KDF in counter mode with HMAC-SHA256 as the PRF and r = 32, as [MS-SMB2] 3.1.4.2
 * uses it: {@code K(i) = PRF(KI, [i]2 || Label || 0x00 || Context || [L]2)}.
 */
public final class Sp800108Kdf {
  private static final int PRF_BYTES = 32;

  private Sp800108Kdf() {}

  /**
   * Derives {@code lengthBits / 8} bytes of key material.
   *
   * @param ki the key derivation key
   * @param label the label, exactly as the caller wants it hashed (SMB labels include their NUL)
   * @param context the context
   * @param lengthBits L, a positive multiple of 8
   */
  public static byte[] derive(byte[] ki, byte[] label, byte[] context, int lengthBits) {
    if (lengthBits <= 0 || lengthBits % 8 != 0) {
      throw new IllegalArgumentException("L must be a positive multiple of 8: " + lengthBits);
    }
    int outLen = lengthBits / 8;
    byte[] out = new byte[outLen];
    HMac prf = new HMac(new SHA256Digest());
    prf.init(new KeyParameter(ki));
    byte[] block = new byte[PRF_BYTES];
    int counter = 1;
    for (int done = 0; done < outLen; done += PRF_BYTES, counter++) {
      update32(prf, counter);
      prf.update(label, 0, label.length);
      prf.update((byte) 0);
      prf.update(context, 0, context.length);
      update32(prf, lengthBits);
      prf.doFinal(block, 0);
      System.arraycopy(block, 0, out, done, Math.min(PRF_BYTES, outLen - done));
    }
    return out;
  }

  private static void update32(HMac mac, int value) {
    mac.update((byte) (value >>> 24));
    mac.update((byte) (value >>> 16));
    mac.update((byte) (value >>> 8));
    mac.update((byte) value);
  }
}
