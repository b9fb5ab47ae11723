package io.cephsmb.gateway.msnlmp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * [MS-NLMP] 3.4 session security with extended session security, connection-oriented: SIGNKEY
 * (3.4.5.2) and SEALKEY (3.4.5.3) per direction, one RC4 handle and one sequence number per
 * direction kept across messages, MAC (3.4.4.2: HMAC_MD5 over SeqNum || Message, first 8 bytes,
 * RC4-encrypted when NTLMSSP_NEGOTIATE_KEY_EXCH), SEAL (3.4.3) and the matching checks.
 *
 * <p>This is what GSS_GetMIC/GSS_VerifyMIC and GSS_WrapEx/GSS_UnwrapEx do for SPNEGO's mechListMIC
 * and for DCE/RPC PKT_INTEGRITY / PKT_PRIVACY. Methods are synchronized because the RC4 state and
 * sequence numbers advance with every message.
 */
public final class NtlmSessionSecurity {
  /** The length of an NTLMSSP_MESSAGE_SIGNATURE (2.2.2.9.1). */
  public static final int SIGNATURE_LENGTH = 16;

  private static final String CLIENT_SIGN =
      "session key to client-to-server signing key magic constant";
  private static final String SERVER_SIGN =
      "session key to server-to-client signing key magic constant";
  private static final String CLIENT_SEAL =
      "session key to client-to-server sealing key magic constant";
  private static final String SERVER_SEAL =
      "session key to server-to-client sealing key magic constant";

  private final boolean keyExchange;
  private final byte[] sendSignKey;
  private final byte[] receiveSignKey;
  private final byte[] sendSealKey;
  private final byte[] receiveSealKey;
  private final RC4Engine sendHandle = new RC4Engine();
  private final RC4Engine receiveHandle = new RC4Engine();
  private int sendSeqNum;
  private int receiveSeqNum;

  /**
   * Session security for one side.
   *
   * @param negotiatedFlags the negotiated flags; NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY
   *     required
   * @param exportedSessionKey ExportedSessionKey
   * @param server true for the server ("Mode" = Server: it sends with the server-to-client keys)
   */
  public NtlmSessionSecurity(int negotiatedFlags, byte[] exportedSessionKey, boolean server) {
    if (!NegotiateFlags.isSet(negotiatedFlags, NegotiateFlags.EXTENDED_SESSIONSECURITY)) {
      throw new IllegalArgumentException("session security needs extended session security");
    }
    this.keyExchange = NegotiateFlags.isSet(negotiatedFlags, NegotiateFlags.KEY_EXCH);
    byte[] clientSign = signKey(exportedSessionKey, CLIENT_SIGN);
    byte[] serverSign = signKey(exportedSessionKey, SERVER_SIGN);
    byte[] clientSeal = sealKey(negotiatedFlags, exportedSessionKey, CLIENT_SEAL);
    byte[] serverSeal = sealKey(negotiatedFlags, exportedSessionKey, SERVER_SEAL);
    this.sendSignKey = server ? serverSign : clientSign;
    this.receiveSignKey = server ? clientSign : serverSign;
    this.sendSealKey = server ? serverSeal : clientSeal;
    this.receiveSealKey = server ? clientSeal : serverSeal;
    sendHandle.init(true, new KeyParameter(sendSealKey));
    receiveHandle.init(true, new KeyParameter(receiveSealKey));
  }

  /**
   * Restarts both RC4 handles from the sealing keys and sets the sequence numbers: SPNEGO resets
   * the NTLM cipher state once the mechListMIC has been exchanged, keeping the sequence numbers the
   * MICs used (what Windows and Samba do for DCE/RPC over SPNEGO).
   */
  public synchronized void restart(int sendSeq, int receiveSeq) {
    sendHandle.init(true, new KeyParameter(sendSealKey));
    receiveHandle.init(true, new KeyParameter(receiveSealKey));
    sendSeqNum = sendSeq;
    receiveSeqNum = receiveSeq;
  }

  /** [MS-NLMP] 3.4.5.2 SIGNKEY. */
  static byte[] signKey(byte[] exportedSessionKey, String magic) {
    return NtlmCrypto.md5(exportedSessionKey, cstring(magic));
  }

  /** [MS-NLMP] 3.4.5.3 SEALKEY with extended session security: 128, 56 or 40 bits, then MD5. */
  static byte[] sealKey(int flags, byte[] exportedSessionKey, String magic) {
    int len =
        NegotiateFlags.isSet(flags, NegotiateFlags.NEGOTIATE_128)
            ? 16
            : NegotiateFlags.isSet(flags, NegotiateFlags.NEGOTIATE_56) ? 7 : 5;
    return NtlmCrypto.md5(Arrays.copyOf(exportedSessionKey, len), cstring(magic));
  }

  /** GSS_GetMIC: the signature of an outgoing message. */
  public synchronized byte[] sign(byte[] message) {
    return mac(sendSignKey, sendHandle, sendSeqNum++, message);
  }

  /** GSS_VerifyMIC: whether an incoming message's signature is right; constant-time compare. */
  public synchronized boolean verify(byte[] message, byte[] signature) {
    byte[] expected = mac(receiveSignKey, receiveHandle, receiveSeqNum++, message);
    return MessageDigest.isEqual(expected, signature);
  }

  /**
   * GSS_WrapEx with confidentiality: encrypts the message and signs the plaintext.
   *
   * @return the sealed message; the signature is {@link Sealed#signature()}
   */
  public synchronized Sealed seal(byte[] message) {
    byte[] data = rc4(sendHandle, message);
    byte[] signature = mac(sendSignKey, sendHandle, sendSeqNum++, message);
    return new Sealed(data, signature);
  }

  /**
   * GSS_UnwrapEx: decrypts an incoming sealed message and checks its signature.
   *
   * @throws NtlmDecodeException when the signature does not match
   */
  public synchronized byte[] unseal(byte[] data, byte[] signature) {
    byte[] plain = rc4(receiveHandle, data);
    byte[] expected = mac(receiveSignKey, receiveHandle, receiveSeqNum++, plain);
    if (!MessageDigest.isEqual(expected, signature)) {
      throw new NtlmDecodeException("sealed message signature mismatch");
    }
    return plain;
  }

  /**
   * GSS_WrapEx over a region of a larger message, as DCE/RPC PKT_PRIVACY uses it ([MS-RPCE]
   * 3.3.1.5.2.2): the signature covers {@code buf[0, signedLength)} as it is before sealing
   * (header, plain stub, pad and sec_trailer), then {@code buf[dataOffset, dataOffset +
   * dataLength)} (the stub and pad) is encrypted in place.
   *
   * @return the 16-byte signature
   */
  public synchronized byte[] sealRegion(
      byte[] buf, int signedLength, int dataOffset, int dataLength) {
    byte[] signed = Arrays.copyOf(buf, signedLength);
    byte[] data = rc4(sendHandle, Arrays.copyOfRange(buf, dataOffset, dataOffset + dataLength));
    System.arraycopy(data, 0, buf, dataOffset, dataLength);
    return mac(sendSignKey, sendHandle, sendSeqNum++, signed);
  }

  /**
   * GSS_UnwrapEx over a region: decrypts {@code buf[dataOffset, dataOffset + dataLength)} in place,
   * then checks {@code signature} over {@code buf[0, signedLength)}.
   *
   * @throws NtlmDecodeException when the signature does not match
   */
  public synchronized void unsealRegion(
      byte[] buf, int signedLength, int dataOffset, int dataLength, byte[] signature) {
    byte[] plain = rc4(receiveHandle, Arrays.copyOfRange(buf, dataOffset, dataOffset + dataLength));
    System.arraycopy(plain, 0, buf, dataOffset, dataLength);
    byte[] expected =
        mac(receiveSignKey, receiveHandle, receiveSeqNum++, Arrays.copyOf(buf, signedLength));
    if (!MessageDigest.isEqual(expected, signature)) {
      throw new NtlmDecodeException("sealed message signature mismatch");
    }
  }

  /**
   * A sealed message and its NTLMSSP_MESSAGE_SIGNATURE.
   *
   * @param data the encrypted message
   * @param signature the 16-byte signature
   */
  public record Sealed(byte[] data, byte[] signature) {}

  /** [MS-NLMP] 3.4.4.2 MAC with extended session security. */
  private byte[] mac(byte[] signKey, RC4Engine handle, int seqNum, byte[] message) {
    byte[] seq = {
      (byte) seqNum, (byte) (seqNum >>> 8), (byte) (seqNum >>> 16), (byte) (seqNum >>> 24)
    };
    byte[] checksum = Arrays.copyOf(NtlmCrypto.hmacMd5(signKey, seq, message), 8);
    if (keyExchange) {
      checksum = rc4(handle, checksum);
    }
    byte[] sig = new byte[SIGNATURE_LENGTH];
    sig[0] = 1;
    System.arraycopy(checksum, 0, sig, 4, 8);
    System.arraycopy(seq, 0, sig, 12, 4);
    return sig;
  }

  private static byte[] rc4(RC4Engine handle, byte[] in) {
    byte[] out = new byte[in.length];
    handle.processBytes(in, 0, in.length, out, 0);
    return out;
  }

  private static byte[] cstring(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return Arrays.copyOf(b, b.length + 1);
  }
}
