package io.cephsmb.dcerpc.np;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.dcerpc.pdu.BindAckPdu;
import io.cephsmb.dcerpc.pdu.BindBody;
import io.cephsmb.dcerpc.pdu.BindPdu;
import io.cephsmb.dcerpc.pdu.FaultPdu;
import io.cephsmb.dcerpc.pdu.Octets;
import io.cephsmb.dcerpc.pdu.Pdu;
import io.cephsmb.dcerpc.pdu.PfcFlags;
import io.cephsmb.dcerpc.pdu.PresentationContext;
import io.cephsmb.dcerpc.pdu.RequestPdu;
import io.cephsmb.dcerpc.pdu.ResponsePdu;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import io.cephsmb.dcerpc.server.CallContext;
import io.cephsmb.dcerpc.server.RpcInterface;
import io.cephsmb.dcerpc.server.RpcServer;
import io.cephsmb.dcerpc.server.RpcStatus;
import io.cephsmb.dcerpc.server.TransportIdentity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One pipe instance: message-mode reads, waiting reads, transceive, peek, breaks. */
class PipeEndpointTest {
  static final SyntaxId ECHO =
      new SyntaxId(UUID.fromString("12345678-1234-abcd-ef00-0123456789ab"), 1, 0);

  final CompletableFuture<byte[]> later = new CompletableFuture<>();
  final CompletableFuture<CallContext> seen = new CompletableFuture<>();
  final RpcServer server =
      new RpcServer(
          List.of(
              new RpcInterface(
                  ECHO,
                  Map.of(
                      0, (c, stub) -> CompletableFuture.completedFuture(stub),
                      1,
                          (c, stub) -> {
                            seen.complete(c);
                            return later;
                          },
                      2,
                          (c, stub) ->
                              CompletableFuture.completedFuture(
                                  c.transport().principal().getBytes(StandardCharsets.UTF_8)),
                      3, (c, stub) -> CompletableFuture.completedFuture(new byte[10_000])))),
          List.of());
  final PipeEndpoint pipe =
      PipeEndpoint.open(
          server, "\\PIPE\\echo", new TransportIdentity("DOM\\alice", new byte[] {1, 2}));

  static byte[] encode(Pdu p) {
    ByteBuf b = Unpooled.buffer();
    p.encode(b);
    return ByteBufUtil.getBytes(b);
  }

  static byte[] bind() {
    return encode(
        new BindPdu(
            PfcFlags.FIRST_AND_LAST,
            1,
            new BindBody(
                4280, 4280, 0, List.of(new PresentationContext(0, ECHO, List.of(SyntaxId.NDR20)))),
            Optional.empty()));
  }

  static byte[] call(int callId, int opnum, byte[] stub) {
    return encode(
        new RequestPdu(
            PfcFlags.FIRST_AND_LAST,
            callId,
            stub.length,
            0,
            opnum,
            Optional.empty(),
            Octets.of(stub),
            Optional.empty()));
  }

  static Pdu decode(byte[] b) throws Exception {
    return Pdu.decode(Unpooled.wrappedBuffer(b));
  }

  byte[] readNow(int max) throws Exception {
    CompletableFuture<PipeChunk> f = pipe.read(max);
    assertTrue(f.isDone(), "data was queued");
    return f.get().data();
  }

  void bound() throws Exception {
    pipe.write(bind());
    BindAckPdu ack = assertInstanceOf(BindAckPdu.class, decode(readNow(4280)));
    assertEquals("\\PIPE\\echo", ack.body().secondaryAddress());
  }

  @Test
  void bindAndCallAsMessages() throws Exception {
    bound();
    pipe.write(call(2, 0, "hi".getBytes(StandardCharsets.US_ASCII)));
    ResponsePdu r = assertInstanceOf(ResponsePdu.class, decode(readNow(4280)));
    assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), r.stub().toByteArray());
  }

  @Test
  void aShortReadLeavesTheRestOfTheMessage() throws Exception {
    pipe.write(bind());
    int total = pipe.readDataAvailable();
    CompletableFuture<PipeChunk> first = pipe.read(10);
    assertTrue(first.get().overflow());
    assertEquals(total - 10, first.get().messageRemaining());
    byte[] rest = readNow(4280);
    assertEquals(total - 10, rest.length);
    byte[] whole = new byte[total];
    System.arraycopy(first.get().data(), 0, whole, 0, 10);
    System.arraycopy(rest, 0, whole, 10, rest.length);
    assertInstanceOf(BindAckPdu.class, decode(whole));
  }

  @Test
  void aPduSplitOverWritesAndTwoPdusInOneWrite() throws Exception {
    byte[] b = bind();
    pipe.write(Arrays.copyOf(b, 5));
    assertEquals(0, pipe.readDataAvailable());
    pipe.write(Arrays.copyOfRange(b, 5, b.length));
    assertInstanceOf(BindAckPdu.class, decode(readNow(4280)));
    byte[] c1 = call(2, 0, new byte[] {1});
    byte[] c2 = call(3, 0, new byte[] {2});
    byte[] both = Arrays.copyOf(c1, c1.length + c2.length);
    System.arraycopy(c2, 0, both, c1.length, c2.length);
    pipe.write(both);
    assertEquals(2, pipe.peek(0).messages());
    assertEquals(2, decode(readNow(4280)).callId());
    assertEquals(3, decode(readNow(4280)).callId());
  }

  @Test
  void aReadWaitsForTheAnswerAndCanBeCancelled() throws Exception {
    bound();
    CompletableFuture<PipeChunk> waiting = pipe.read(4280);
    assertFalse(waiting.isDone());
    assertTrue(pipe.cancelRead(waiting));
    assertFalse(pipe.cancelRead(waiting));
    CompletableFuture<PipeChunk> read = pipe.read(4280);
    pipe.write(call(2, 1, new byte[] {7}));
    assertFalse(read.isDone());
    later.complete(new byte[] {9});
    ResponsePdu r =
        assertInstanceOf(ResponsePdu.class, decode(read.get(5, TimeUnit.SECONDS).data()));
    assertArrayEquals(new byte[] {9}, r.stub().toByteArray());
    assertFalse(waiting.isDone());
  }

  @Test
  void transceiveAnswersTheFirstFragmentAndReadsTheRest() throws Exception {
    bound();
    PipeChunk c = pipe.transceive(call(2, 3, new byte[0]), 1024).get(5, TimeUnit.SECONDS);
    assertTrue(c.overflow());
    assertEquals(1024, c.length());
    int fragment = c.length() + c.messageRemaining();
    assertTrue(fragment <= 4280);
    readNow(4280);
    assertTrue(pipe.readDataAvailable() > 0, "the other fragments are queued");
    PipeException busy =
        assertThrows(PipeException.class, () -> pipe.transceive(call(3, 0, new byte[0]), 4280));
    assertEquals(PipeException.Kind.BUSY, busy.kind());
  }

  @Test
  void theTransportIdentityReachesTheHandler() throws Exception {
    bound();
    pipe.write(call(2, 2, new byte[0]));
    ResponsePdu r = assertInstanceOf(ResponsePdu.class, decode(readNow(4280)));
    assertEquals("DOM\\alice", new String(r.stub().toByteArray(), StandardCharsets.UTF_8));
  }

  @Test
  void peekShowsWithoutTaking() throws Exception {
    pipe.write(bind());
    PipePeek p = pipe.peek(4);
    assertTrue(p.connected());
    assertEquals(1, p.messages());
    assertEquals(p.readDataAvailable(), p.messageLength());
    assertEquals(4, p.data().length);
    assertEquals(5, p.data()[0]);
    assertEquals(p.messageLength(), readNow(4280).length);
    assertEquals(0, pipe.peek(4).messages());
  }

  @Test
  void garbageDisconnectsThePipe() throws Exception {
    bound();
    CompletableFuture<PipeChunk> waiting = pipe.read(100);
    pipe.write(new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
    ExecutionException e = assertThrows(ExecutionException.class, waiting::get);
    assertEquals(
        PipeException.Kind.DISCONNECTED,
        assertInstanceOf(PipeException.class, e.getCause()).kind());
    assertEquals(
        PipeException.Kind.DISCONNECTED,
        assertThrows(PipeException.class, () -> pipe.write(bind())).kind());
    assertFalse(pipe.connected());
  }

  @Test
  void aProtocolErrorLeavesTheFaultToReadThenDisconnects() throws Exception {
    pipe.write(call(1, 0, new byte[0])); // a request before bind: fault + abort
    FaultPdu f = assertInstanceOf(FaultPdu.class, decode(readNow(4280)));
    assertEquals(RpcStatus.PROTO_ERROR, f.status());
    ExecutionException e = assertThrows(ExecutionException.class, () -> pipe.read(10).get());
    assertInstanceOf(PipeException.class, e.getCause());
  }

  @Test
  void closeCancelsPendingCallsAndReads() throws Exception {
    bound();
    pipe.write(call(2, 1, new byte[] {7}));
    CallContext c = seen.get(5, TimeUnit.SECONDS);
    CompletableFuture<PipeChunk> waiting = pipe.read(100);
    pipe.close();
    assertTrue(c.isCancelled());
    assertTrue(waiting.isCompletedExceptionally());
    assertEquals(
        PipeException.Kind.CLOSED,
        assertThrows(PipeException.class, () -> pipe.write(bind())).kind());
  }
}
