package io.cephsmb.dcerpc.server;

import static io.cephsmb.dcerpc.server.Client.ECHO;
import static io.cephsmb.dcerpc.server.Client.UNKNOWN;
import static io.cephsmb.dcerpc.server.Client.bind;
import static io.cephsmb.dcerpc.server.Client.call;
import static io.cephsmb.dcerpc.server.Client.ctx;
import static io.cephsmb.dcerpc.server.Client.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.dcerpc.pdu.AlterContextPdu;
import io.cephsmb.dcerpc.pdu.AlterContextRespPdu;
import io.cephsmb.dcerpc.pdu.BindAckPdu;
import io.cephsmb.dcerpc.pdu.BindBody;
import io.cephsmb.dcerpc.pdu.BindNakPdu;
import io.cephsmb.dcerpc.pdu.CoCancelPdu;
import io.cephsmb.dcerpc.pdu.ContextResult;
import io.cephsmb.dcerpc.pdu.FaultPdu;
import io.cephsmb.dcerpc.pdu.Octets;
import io.cephsmb.dcerpc.pdu.OrphanedPdu;
import io.cephsmb.dcerpc.pdu.Pdu;
import io.cephsmb.dcerpc.pdu.PduException;
import io.cephsmb.dcerpc.pdu.PfcFlags;
import io.cephsmb.dcerpc.pdu.ResponsePdu;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The connection state machine driven PDU by PDU, without a transport. */
class ServerConnectionTest {
  /** Pending futures by the first stub byte, so tests can complete them in any order. */
  final Map<Integer, CompletableFuture<byte[]>> later = new ConcurrentHashMap<>();

  final Map<Integer, CallContext> seen = new ConcurrentHashMap<>();

  final RpcInterface echo =
      new RpcInterface(
          ECHO,
          Map.of(
              0, (c, stub) -> CompletableFuture.completedFuture(stub),
              1,
                  (c, stub) -> {
                    CompletableFuture<byte[]> f = new CompletableFuture<>();
                    later.put(stub[0] & 0xff, f);
                    seen.put(stub[0] & 0xff, c);
                    return f;
                  },
              2,
                  (c, stub) -> {
                    throw new IllegalStateException("handler bug");
                  },
              3,
                  (c, stub) ->
                      CompletableFuture.failedFuture(
                          new RpcFaultException(RpcStatus.ACCESS_DENIED, "no")),
              4, (c, stub) -> CompletableFuture.completedFuture(new byte[stub[0] * 1000])));

  final RpcServer server = new RpcServer(List.of(echo), List.of(new ToySecurityProvider()));
  final Client client = new Client();
  final ServerConnection conn = server.connect(client, "\\PIPE\\echo");

  BindAckPdu bound() throws PduException {
    conn.receive(bind(1, 0, Optional.empty(), ctx(0, ECHO, SyntaxId.NDR20)));
    return (BindAckPdu) client.one();
  }

  FaultPdu fault() throws PduException {
    return assertInstanceOf(FaultPdu.class, client.one());
  }

  @Test
  void bindNegotiatesEachContext() throws PduException {
    conn.receive(
        bind(
            1,
            0,
            Optional.empty(),
            ctx(0, ECHO, SyntaxId.NDR64),
            ctx(1, ECHO, SyntaxId.NDR64, SyntaxId.NDR20),
            ctx(2, ECHO, SyntaxId.featureNegotiation(3)),
            ctx(3, UNKNOWN, SyntaxId.NDR20)));
    BindAckPdu ack = assertInstanceOf(BindAckPdu.class, client.one());
    assertEquals(
        List.of(
            ContextResult.rejected(ContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED),
            ContextResult.accepted(SyntaxId.NDR20),
            new ContextResult(ContextResult.NEGOTIATE_ACK, 2, SyntaxId.NULL),
            ContextResult.rejected(ContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED)),
        ack.body().results());
    assertEquals(4280, ack.body().maxXmitFrag());
    assertEquals("\\PIPE\\echo", ack.body().secondaryAddress());
    assertNotEquals(0, ack.body().assocGroupId());
    assertEquals(ConnectionState.BOUND, conn.state());
    // only context 1 is usable
    conn.receive(request(2, PfcFlags.FIRST_AND_LAST, 1, 0, new byte[] {7}));
    assertArrayEquals(new byte[] {7}, ((ResponsePdu) client.one()).stub().toByteArray());
    conn.receive(request(3, PfcFlags.FIRST_AND_LAST, 0, 0, new byte[] {7}));
    assertEquals(RpcStatus.UNK_IF, fault().status());
  }

  @Test
  void unknownInterfaceIsRejectedThenAlterContextAddsOne() throws PduException {
    conn.receive(bind(1, 0, Optional.empty(), ctx(0, UNKNOWN, SyntaxId.NDR20)));
    BindAckPdu ack = (BindAckPdu) client.one();
    assertEquals(ContextResult.PROVIDER_REJECTION, ack.body().results().get(0).result());
    conn.receive(
        Client.bytes(
            new AlterContextPdu(
                PfcFlags.FIRST_AND_LAST,
                2,
                new BindBody(4280, 4280, 0, List.of(ctx(5, ECHO, SyntaxId.NDR20))),
                Optional.empty())));
    AlterContextRespPdu resp = assertInstanceOf(AlterContextRespPdu.class, client.one());
    assertEquals(List.of(ContextResult.accepted(SyntaxId.NDR20)), resp.body().results());
    conn.receive(request(3, PfcFlags.FIRST_AND_LAST, 5, 0, new byte[] {1}));
    assertInstanceOf(ResponsePdu.class, client.one());
  }

  @Test
  void unknownOpnumHandlerBugAndHandlerFault() throws PduException {
    bound();
    conn.receive(call(2, 99, new byte[0]));
    FaultPdu f = fault();
    assertEquals(RpcStatus.OP_RNG_ERROR, f.status());
    assertEquals(2, f.callId());
    assertTrue((f.flags() & PfcFlags.DID_NOT_EXECUTE) != 0);
    conn.receive(call(3, 2, new byte[0]));
    assertEquals(RpcStatus.FAULT_UNSPEC, fault().status());
    conn.receive(call(4, 3, new byte[0]));
    assertEquals(RpcStatus.ACCESS_DENIED, fault().status());
    assertEquals(ConnectionState.BOUND, conn.state());
  }

  @Test
  void asynchronousCallsCompleteInAnyOrder() throws PduException {
    bound();
    conn.receive(call(10, 1, new byte[] {1}));
    conn.receive(call(11, 1, new byte[] {2}));
    conn.receive(call(12, 0, new byte[] {3}));
    assertEquals(12, client.one().callId()); // the synchronous call is not held up
    assertEquals(2, conn.pendingCalls());
    later.get(2).complete(new byte[] {22});
    later.get(1).complete(new byte[] {11});
    List<Pdu> out = client.take();
    assertEquals(11, out.get(0).callId());
    assertEquals(10, out.get(1).callId());
    assertEquals(0, conn.pendingCalls());
  }

  @Test
  void fragmentedRequestAndFragmentedResponse() throws PduException {
    BindAckPdu ack = bound();
    assertEquals(4280, ack.body().maxRecvFrag());
    byte[] stub = new byte[9000];
    new Random(1).nextBytes(stub);
    stub[0] = 9; // opnum 4 answers 9000 zero bytes
    int[][] parts = {{0, 3000}, {3000, 6000}, {6000, 9000}};
    for (int i = 0; i < parts.length; i++) {
      int flags = (i == 0 ? PfcFlags.FIRST_FRAG : 0) | (i == 2 ? PfcFlags.LAST_FRAG : 0);
      byte[] part = java.util.Arrays.copyOfRange(stub, parts[i][0], parts[i][1]);
      // alloc_hint lies (says 1 GiB): it is never trusted
      conn.receive(
          Client.bytes(
              new io.cephsmb.dcerpc.pdu.RequestPdu(
                  flags, 5, 1 << 30, 0, 0, Optional.empty(), Octets.of(part), Optional.empty())));
    }
    List<byte[]> raw = client.takeRaw();
    assertEquals(3, raw.size());
    for (byte[] fragment : raw) {
      assertTrue(fragment.length <= 4280);
    }
    List<Pdu> fragments = new java.util.ArrayList<>();
    for (byte[] b : raw) {
      fragments.add(Pdu.decode(io.netty.buffer.Unpooled.wrappedBuffer(b)));
    }
    assertEquals(PfcFlags.FIRST_FRAG, fragments.get(0).flags());
    assertEquals(0, fragments.get(1).flags());
    assertEquals(PfcFlags.LAST_FRAG, fragments.get(2).flags());
    assertEquals(9000, ((ResponsePdu) fragments.get(0)).allocHint());
    assertArrayEquals(stub, Client.stubOf(fragments));
  }

  @Test
  void continuationWithoutFirstFragmentIsAProtocolErrorAndAborts() throws PduException {
    bound();
    conn.receive(request(2, PfcFlags.LAST_FRAG, 0, 0, new byte[] {1}));
    assertEquals(RpcStatus.PROTO_ERROR, fault().status());
    assertTrue(client.aborted);
    assertEquals(ConnectionState.CLOSED, conn.state());
    conn.receive(call(3, 0, new byte[] {1}));
    assertTrue(client.take().isEmpty());
  }

  @Test
  void interleavedCallIdIsAProtocolError() throws PduException {
    bound();
    conn.receive(request(2, PfcFlags.FIRST_FRAG, 0, 0, new byte[] {1}));
    conn.receive(request(3, PfcFlags.LAST_FRAG, 0, 0, new byte[] {1}));
    FaultPdu f = fault();
    assertEquals(RpcStatus.PROTO_ERROR, f.status());
    assertEquals(3, f.callId());
    assertTrue(client.aborted);
  }

  @Test
  void requestBeyondTheReassemblyLimit() throws PduException {
    RpcServer small = new RpcServer(List.of(echo), List.of(), 4280, 5000);
    ServerConnection c = small.connect(client, "");
    c.receive(bind(1, 0, Optional.empty(), ctx(0, ECHO, SyntaxId.NDR20)));
    client.take();
    c.receive(request(2, PfcFlags.FIRST_FRAG, 0, 0, new byte[4000]));
    c.receive(request(2, 0, 0, 0, new byte[4000]));
    assertEquals(RpcStatus.FAULT_REMOTE_NO_MEMORY, fault().status());
    assertTrue(client.aborted);
  }

  @Test
  void fragmentBeyondMaxRecvFrag() throws PduException {
    conn.receive(
        Client.bytes(
            new io.cephsmb.dcerpc.pdu.BindPdu(
                PfcFlags.FIRST_AND_LAST,
                1,
                new BindBody(2000, 2000, 0, List.of(ctx(0, ECHO, SyntaxId.NDR20))),
                Optional.empty())));
    BindAckPdu ack = (BindAckPdu) client.one();
    assertEquals(2000, ack.body().maxRecvFrag());
    conn.receive(call(2, 0, new byte[2500]));
    assertEquals(RpcStatus.PROTO_ERROR, fault().status());
    assertTrue(client.aborted);
  }

  @Test
  void tooSmallFragmentSizesAreRefused() throws PduException {
    conn.receive(
        Client.bytes(
            new io.cephsmb.dcerpc.pdu.BindPdu(
                PfcFlags.FIRST_AND_LAST,
                1,
                new BindBody(1000, 4280, 0, List.of(ctx(0, ECHO, SyntaxId.NDR20))),
                Optional.empty())));
    assertInstanceOf(BindNakPdu.class, client.one());
    assertEquals(ConnectionState.AWAITING_BIND, conn.state());
  }

  @Test
  void malformedAndOutOfStatePdus() throws PduException {
    // big-endian bind: bind_nak, the connection may try again
    conn.receive(Octets.ofHex("05000b03 00000000 0010 0000 00000007").toByteArray());
    BindNakPdu nak = assertInstanceOf(BindNakPdu.class, client.one());
    assertEquals(7, nak.callId());
    assertEquals(BindNakPdu.REASON_NOT_SPECIFIED, nak.rejectReason());
    // version 4 bind
    conn.receive(Octets.ofHex("04000b03 10000000 1000 0000 08000000").toByteArray());
    assertEquals(
        BindNakPdu.PROTOCOL_VERSION_NOT_SUPPORTED, ((BindNakPdu) client.one()).rejectReason());
    assertFalse(client.aborted);
    // a request before bind: fault and abort
    conn.receive(call(2, 0, new byte[] {1}));
    assertEquals(RpcStatus.PROTO_ERROR, fault().status());
    assertTrue(client.aborted);
  }

  @Test
  void bigEndianOrGarbageRequestAborts() throws PduException {
    bound();
    conn.receive(
        Octets.ofHex("05000003 00000000 0018 0000 00000009 00000000 00000000").toByteArray());
    FaultPdu f = fault();
    assertEquals(9, f.callId());
    assertEquals(RpcStatus.PROTO_ERROR, f.status());
    assertTrue(client.aborted);
  }

  @Test
  void randomGarbageNeverEscapes() throws PduException {
    Random random = new Random(42);
    int answered = 0;
    for (int i = 0; i < 2000; i++) {
      Client c = new Client();
      ServerConnection sc = server.connect(c, "");
      sc.receive(bind(1, 0, Optional.empty(), ctx(0, ECHO, SyntaxId.NDR20)));
      c.take();
      byte[] junk = call(2, random.nextInt(5), new byte[random.nextInt(40)]);
      for (int j = 0; j < 3; j++) {
        junk[random.nextInt(junk.length)] = (byte) random.nextInt(256);
      }
      sc.receive(junk); // must not throw
      List<Pdu> out = c.take(); // everything the server sent back is a well-formed PDU
      if (!out.isEmpty() || c.aborted) {
        answered++;
      }
      sc.close();
      assertEquals(0, sc.pendingCalls(), "close leaves no pending call");
    }
    // a corrupted fragment may legitimately wait for more (a cleared LAST_FRAG flag); most
    // garbage must be answered with a PDU or an abort
    assertTrue(answered > 1000, "answered " + answered + " of 2000");
  }

  @Test
  void coCancelOrphanedAndDisconnect() throws PduException {
    bound();
    conn.receive(call(20, 1, new byte[] {1}));
    conn.receive(call(21, 1, new byte[] {2}));
    conn.receive(call(22, 1, new byte[] {3}));
    conn.receive(Client.bytes(new CoCancelPdu(PfcFlags.FIRST_AND_LAST, 20, Optional.empty())));
    assertTrue(seen.get(1).isCancelled());
    assertTrue(later.get(1).isCancelled());
    FaultPdu f = fault();
    assertEquals(20, f.callId());
    assertEquals(RpcStatus.FAULT_CANCEL, f.status());
    conn.receive(Client.bytes(new OrphanedPdu(PfcFlags.FIRST_AND_LAST, 21, Optional.empty())));
    assertTrue(seen.get(2).isCancelled());
    assertTrue(client.take().isEmpty()); // no response for an orphaned call
    AssociationGroup group = conn.group();
    conn.close();
    assertTrue(seen.get(3).isCancelled());
    assertTrue(later.get(3).isCancelled());
    assertEquals(0, conn.pendingCalls());
    assertEquals(null, server.groups().find(group.id()));
    later.get(3).complete(new byte[] {1}); // late completion after close: ignored
    assertTrue(client.take().isEmpty());
  }

  @Test
  void associationGroupIsReusedBySecondConnection() throws PduException {
    int id = bound().body().assocGroupId();
    Client c2 = new Client();
    ServerConnection second = server.connect(c2, "");
    second.receive(bind(1, id, Optional.empty(), ctx(0, ECHO, SyntaxId.NDR20)));
    assertEquals(id, ((BindAckPdu) c2.one()).body().assocGroupId());
    assertSame(conn.group(), second.group());
    assertEquals(2, conn.group().connections());
    conn.close();
    assertSame(second.group(), server.groups().find(id));
    Client c3 = new Client();
    server
        .connect(c3, "")
        .receive(bind(1, id + 1000, Optional.empty(), ctx(0, ECHO, SyntaxId.NDR20)));
    assertInstanceOf(BindNakPdu.class, c3.one());
  }

  @Test
  void secondBindIsRefused() throws PduException {
    bound();
    conn.receive(bind(2, 0, Optional.empty(), ctx(0, ECHO, SyntaxId.NDR20)));
    assertInstanceOf(BindNakPdu.class, client.one());
  }
}
