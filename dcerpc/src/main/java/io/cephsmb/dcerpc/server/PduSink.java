package io.cephsmb.dcerpc.server;

/** Where a connection sends its PDUs; implemented by a transport (TCP channel, named pipe). */
public interface PduSink {
  /** Sends one complete PDU (one fragment). Must not call back into the connection. */
  void send(byte[] pdu);

  /** Closes the transport connection after what was sent (a protocol error). */
  void abort();
}
