package io.cephsmb.gateway.server;

/** Where a connection stands in [MS-SMB2] 3.3.5.3 / 3.3.5.4 negotiation. */
enum ConnectionState {
  /** Nothing received yet: an SMB1 or SMB2 NEGOTIATE must come first. */
  AWAITING_NEGOTIATE,
  /** The SMB1 multi-protocol negotiate was answered with 0x02FF: an SMB2 NEGOTIATE must follow. */
  AWAITING_SMB2_NEGOTIATE,
  /** A dialect is chosen; any command but NEGOTIATE may follow. */
  NEGOTIATED
}
