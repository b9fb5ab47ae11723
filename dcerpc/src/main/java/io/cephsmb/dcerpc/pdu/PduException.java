package io.cephsmb.dcerpc.pdu;

/**
 * A PDU that cannot be read: a length that lies, a count that overruns the fragment, an unsupported
 * version or data representation. {@link #ptype} and {@link #callId} say what was readable of the
 * header (-1 when not) so the caller can answer with the right PDU.
 */
public final class PduException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Kind: anything else wrong with the PDU. */
  public static final int MALFORMED = 0;

  /** Kind: rpc_vers or rpc_vers_minor not 5.0/5.1. */
  public static final int VERSION = 1;

  /** Kind: a packed_drep other than little-endian/ASCII/IEEE. */
  public static final int DATA_REPRESENTATION = 2;

  private final int ptype;
  private final int callId;
  private final int kind;

  public PduException(String message, int ptype, int callId, int kind) {
    super(message);
    this.ptype = ptype;
    this.callId = callId;
    this.kind = kind;
  }

  public PduException(String message, int ptype, int callId) {
    this(message, ptype, callId, MALFORMED);
  }

  public PduException(String message) {
    this(message, -1, -1);
  }

  /** The PTYPE octet, or -1 when the header itself was unreadable. */
  public int ptype() {
    return ptype;
  }

  /** The call_id, or -1 when the header itself was unreadable. */
  public int callId() {
    return callId;
  }

  /** {@link #MALFORMED}, {@link #VERSION} or {@link #DATA_REPRESENTATION}. */
  public int kind() {
    return kind;
  }

  /** The same failure, with the header fields attached. */
  public PduException withHeader(int newPtype, int newCallId) {
    return new PduException(getMessage(), newPtype, newCallId, kind);
  }
}
