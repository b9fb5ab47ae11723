package io.cephsmb.gateway.msspng;

/**
 * [RFC2743] 3.1 the GSS-API initial context token around a SPNEGO NegTokenInit: {@code [APPLICATION
 * 0] IMPLICIT SEQUENCE { thisMech OID (1.3.6.1.5.5.2), NegotiationToken }}.
 */
public final class SpnegoInitToken {
  private static final int APPLICATION_0 = 0x60;

  private SpnegoInitToken() {}

  /** Decodes a GSS-framed NegTokenInit / NegTokenInit2. */
  public static NegTokenInit decode(byte[] token) {
    DerReader top = new DerReader(token);
    DerReader app = top.read(APPLICATION_0);
    top.expectEnd("GSS-API initial context token");
    String mech = Oid.decode(app.readBytes(Oid.TAG));
    if (!mech.equals(Oid.SPNEGO)) {
      throw new SpnegoException("GSS-API token for mechanism " + mech + ", not SPNEGO");
    }
    DerReader choice = app.read(0xa0);
    app.expectEnd("GSS-API initial context token");
    return NegTokenInit.decode(choice);
  }

  /** Encodes a NegTokenInit (or NegTokenInit2, when it has a hintName) in the GSS framing. */
  public static byte[] encode(NegTokenInit init) {
    return DerWriter.element(
        APPLICATION_0, DerWriter.element(Oid.TAG, Oid.encode(Oid.SPNEGO)), init.encodeChoice());
  }
}
