package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/**
 * [MS-RPCE] 2.2.2.10 rpc_auth_3 PDU: four pad octets and the auth verifier carrying the last leg of
 * a three-leg authentication (NTLMSSP AUTHENTICATE). It has no response.
 */
public record Auth3Pdu(int flags, int callId, AuthVerifier verifier) implements Pdu {
  @Override
  public PacketType type() {
    return PacketType.AUTH3;
  }

  @Override
  public Optional<AuthVerifier> auth() {
    return Optional.of(verifier);
  }

  static Auth3Pdu read(PduHeader h, BodyReader r, Optional<AuthVerifier> auth) throws PduException {
    if (auth.isEmpty()) {
      throw new PduException("auth3 without an auth verifier");
    }
    r.skip(r.remaining(), "auth3 pad");
    return new Auth3Pdu(h.flags(), h.callId(), auth.get());
  }

  @Override
  public void encodeBody(ByteBuf out, int pduStart) {
    out.writeZero(4);
  }
}
