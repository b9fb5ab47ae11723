package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * [C706] 13.2.6.1 auth_verifier_co_t and [MS-RPCE] 2.2.2.11 sec_trailer: auth_pad_length zero
 * octets before the 8-octet trailer (auth_type, auth_level, auth_pad_length, auth_reserved,
 * auth_context_id), followed by auth_length octets of auth_value.
 */
public record AuthVerifier(
    int authType, int authLevel, int padLength, int contextId, Octets value) {
  /** Length of the sec_trailer without the auth value. */
  public static final int TRAILER_LENGTH = 8;

  /** [MS-RPCE] 2.2.1.1.8 RPC_C_AUTHN_WINNT (NTLMSSP). */
  public static final int AUTH_TYPE_NTLMSSP = 10;

  /** [MS-RPCE] 2.2.1.1.8 RPC_C_AUTHN_GSS_NEGOTIATE (SPNEGO). */
  public static final int AUTH_TYPE_SPNEGO = 9;

  public AuthVerifier {
    Objects.requireNonNull(value, "value");
    checkOctet(authType, "auth_type");
    checkOctet(authLevel, "auth_level");
    checkOctet(padLength, "auth_pad_length");
  }

  private static void checkOctet(int v, String what) {
    if ((v & ~0xff) != 0) {
      throw new IllegalArgumentException(what + " out of range: " + v);
    }
  }

  /** The same trailer with another auth value (a signature computed after encoding). */
  public AuthVerifier withValue(Octets newValue) {
    return new AuthVerifier(authType, authLevel, padLength, contextId, newValue);
  }

  /** The same trailer with another pad length. */
  public AuthVerifier withPad(int newPad) {
    return new AuthVerifier(authType, authLevel, newPad, contextId, value);
  }

  /** Writes the pad, the trailer and the value. */
  void write(ByteBuf out) {
    out.writeZero(padLength);
    out.writeByte(authType);
    out.writeByte(authLevel);
    out.writeByte(padLength);
    out.writeByte(0);
    out.writeIntLE(contextId);
    value.writeTo(out);
  }

  /**
   * Reads the verifier at the end of {@code pdu} (readable bytes = the whole PDU) and returns it;
   * the writer index of {@code pdu} is moved back to where the body ends (before the pad).
   */
  static AuthVerifier readFromEnd(ByteBuf pdu, int authLength) throws PduException {
    int trailerAt = pdu.writerIndex() - authLength - TRAILER_LENGTH;
    int padLength = pdu.getUnsignedByte(trailerAt + 2);
    int bodyEnd = trailerAt - padLength;
    if (bodyEnd < pdu.readerIndex()) {
      throw new PduException("auth_pad_length " + padLength + " runs into the header");
    }
    byte[] value = new byte[authLength];
    pdu.getBytes(trailerAt + TRAILER_LENGTH, value);
    AuthVerifier v =
        new AuthVerifier(
            pdu.getUnsignedByte(trailerAt),
            pdu.getUnsignedByte(trailerAt + 1),
            padLength,
            pdu.getIntLE(trailerAt + 4),
            Octets.wrap(value));
    pdu.writerIndex(bodyEnd);
    return v;
  }
}
