package io.cephsmb.dcerpc.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.dcerpc.mssrvs.ServerIdentity;
import io.cephsmb.dcerpc.mssrvs.ShareInfo;
import io.cephsmb.dcerpc.mssrvs.ShareInfoSource;
import io.cephsmb.dcerpc.mssrvs.Srvsvc;
import io.cephsmb.dcerpc.mssrvs.SrvsvcService;
import io.cephsmb.dcerpc.ndr.UnionValue;
import io.cephsmb.dcerpc.pdu.BindAckPdu;
import io.cephsmb.dcerpc.pdu.BindNakPdu;
import io.cephsmb.dcerpc.pdu.ContextResult;
import io.cephsmb.dcerpc.pdu.FaultPdu;
import io.cephsmb.dcerpc.pdu.Pdu;
import io.cephsmb.dcerpc.pdu.PduHeader;
import io.cephsmb.dcerpc.pdu.ResponsePdu;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import io.cephsmb.dcerpc.server.RpcInterface;
import io.cephsmb.dcerpc.server.RpcServer;
import io.cephsmb.dcerpc.server.RpcStatus;
import io.netty.buffer.Unpooled;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ncacn_ip_tcp server on a real socket on 127.0.0.1: calls, bad input (garbage, lying
 * frag_length, unknown opnum, unknown interface) answered and the server still serving, pending
 * calls cancelled on disconnect.
 */
class TcpRpcServerTest {
  static final SyntaxId SLOW =
      new SyntaxId(UUID.fromString("0badcafe-0000-4000-8000-000000000001"), 1, 0);

  final CompletableFuture<Void> slowCallCancelled = new CompletableFuture<>();
  TcpRpcServer server;

  @BeforeEach
  void start() throws Exception {
    RpcInterface srvsvc =
        new SrvsvcService(
                ShareInfoSource.of(
                    List.of(ShareInfo.ipc("IPC"), ShareInfo.disk("data", "d", "/data"))),
                ServerIdentity.of("GW", "WG", "c"))
            .rpcInterface();
    RpcInterface slow =
        new RpcInterface(
            SLOW,
            Map.of(
                0,
                (call, stub) -> {
                  var unused = call.cancellation().thenRun(() -> slowCallCancelled.complete(null));
                  return new CompletableFuture<byte[]>(); // never completes by itself
                }));
    server =
        TcpRpcServer.start(
            new RpcServer(List.of(srvsvc, slow), List.of()),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new NioEventLoopGroup(1),
            true,
            Duration.ofMillis(500));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
    s.setSoTimeout(5000);
    return s;
  }

  static Pdu read(Socket s) throws Exception {
    DataInputStream in = new DataInputStream(s.getInputStream());
    byte[] header = new byte[PduHeader.LENGTH];
    in.readFully(header);
    int length = (header[8] & 0xff) | (header[9] & 0xff) << 8;
    byte[] pdu = new byte[length];
    System.arraycopy(header, 0, pdu, 0, header.length);
    in.readFully(pdu, header.length, length - header.length);
    return Pdu.decode(Unpooled.wrappedBuffer(pdu));
  }

  static void send(Socket s, byte[] b) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(b);
    out.flush();
  }

  /** True if the server closed the connection (EOF) within the socket timeout. */
  static boolean closedByServer(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    try {
      while (in.read() >= 0) {
        // drain what was sent before the close
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // connection reset
    }
  }

  void assertServes() throws Exception {
    try (Socket s = connect()) {
      send(s, Pdus.bind(1, Srvsvc.SYNTAX));
      assertInstanceOf(BindAckPdu.class, read(s));
      send(s, Pdus.request(2, 15, Pdus.enumAll(1)));
      ResponsePdu r = assertInstanceOf(ResponsePdu.class, read(s));
      Map<String, Object> out = Srvsvc.NETR_SHARE_ENUM_ALL.decodeResponse(r.stub().toByteArray());
      UnionValue u = (UnionValue) ((Map<?, ?>) out.get("InfoStruct")).get("ShareInfo");
      List<?> shares = (List<?>) ((Map<?, ?>) u.arm()).get("Buffer");
      assertEquals("data", ((Map<?, ?>) shares.get(1)).get("shi1_netname"));
    }
  }

  @Test
  void servesNetrShareEnumAll() throws Exception {
    assertServes();
    assertTrue(server.port() > 0);
  }

  @Test
  void garbageClosesThatConnectionOnly() throws Exception {
    try (Socket s = connect()) {
      send(s, "SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
      assertTrue(closedByServer(s));
    }
    assertServes();
  }

  @Test
  void aFragLengthLongerThanWhatArrivesTimesOut() throws Exception {
    try (Socket s = connect()) {
      byte[] bind = Pdus.bind(1, Srvsvc.SYNTAX);
      bind[8] = (byte) 0xff; // claims 511 bytes, sends ~72
      bind[9] = 0x01;
      send(s, bind);
      long start = System.nanoTime();
      assertTrue(closedByServer(s), "a stalled fragment is dropped after the timeout");
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }
    assertServes();
  }

  @Test
  void aFragLengthShorterThanThePduIsAnsweredThenTheRestIsGarbage() throws Exception {
    try (Socket s = connect()) {
      byte[] bind = Pdus.bind(1, Srvsvc.SYNTAX);
      bind[8] = 40; // the bind body cut short: bind_nak, then the tail is no PDU
      bind[9] = 0;
      send(s, bind);
      assertInstanceOf(BindNakPdu.class, read(s));
      assertTrue(closedByServer(s));
    }
    assertServes();
  }

  @Test
  void unknownOpnumIsAFaultAndTheConnectionStays() throws Exception {
    try (Socket s = connect()) {
      send(s, Pdus.bind(1, Srvsvc.SYNTAX));
      read(s);
      send(s, Pdus.request(2, 77, new byte[0]));
      FaultPdu f = assertInstanceOf(FaultPdu.class, read(s));
      assertEquals(RpcStatus.OP_RNG_ERROR, f.status());
      send(s, Pdus.request(3, 15, Pdus.enumAll(0)));
      assertInstanceOf(ResponsePdu.class, read(s));
    }
  }

  @Test
  void bindToAnUnknownInterfaceIsRejectedInTheBindAck() throws Exception {
    try (Socket s = connect()) {
      send(s, Pdus.bind(1, new SyntaxId(UUID.randomUUID(), 1, 0)));
      BindAckPdu ack = assertInstanceOf(BindAckPdu.class, read(s));
      assertEquals(
          ContextResult.rejected(ContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED),
          ack.body().results().get(0));
      assertEquals(Integer.toString(server.port()), ack.body().secondaryAddress());
      send(s, Pdus.request(2, 15, Pdus.enumAll(0)));
      FaultPdu f = assertInstanceOf(FaultPdu.class, read(s));
      assertEquals(RpcStatus.UNK_IF, f.status());
    }
    assertServes();
  }

  @Test
  void disconnectCancelsPendingCalls() throws Exception {
    try (Socket s = connect()) {
      send(s, Pdus.bind(1, SLOW));
      assertInstanceOf(BindAckPdu.class, read(s));
      send(s, Pdus.request(2, 0, new byte[0]));
      Thread.sleep(100);
    }
    slowCallCancelled.get(5, TimeUnit.SECONDS);
    assertServes();
  }

  @Test
  void aClientThatHangsUpMidPduDoesNotHurt() throws Exception {
    try (Socket s = connect()) {
      send(s, java.util.Arrays.copyOf(Pdus.bind(1, Srvsvc.SYNTAX), 30));
    }
    try (Socket s = connect()) {
      send(s, new byte[] {5});
      s.shutdownOutput();
      assertTrue(closedByServer(s));
    } catch (EOFException e) {
      throw new AssertionError(e);
    }
    assertServes();
  }
}
