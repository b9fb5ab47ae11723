package io.cephsmb.gateway.rpc;

import io.cephsmb.dcerpc.auth.AuthException;
import io.cephsmb.dcerpc.auth.AuthLevel;
import io.cephsmb.gateway.msnlmp.NtlmDecodeException;
import io.cephsmb.gateway.msnlmp.NtlmSessionSecurity;
import java.util.Arrays;

/**
 * [MS-RPCE] 3.3.1.5.2.2 with NTLM session security ([MS-NLMP] 3.4): the signed region of a PDU
 * (header, body, pad, sec_trailer) is signed, and at PKT_PRIVACY the body region sealed; shared by
 * the NTLMSSP and the SPNEGO providers.
 */
final class NtlmPduSecurity {
  private NtlmPduSecurity() {}

  static void verify(
      NtlmSessionSecurity s,
      AuthLevel level,
      byte[] pdu,
      int signedLength,
      int bodyOffset,
      int bodyLength,
      byte[] signature)
      throws AuthException {
    if (s == null) {
      throw new AuthException("no NTLM session security for " + level);
    }
    if (signature.length != NtlmSessionSecurity.SIGNATURE_LENGTH) {
      throw new AuthException("NTLM signature of " + signature.length + " bytes");
    }
    if (level == AuthLevel.PKT_PRIVACY) {
      try {
        s.unsealRegion(pdu, signedLength, bodyOffset, bodyLength, signature);
      } catch (NtlmDecodeException e) {
        throw new AuthException("NTLM: " + e.getMessage());
      }
    } else if (!s.verify(Arrays.copyOf(pdu, signedLength), signature)) {
      throw new AuthException("NTLM signature mismatch");
    }
  }

  static byte[] sign(
      NtlmSessionSecurity s,
      AuthLevel level,
      byte[] pdu,
      int signedLength,
      int bodyOffset,
      int bodyLength) {
    if (s == null) {
      throw new IllegalStateException("no NTLM session security");
    }
    if (level == AuthLevel.PKT_PRIVACY) {
      return s.sealRegion(pdu, signedLength, bodyOffset, bodyLength);
    }
    return s.sign(Arrays.copyOf(pdu, signedLength));
  }
}
