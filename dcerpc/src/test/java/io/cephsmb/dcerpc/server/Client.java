package io.cephsmb.dcerpc.server;

import io.cephsmb.dcerpc.pdu.AuthVerifier;
import io.cephsmb.dcerpc.pdu.BindBody;
import io.cephsmb.dcerpc.pdu.BindPdu;
import io.cephsmb.dcerpc.pdu.Octets;
import io.cephsmb.dcerpc.pdu.Pdu;
import io.cephsmb.dcerpc.pdu.PduException;
import io.cephsmb.dcerpc.pdu.PfcFlags;
import io.cephsmb.dcerpc.pdu.PresentationContext;
import io.cephsmb.dcerpc.pdu.RequestPdu;
import io.cephsmb.dcerpc.pdu.ResponsePdu;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Test client: a recording sink, PDU builders and decoding of what the server sent. */
final class Client implements PduSink {
  static final SyntaxId ECHO =
      new SyntaxId(UUID.fromString("12345678-1234-abcd-ef00-0123456789ab"), 1, 0);
  static final SyntaxId UNKNOWN =
      new SyntaxId(UUID.fromString("99999999-1234-abcd-ef00-0123456789ab"), 1, 0);

  final List<byte[]> sent = new ArrayList<>();
  boolean aborted;

  @Override
  public synchronized void send(byte[] pdu) {
    sent.add(pdu);
  }

  @Override
  public synchronized void abort() {
    aborted = true;
  }

  synchronized List<Pdu> take() throws PduException {
    List<Pdu> out = new ArrayList<>();
    for (byte[] b : sent) {
      out.add(Pdu.decode(Unpooled.wrappedBuffer(b)));
    }
    sent.clear();
    return out;
  }

  synchronized List<byte[]> takeRaw() {
    List<byte[]> out = new ArrayList<>(sent);
    sent.clear();
    return out;
  }

  Pdu one() throws PduException {
    List<Pdu> all = take();
    if (all.size() != 1) {
      throw new AssertionError("expected one PDU, got " + all);
    }
    return all.get(0);
  }

  static byte[] bytes(Pdu pdu) {
    return ResponseWriter.encode(pdu);
  }

  static byte[] bind(
      int callId, int group, Optional<AuthVerifier> auth, PresentationContext... ctx) {
    return bytes(
        new BindPdu(
            PfcFlags.FIRST_AND_LAST, callId, new BindBody(4280, 4280, group, List.of(ctx)), auth));
  }

  static PresentationContext ctx(int id, SyntaxId abs, SyntaxId... ts) {
    return new PresentationContext(id, abs, List.of(ts));
  }

  static byte[] request(int callId, int flags, int contextId, int opnum, byte[] stub) {
    return bytes(
        new RequestPdu(
            flags,
            callId,
            stub.length,
            contextId,
            opnum,
            Optional.empty(),
            Octets.of(stub),
            Optional.empty()));
  }

  static byte[] call(int callId, int opnum, byte[] stub) {
    return request(callId, PfcFlags.FIRST_AND_LAST, 0, opnum, stub);
  }

  /** Reassembles response fragments into their stub. */
  static byte[] stubOf(List<Pdu> fragments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Pdu p : fragments) {
      out.writeBytes(((ResponsePdu) p).stub().toByteArray());
    }
    return out.toByteArray();
  }
}
