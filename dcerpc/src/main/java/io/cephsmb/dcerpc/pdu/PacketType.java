package io.cephsmb.dcerpc.pdu;

/** [C706] 12.6.4 PTYPE values of the connection-oriented PDUs ([MS-RPCE] 2.2.2.1 adds auth3). */
public enum PacketType {
  REQUEST(0),
  RESPONSE(2),
  FAULT(3),
  BIND(11),
  BIND_ACK(12),
  BIND_NAK(13),
  ALTER_CONTEXT(14),
  ALTER_CONTEXT_RESP(15),
  AUTH3(16),
  SHUTDOWN(17),
  CO_CANCEL(18),
  ORPHANED(19);

  private final int code;

  PacketType(int code) {
    this.code = code;
  }

  /** The PTYPE octet. */
  public int code() {
    return code;
  }

  /** The connection-oriented type for a PTYPE octet, or null (connectionless or unknown). */
  public static PacketType fromCode(int code) {
    for (PacketType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
