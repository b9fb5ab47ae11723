package io.cephsmb.dcerpc.pdu;

/** [C706] 12.6.3.1 pfc_flags bits and [MS-RPCE] 2.2.2.3 PFC_SUPPORT_HEADER_SIGN. */
public final class PfcFlags {
  /** First fragment of a call. */
  public static final int FIRST_FRAG = 0x01;

  /** Last fragment of a call. */
  public static final int LAST_FRAG = 0x02;

  /** Cancel pending at the sender (request/response); header signing supported (bind). */
  public static final int PENDING_CANCEL = 0x04;

  /** [MS-RPCE] 2.2.2.3: the same bit in bind and bind_ack. */
  public static final int SUPPORT_HEADER_SIGN = 0x04;

  /** Concurrent multiplexing supported. */
  public static final int CONC_MPX = 0x10;

  /** Fault: the call did not execute. */
  public static final int DID_NOT_EXECUTE = 0x20;

  /** Maybe semantics requested. */
  public static final int MAYBE = 0x40;

  /** A request carries an object UUID. */
  public static final int OBJECT_UUID = 0x80;

  /** A whole call in one fragment. */
  public static final int FIRST_AND_LAST = FIRST_FRAG | LAST_FRAG;

  private PfcFlags() {}
}
