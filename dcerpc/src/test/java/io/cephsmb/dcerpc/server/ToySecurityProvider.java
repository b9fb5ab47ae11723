package io.cephsmb.dcerpc.server;

import io.cephsmb.dcerpc.auth.AuthException;
import io.cephsmb.dcerpc.auth.AuthLevel;
import io.cephsmb.dcerpc.auth.AuthStep;
import io.cephsmb.dcerpc.auth.SecurityContext;
import io.cephsmb.dcerpc.auth.SecurityProvider;
import io.cephsmb.dcerpc.pdu.Octets;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.zip.CRC32;

/**
 * TEST DOUBLE, not security: a two-leg "authentication" ("hello" then "let-me-in"), a CRC32
 * "signature" and an XOR "seal", only to prove the plumbing of the auth hook.
 */
final class ToySecurityProvider implements SecurityProvider {
  static final int AUTH_TYPE = 0x7f;
  static final int SIG_LENGTH = 8;

  @Override
  public int authType() {
    return AUTH_TYPE;
  }

  @Override
  public SecurityContext newContext() {
    return new Context();
  }

  /** The toy signature over {@code pdu[0, signedLength)}. */
  static byte[] signature(byte[] pdu, int signedLength) {
    CRC32 crc = new CRC32();
    crc.update(pdu, 0, signedLength);
    long v = crc.getValue();
    byte[] sig = new byte[SIG_LENGTH];
    for (int i = 0; i < 4; i++) {
      sig[i] = (byte) (v >>> (8 * i));
    }
    sig[4] = 'T';
    return sig;
  }

  /** The toy seal, its own inverse. */
  static void xor(byte[] pdu, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      pdu[i] ^= 0x5a;
    }
  }

  private static final class Context implements SecurityContext {
    private int legs;
    private boolean established;

    @Override
    public CompletionStage<AuthStep> accept(byte[] token) {
      try {
        return CompletableFuture.completedFuture(step(token));
      } catch (AuthException e) {
        return CompletableFuture.failedFuture(e);
      }
    }

    private AuthStep step(byte[] token) throws AuthException {
      String t = new String(token, StandardCharsets.US_ASCII);
      if (legs == 0 && t.equals("hello")) {
        legs++;
        return new AuthStep(Octets.of("challenge".getBytes(StandardCharsets.US_ASCII)), false);
      }
      if (legs == 1 && t.equals("let-me-in")) {
        legs++;
        established = true;
        return new AuthStep(Octets.EMPTY, true);
      }
      throw new AuthException("toy authentication refused " + t);
    }

    @Override
    public boolean isEstablished() {
      return established;
    }

    @Override
    public int signatureLength() {
      return SIG_LENGTH;
    }

    @Override
    public void verify(
        AuthLevel level,
        byte[] pdu,
        int signedLength,
        int bodyOffset,
        int bodyLength,
        byte[] signature)
        throws AuthException {
      if (level == AuthLevel.PKT_PRIVACY) {
        xor(pdu, bodyOffset, bodyLength);
      }
      if (!Arrays.equals(signature(pdu, signedLength), signature)) {
        throw new AuthException("toy signature mismatch");
      }
    }

    @Override
    public byte[] sign(
        AuthLevel level, byte[] pdu, int signedLength, int bodyOffset, int bodyLength) {
      byte[] sig = signature(pdu, signedLength);
      if (level == AuthLevel.PKT_PRIVACY) {
        xor(pdu, bodyOffset, bodyLength);
      }
      return sig;
    }

    @Override
    public String principal() {
      return "toy-user";
    }
  }
}
