package io.cephsmb.gateway.msspng;

import java.util.ArrayList;
import java.util.List;

/**
 * [RFC4178] 4.2.2 NegTokenResp.
 *
 * <pre>
 * NegTokenResp ::= SEQUENCE { negState [0] ENUMERATED OPTIONAL, supportedMech [1] MechType
 *                             OPTIONAL, responseToken [2] OCTET STRING OPTIONAL,
 *                             mechListMIC [3] OCTET STRING OPTIONAL }
 * </pre>
 *
 * @param negState negState, or null
 * @param supportedMech supportedMech OID, or null
 * @param responseToken responseToken, or null
 * @param mechListMic mechListMIC, or null
 */
public record NegTokenResp(
    NegState negState, String supportedMech, byte[] responseToken, byte[] mechListMic) {
  /** negState values. */
  public enum NegState {
    /** accept-completed (0). */
    ACCEPT_COMPLETED(0),
    /** accept-incomplete (1). */
    ACCEPT_INCOMPLETE(1),
    /** reject (2). */
    REJECT(2),
    /** request-mic (3). */
    REQUEST_MIC(3);

    private final int wire;

    NegState(int wire) {
      this.wire = wire;
    }

    /** The ENUMERATED value. */
    public int wire() {
      return wire;
    }

    static NegState fromWire(int v) {
      for (NegState s : values()) {
        if (s.wire == v) {
          return s;
        }
      }
      throw new SpnegoException("NegTokenResp: bad negState " + v);
    }
  }

  /** Copies the arrays. */
  public NegTokenResp {
    responseToken = responseToken == null ? null : responseToken.clone();
    mechListMic = mechListMic == null ? null : mechListMic.clone();
  }

  @Override
  public byte[] responseToken() {
    return responseToken == null ? null : responseToken.clone();
  }

  @Override
  public byte[] mechListMic() {
    return mechListMic == null ? null : mechListMic.clone();
  }

  /** Decodes a complete NegTokenResp token (the [1] choice). */
  public static NegTokenResp decode(byte[] token) {
    DerReader top = new DerReader(token);
    DerReader choice = top.read(0xa1);
    top.expectEnd("NegTokenResp token");
    DerReader seq = choice.read(0x30);
    choice.expectEnd("NegTokenResp");
    NegState state = null;
    String mech = null;
    byte[] response = null;
    byte[] mic = null;
    if (seq.hasMore() && seq.peekTag() == 0xa0) {
      DerReader f = seq.read(0xa0);
      byte[] e = f.readBytes(0x0a);
      f.expectEnd("negState");
      if (e.length != 1) {
        throw new SpnegoException("NegTokenResp: negState of " + e.length + " bytes");
      }
      state = NegState.fromWire(e[0]);
    }
    if (seq.hasMore() && seq.peekTag() == 0xa1) {
      DerReader f = seq.read(0xa1);
      mech = Oid.decode(f.readBytes(Oid.TAG));
      f.expectEnd("supportedMech");
    }
    if (seq.hasMore() && seq.peekTag() == 0xa2) {
      DerReader f = seq.read(0xa2);
      response = f.readBytes(0x04);
      f.expectEnd("responseToken");
    }
    if (seq.hasMore() && seq.peekTag() == 0xa3) {
      DerReader f = seq.read(0xa3);
      mic = f.readBytes(0x04);
      f.expectEnd("mechListMIC");
    }
    seq.expectEnd("NegTokenResp");
    return new NegTokenResp(state, mech, response, mic);
  }

  /** Encodes the token (the [1] choice; NegTokenResp is never GSS-framed). */
  public byte[] encode() {
    List<byte[]> fields = new ArrayList<>();
    if (negState != null) {
      fields.add(
          DerWriter.element(0xa0, DerWriter.element(0x0a, new byte[] {(byte) negState.wire()})));
    }
    if (supportedMech != null) {
      fields.add(DerWriter.element(0xa1, DerWriter.element(Oid.TAG, Oid.encode(supportedMech))));
    }
    if (responseToken != null) {
      fields.add(DerWriter.element(0xa2, DerWriter.element(0x04, responseToken)));
    }
    if (mechListMic != null) {
      fields.add(DerWriter.element(0xa3, DerWriter.element(0x04, mechListMic)));
    }
    return DerWriter.element(0xa1, DerWriter.element(0x30, fields.toArray(new byte[0][])));
  }
}
