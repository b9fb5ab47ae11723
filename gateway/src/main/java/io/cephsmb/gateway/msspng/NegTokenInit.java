package io.cephsmb.gateway.msspng;

import java.util.ArrayList;
import java.util.List;

/**
 * [RFC4178] 4.2.1 NegTokenInit and its [MS-SPNG] 2.2.1 NegTokenInit2 form.
 *
 * <pre>
 * NegTokenInit  ::= SEQUENCE { mechTypes [0] MechTypeList, reqFlags [1] ContextFlags OPTIONAL,
 *                              mechToken [2] OCTET STRING OPTIONAL,
 *                              mechListMIC [3] OCTET STRING OPTIONAL }
 * NegTokenInit2 ::= SEQUENCE { mechTypes [0], reqFlags [1] OPTIONAL, mechToken [2] OPTIONAL,
 *                              negHints [3] NegHints OPTIONAL, mechListMIC [4] OPTIONAL }
 * NegHints      ::= SEQUENCE { hintName [0] GeneralString OPTIONAL,
 *                              hintAddress [1] OCTET STRING OPTIONAL }
 * </pre>
 *
 * @param mechTypes the mechanism OIDs, most preferred first
 * @param mechTypesDer the DER MechTypeList as received (the mechListMIC covers these bytes)
 * @param reqFlags the ContextFlags BIT STRING contents, or null
 * @param mechToken the optimistic token of the first mechanism, or null
 * @param hintName NegHints.hintName (NegTokenInit2 only), or null
 * @param mechListMic mechListMIC, or null
 */
public record NegTokenInit(
    List<String> mechTypes,
    byte[] mechTypesDer,
    byte[] reqFlags,
    byte[] mechToken,
    String hintName,
    byte[] mechListMic) {
  private static final int SEQUENCE = 0x30;
  private static final int OCTET_STRING = 0x04;
  private static final int BIT_STRING = 0x03;
  private static final int GENERAL_STRING = 0x1b;

  /** Copies the lists and arrays. */
  public NegTokenInit {
    mechTypes = List.copyOf(mechTypes);
    mechTypesDer = mechTypesDer.clone();
    reqFlags = reqFlags == null ? null : reqFlags.clone();
    mechToken = mechToken == null ? null : mechToken.clone();
    mechListMic = mechListMic == null ? null : mechListMic.clone();
  }

  /** A token built from mechanism OIDs; mechTypesDer is their DER MechTypeList. */
  public static NegTokenInit of(
      List<String> mechTypes, byte[] mechToken, String hintName, byte[] mechListMic) {
    return new NegTokenInit(
        mechTypes, mechTypeList(mechTypes), null, mechToken, hintName, mechListMic);
  }

  @Override
  public byte[] mechTypesDer() {
    return mechTypesDer.clone();
  }

  @Override
  public byte[] reqFlags() {
    return reqFlags == null ? null : reqFlags.clone();
  }

  @Override
  public byte[] mechToken() {
    return mechToken == null ? null : mechToken.clone();
  }

  @Override
  public byte[] mechListMic() {
    return mechListMic == null ? null : mechListMic.clone();
  }

  /** The DER MechTypeList (SEQUENCE OF OBJECT IDENTIFIER) of some OIDs. */
  public static byte[] mechTypeList(List<String> oids) {
    List<byte[]> parts = new ArrayList<>();
    for (String oid : oids) {
      parts.add(DerWriter.element(Oid.TAG, Oid.encode(oid)));
    }
    return DerWriter.element(SEQUENCE, parts.toArray(new byte[0][]));
  }

  /**
   * Decodes the contents of the [0] NegotiationToken choice: a NegTokenInit or NegTokenInit2.
   * Context tag [3] is taken as negHints when it holds a SEQUENCE and as mechListMIC when it holds
   * an OCTET STRING.
   */
  static NegTokenInit decode(DerReader choice) {
    DerReader seq = choice.read(SEQUENCE);
    choice.expectEnd("NegTokenInit");
    DerReader typesField = seq.read(0xa0);
    DerReader types = typesField.read(SEQUENCE);
    typesField.expectEnd("mechTypes");
    byte[] typesDer = types.encoding();
    List<String> oids = new ArrayList<>();
    while (types.hasMore()) {
      oids.add(Oid.decode(types.readBytes(Oid.TAG)));
    }
    if (oids.isEmpty()) {
      throw new SpnegoException("NegTokenInit: empty mechTypes");
    }
    byte[] reqFlags = null;
    byte[] mechToken = null;
    String hint = null;
    byte[] mic = null;
    if (seq.hasMore() && seq.peekTag() == 0xa1) {
      reqFlags = single(seq.read(0xa1), BIT_STRING, "reqFlags");
    }
    if (seq.hasMore() && seq.peekTag() == 0xa2) {
      mechToken = single(seq.read(0xa2), OCTET_STRING, "mechToken");
    }
    if (seq.hasMore() && seq.peekTag() == 0xa3) {
      DerReader f = seq.read(0xa3);
      if (f.peekTag() == OCTET_STRING) {
        mic = single(f, OCTET_STRING, "mechListMIC");
      } else {
        DerReader hints = f.read(SEQUENCE);
        f.expectEnd("negHints");
        if (hints.hasMore() && hints.peekTag() == 0xa0) {
          hint =
              new String(
                  single(hints.read(0xa0), GENERAL_STRING, "hintName"),
                  java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        if (hints.hasMore() && hints.peekTag() == 0xa1) {
          single(hints.read(0xa1), OCTET_STRING, "hintAddress");
        }
        hints.expectEnd("NegHints");
      }
    }
    if (mic == null && seq.hasMore() && seq.peekTag() == 0xa4) {
      mic = single(seq.read(0xa4), OCTET_STRING, "mechListMIC");
    }
    seq.expectEnd("NegTokenInit");
    return new NegTokenInit(oids, typesDer, reqFlags, mechToken, hint, mic);
  }

  private static byte[] single(DerReader field, int tag, String what) {
    byte[] v = field.readBytes(tag);
    field.expectEnd(what);
    return v;
  }

  /**
   * Encodes the [0] choice. With a hintName the NegTokenInit2 layout is used (negHints [3],
   * mechListMIC [4]); without, the RFC 4178 layout (mechListMIC [3]).
   */
  byte[] encodeChoice() {
    List<byte[]> fields = new ArrayList<>();
    fields.add(DerWriter.element(0xa0, mechTypesDer));
    if (reqFlags != null) {
      fields.add(DerWriter.element(0xa1, DerWriter.element(BIT_STRING, reqFlags)));
    }
    if (mechToken != null) {
      fields.add(DerWriter.element(0xa2, DerWriter.element(OCTET_STRING, mechToken)));
    }
    if (hintName != null) {
      byte[] name =
          DerWriter.element(
              GENERAL_STRING, hintName.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      fields.add(
          DerWriter.element(0xa3, DerWriter.element(SEQUENCE, DerWriter.element(0xa0, name))));
    }
    if (mechListMic != null) {
      int tag = hintName != null ? 0xa4 : 0xa3;
      fields.add(DerWriter.element(tag, DerWriter.element(OCTET_STRING, mechListMic)));
    }
    return DerWriter.element(0xa0, DerWriter.element(SEQUENCE, fields.toArray(new byte[0][])));
  }
}
