package io.cephsmb.gateway.msnlmp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** [MS-NLMP] 6 Cryptographic Operations Reference and the NTLMv2 functions of 3.3.2. */
public final class NtlmCrypto {
  private NtlmCrypto() {}

  /** The NT hash the server stores: MD4(UNICODE(Passwd)) ([MS-NLMP] 3.3.1 NTOWFv1). */
  public static byte[] ntHash(String password) {
    return digest(new MD4Digest(), password.getBytes(StandardCharsets.UTF_16LE));
  }

  /**
   * [MS-NLMP] 3.3.2 NTOWFv2 from the stored NT hash: HMAC_MD5(MD4(UNICODE(Passwd)),
   * UNICODE(ConcatenationOf(Uppercase(User), UserDom))). LMOWFv2 is the same function.
   */
  public static byte[] ntowfV2(byte[] ntHash, String user, String domain) {
    String s = user.toUpperCase(Locale.ROOT) + domain;
    return hmacMd5(ntHash, s.getBytes(StandardCharsets.UTF_16LE));
  }

  /** [MS-NLMP] 3.3.2 NTProofStr = HMAC_MD5(ResponseKeyNT, ServerChallenge || temp). */
  public static byte[] ntProofStr(byte[] responseKeyNt, byte[] serverChallenge, byte[] temp) {
    return hmacMd5(responseKeyNt, serverChallenge, temp);
  }

  /**
   * [MS-NLMP] 3.3.2 LmChallengeResponse = HMAC_MD5(ResponseKeyLM, ServerChallenge ||
   * ClientChallenge) || ClientChallenge.
   */
  public static byte[] lmV2Response(
      byte[] responseKeyLm, byte[] serverChallenge, byte[] clientChallenge) {
    byte[] mac = hmacMd5(responseKeyLm, serverChallenge, clientChallenge);
    byte[] out = new byte[24];
    System.arraycopy(mac, 0, out, 0, 16);
    System.arraycopy(clientChallenge, 0, out, 16, 8);
    return out;
  }

  /** [MS-NLMP] 3.3.2 SessionBaseKey = HMAC_MD5(ResponseKeyNT, NTProofStr). */
  public static byte[] sessionBaseKey(byte[] responseKeyNt, byte[] ntProofStr) {
    return hmacMd5(responseKeyNt, ntProofStr);
  }

  /** HMAC_MD5(K, ConcatenationOf(parts)). */
  public static byte[] hmacMd5(byte[] key, byte[]... parts) {
    HMac mac = new HMac(new MD5Digest());
    mac.init(new KeyParameter(key));
    for (byte[] p : parts) {
      mac.update(p, 0, p.length);
    }
    byte[] out = new byte[16];
    mac.doFinal(out, 0);
    return out;
  }

  /** MD5(ConcatenationOf(parts)). */
  public static byte[] md5(byte[]... parts) {
    MD5Digest d = new MD5Digest();
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    byte[] out = new byte[16];
    d.doFinal(out, 0);
    return out;
  }

  /** RC4K(K, D): one-shot RC4 with a fresh key schedule. */
  public static byte[] rc4k(byte[] key, byte[] data) {
    RC4Engine rc4 = new RC4Engine();
    rc4.init(true, new KeyParameter(key));
    byte[] out = new byte[data.length];
    rc4.processBytes(data, 0, data.length, out, 0);
    return out;
  }

  private static byte[] digest(Digest d, byte[] data) {
    d.update(data, 0, data.length);
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return out;
  }
}
