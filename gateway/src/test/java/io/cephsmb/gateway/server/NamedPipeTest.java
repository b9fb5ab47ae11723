package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.dcerpc.mssrvs.ServerIdentity;
import io.cephsmb.dcerpc.mssrvs.ShareInfo;
import io.cephsmb.dcerpc.mssrvs.ShareInfoSource;
import io.cephsmb.dcerpc.mssrvs.Srvsvc;
import io.cephsmb.dcerpc.ndr.UnionValue;
import io.cephsmb.dcerpc.pdu.AuthVerifier;
import io.cephsmb.dcerpc.pdu.BindAckPdu;
import io.cephsmb.dcerpc.pdu.BindBody;
import io.cephsmb.dcerpc.pdu.BindNakPdu;
import io.cephsmb.dcerpc.pdu.BindPdu;
import io.cephsmb.dcerpc.pdu.ContextResult;
import io.cephsmb.dcerpc.pdu.FaultPdu;
import io.cephsmb.dcerpc.pdu.Octets;
import io.cephsmb.dcerpc.pdu.Pdu;
import io.cephsmb.dcerpc.pdu.PfcFlags;
import io.cephsmb.dcerpc.pdu.PresentationContext;
import io.cephsmb.dcerpc.pdu.RequestPdu;
import io.cephsmb.dcerpc.pdu.ResponsePdu;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import io.cephsmb.dcerpc.server.RpcStatus;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2CancelRequest;
import io.cephsmb.gateway.mssmb2.Smb2CloseRequest;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2CreateRequest;
import io.cephsmb.gateway.mssmb2.Smb2CreateResponse;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.cephsmb.gateway.mssmb2.Smb2IoctlRequest;
import io.cephsmb.gateway.mssmb2.Smb2IoctlResponse;
import io.cephsmb.gateway.mssmb2.Smb2OutputBufferResponse;
import io.cephsmb.gateway.mssmb2.Smb2QueryInfoRequest;
import io.cephsmb.gateway.mssmb2.Smb2ReadRequest;
import io.cephsmb.gateway.mssmb2.Smb2ReadResponse;
import io.cephsmb.gateway.mssmb2.Smb2SetInfoRequest;
import io.cephsmb.gateway.mssmb2.Smb2WriteRequest;
import io.cephsmb.gateway.pipe.NamedPipes;
import io.cephsmb.gateway.rpc.RpcServices;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Named pipes on IPC$ through the whole SMB pipeline: CREATE of the pipe names, WRITE/READ in
 * message mode, reads that wait (interim response, CANCEL), FSCTL_PIPE_TRANSCEIVE with
 * BUFFER_OVERFLOW, PEEK, WAIT, the pipe information classes, CLOSE, and bad DCE/RPC input over the
 * pipe (each answered, the pipe or the server still serving).
 */
class NamedPipeTest {
  static final int FSCTL_PIPE_PEEK = 0x0011400C;
  static final int FSCTL_PIPE_TRANSCEIVE = 0x0011C017;
  static final int FSCTL_PIPE_WAIT = 0x00110018;

  RpcServices rpc;
  NamedPipes pipes;
  EmbeddedServer server;
  Smb2TestClient c;

  @BeforeEach
  void start() throws Exception {
    rpc =
        RpcServices.start(
            null,
            -1,
            0,
            List.of(),
            ShareInfoSource.of(
                List.of(
                    ShareInfo.ipc("IPC Service"),
                    ShareInfo.disk("share", "the share", "/share"),
                    ShareInfo.disk("docs", "documents", "/docs"))),
            ServerIdentity.of("CEPHSMB", "WORKGROUP", "test"));
    pipes = new NamedPipes(rpc.pipes());
    server = new EmbeddedServer(b -> {}, pipes.wrap(Map.of()));
    c = new Smb2TestClient(server).ready("IPC$");
  }

  @AfterEach
  void stop() {
    server.close();
    rpc.close();
  }

  // --- SMB side ------------------------------------------------------------------------------

  Smb2TestClient.Reply create(String name) {
    return c.call(
        c.request(
            Smb2Command.CREATE,
            b ->
                new Smb2CreateRequest(0, 0, 2, 0x0012019f, 0, 7, 1, 0, name, List.of()).encode(b)));
  }

  Smb2FileId open(String name) {
    Smb2TestClient.Reply r = create(name);
    assertEquals(NtStatus.SUCCESS, r.status());
    return Smb2CreateResponse.decode(Unpooled.wrappedBuffer(r.message())).fileId();
  }

  Smb2TestClient.Reply write(Smb2FileId id, byte[] data) {
    return c.call(
        c.request(Smb2Command.WRITE, b -> new Smb2WriteRequest(0, id, 0, 0, 0, data).encode(b)));
  }

  byte[] writeRequest(Smb2FileId id, byte[] data) {
    return c.request(Smb2Command.WRITE, b -> new Smb2WriteRequest(0, id, 0, 0, 0, data).encode(b));
  }

  byte[] readRequest(Smb2FileId id, int length) {
    return c.request(
        Smb2Command.READ, b -> new Smb2ReadRequest(0, 0, length, 0, id, 0, 0, 0).encode(b));
  }

  Smb2TestClient.Reply read(Smb2FileId id, int length) {
    return c.call(readRequest(id, length));
  }

  static byte[] data(Smb2TestClient.Reply r) {
    return Smb2ReadResponse.decode(Unpooled.wrappedBuffer(r.message())).data();
  }

  Smb2TestClient.Reply ioctl(int ctl, Smb2FileId id, byte[] input, int maxOut) {
    return c.call(
        c.request(
            Smb2Command.IOCTL,
            b -> new Smb2IoctlRequest(ctl, id, input, 0, new byte[0], maxOut, 1).encode(b)));
  }

  static byte[] ioctlOutput(Smb2TestClient.Reply r) {
    return Smb2IoctlResponse.decode(Unpooled.wrappedBuffer(r.message())).output();
  }

  Smb2TestClient.Reply queryInfo(Smb2FileId id, int cls, int max) {
    return c.call(
        c.request(
            Smb2Command.QUERY_INFO,
            b -> new Smb2QueryInfoRequest(1, cls, max, new byte[0], 0, 0, id).encode(b)));
  }

  static byte[] info(Smb2TestClient.Reply r) {
    assertEquals(NtStatus.SUCCESS, r.status());
    return Smb2OutputBufferResponse.decode(Unpooled.wrappedBuffer(r.message())).output();
  }

  NtStatus close(Smb2FileId id) {
    return c.call(c.request(Smb2Command.CLOSE, b -> new Smb2CloseRequest(0, id).encode(b)))
        .status();
  }

  // --- DCE/RPC side --------------------------------------------------------------------------

  static byte[] encode(Pdu p) {
    ByteBuf b = Unpooled.buffer();
    p.encode(b);
    return ByteBufUtil.getBytes(b);
  }

  static byte[] bind(SyntaxId abs, SyntaxId transfer, Optional<AuthVerifier> auth) {
    return encode(
        new BindPdu(
            PfcFlags.FIRST_AND_LAST,
            1,
            new BindBody(
                4280, 4280, 0, List.of(new PresentationContext(0, abs, List.of(transfer)))),
            auth));
  }

  static byte[] request(int callId, int flags, int opnum, byte[] stub) {
    return encode(
        new RequestPdu(
            flags,
            callId,
            stub.length,
            0,
            opnum,
            Optional.empty(),
            Octets.of(stub),
            Optional.empty()));
  }

  static byte[] enumAll(int level) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("ServerName", "\\\\CEPHSMB");
    Map<String, Object> ctr = new LinkedHashMap<>();
    ctr.put("EntriesRead", 0);
    ctr.put("Buffer", null);
    in.put("InfoStruct", Map.of("Level", level, "ShareInfo", new UnionValue(level, ctr)));
    in.put("PreferedMaximumLength", -1);
    in.put("ResumeHandle", null);
    return Srvsvc.NETR_SHARE_ENUM_ALL.encodeRequest(in);
  }

  static Pdu pdu(byte[] b) throws Exception {
    return Pdu.decode(Unpooled.wrappedBuffer(b));
  }

  Smb2FileId boundSrvsvc() throws Exception {
    Smb2FileId id = open("srvsvc");
    assertEquals(
        NtStatus.SUCCESS,
        write(id, bind(Srvsvc.SYNTAX, SyntaxId.NDR20, Optional.empty())).status());
    BindAckPdu ack = assertInstanceOf(BindAckPdu.class, pdu(data(read(id, 4280))));
    assertEquals("\\PIPE\\srvsvc", ack.body().secondaryAddress());
    assertEquals(ContextResult.ACCEPTANCE, ack.body().results().get(0).result());
    return id;
  }

  /** Reads whole PDUs until the last fragment; returns the response stub. */
  byte[] readResponse(Smb2FileId id) throws Exception {
    ByteArrayOutputStream stub = new ByteArrayOutputStream();
    while (true) {
      ResponsePdu r = assertInstanceOf(ResponsePdu.class, pdu(data(read(id, 65536))));
      stub.writeBytes(r.stub().toByteArray());
      if ((r.flags() & PfcFlags.LAST_FRAG) != 0) {
        return stub.toByteArray();
      }
    }
  }

  // --- tests ---------------------------------------------------------------------------------

  @Test
  void pipeNamesAsClientsSendThem() {
    for (String name : List.of("srvsvc", "\\PIPE\\srvsvc", "PIPE\\SRVSVC", "wkssvc", "epmapper")) {
      Smb2FileId id = open(name);
      assertEquals(NtStatus.SUCCESS, close(id));
    }
    for (String name : List.of("lsarpc", "nosuch", "\\PIPE\\", "a\\srvsvc", "")) {
      assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, create(name).status(), name);
    }
    assertEquals(0, pipes.openCount());
  }

  @Test
  void enumerateSharesOverWriteAndRead() throws Exception {
    Smb2FileId id = boundSrvsvc();
    assertEquals(
        NtStatus.SUCCESS, write(id, request(2, PfcFlags.FIRST_AND_LAST, 15, enumAll(1))).status());
    Map<String, Object> out = Srvsvc.NETR_SHARE_ENUM_ALL.decodeResponse(readResponse(id));
    assertEquals(3, out.get("TotalEntries"));
    assertTrue(out.toString().contains("documents"), out.toString());
  }

  @Test
  void aShortReadIsBufferOverflowAndTheRestFollows() throws Exception {
    Smb2FileId id = open("srvsvc");
    write(id, bind(Srvsvc.SYNTAX, SyntaxId.NDR20, Optional.empty()));
    Smb2TestClient.Reply first = read(id, 10);
    assertEquals(NtStatus.BUFFER_OVERFLOW, first.status());
    assertEquals(10, data(first).length);
    Smb2TestClient.Reply rest = read(id, 4280);
    assertEquals(NtStatus.SUCCESS, rest.status());
    byte[] whole = Arrays.copyOf(data(first), 10 + data(rest).length);
    System.arraycopy(data(rest), 0, whole, 10, data(rest).length);
    assertInstanceOf(BindAckPdu.class, pdu(whole));
  }

  @Test
  void transceiveOverflowsAndReadGetsTheRest() throws Exception {
    Smb2FileId id = boundSrvsvc();
    Smb2TestClient.Reply r =
        ioctl(FSCTL_PIPE_TRANSCEIVE, id, request(2, PfcFlags.FIRST_AND_LAST, 15, enumAll(2)), 64);
    assertEquals(NtStatus.BUFFER_OVERFLOW, r.status());
    byte[] head = ioctlOutput(r);
    assertEquals(64, head.length);
    byte[] tail = data(read(id, 65536));
    byte[] whole = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, whole, head.length, tail.length);
    ResponsePdu resp = assertInstanceOf(ResponsePdu.class, pdu(whole));
    assertEquals(2, resp.callId());
    // a transceive that fits
    Smb2TestClient.Reply small =
        ioctl(FSCTL_PIPE_TRANSCEIVE, id, request(3, PfcFlags.FIRST_AND_LAST, 15, enumAll(0)), 4280);
    assertEquals(NtStatus.SUCCESS, small.status());
    assertEquals(3, pdu(ioctlOutput(small)).callId());
  }

  @Test
  void transceiveWithUnreadDataIsPipeBusy() throws Exception {
    Smb2FileId id = open("srvsvc");
    write(id, bind(Srvsvc.SYNTAX, SyntaxId.NDR20, Optional.empty()));
    Smb2TestClient.Reply r =
        ioctl(FSCTL_PIPE_TRANSCEIVE, id, request(2, PfcFlags.FIRST_AND_LAST, 15, enumAll(0)), 4280);
    assertEquals(NtStatus.PIPE_BUSY, r.status());
  }

  @Test
  void aReadWithNothingToReadGoesAsyncAndCancelEndsIt() throws Exception {
    Smb2FileId id = boundSrvsvc();
    Smb2TestClient.Reply interim = c.callRaw(readRequest(id, 4280));
    assertEquals(NtStatus.PENDING, interim.status());
    assertTrue(interim.header().isAsync());
    byte[] cancel =
        Smb2TestClient.request(
            Smb2Command.CANCEL,
            0,
            c.sessionId,
            0,
            Smb2Header.FLAG_ASYNC_COMMAND,
            0,
            b -> new Smb2CancelRequest().encode(b));
    Unpooled.wrappedBuffer(cancel).setLongLE(32, interim.header().asyncId());
    assertEquals(NtStatus.CANCELLED, c.call(cancel).status());
    // the pipe still works
    write(id, request(2, PfcFlags.FIRST_AND_LAST, 15, enumAll(0)));
    assertEquals(
        3, Srvsvc.NETR_SHARE_ENUM_ALL.decodeResponse(readResponse(id)).get("TotalEntries"));
  }

  @Test
  void aWaitingReadCompletesWhenTheAnswerComes() throws Exception {
    Smb2FileId id = boundSrvsvc();
    Smb2TestClient.Reply interim = c.callRaw(readRequest(id, 4280));
    assertEquals(NtStatus.PENDING, interim.status());
    // the WRITE's answer and then the READ's final response
    List<Smb2TestClient.Reply> replies =
        c.exchange(writeRequest(id, request(2, PfcFlags.FIRST_AND_LAST, 16, shareGetInfo("docs"))));
    assertEquals(NtStatus.SUCCESS, replies.get(0).status());
    Smb2TestClient.Reply fin = Smb2TestClient.split(server.receive()).get(0);
    assertEquals(NtStatus.SUCCESS, fin.status());
    assertEquals(interim.header().asyncId(), fin.header().asyncId());
    ResponsePdu r = assertInstanceOf(ResponsePdu.class, pdu(data(fin)));
    assertTrue(
        Srvsvc.NETR_SHARE_GET_INFO
            .decodeResponse(r.stub().toByteArray())
            .toString()
            .contains("docs"));
  }

  static byte[] shareGetInfo(String name) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("ServerName", null);
    in.put("NetName", name);
    in.put("Level", 1);
    return Srvsvc.NETR_SHARE_GET_INFO.encodeRequest(in);
  }

  @Test
  void peekShowsTheQueuedMessage() throws Exception {
    Smb2FileId id = open("srvsvc");
    write(id, bind(Srvsvc.SYNTAX, SyntaxId.NDR20, Optional.empty()));
    assertEquals(NtStatus.BUFFER_TOO_SMALL, ioctl(FSCTL_PIPE_PEEK, id, new byte[0], 8).status());
    Smb2TestClient.Reply part = ioctl(FSCTL_PIPE_PEEK, id, new byte[0], 20);
    assertEquals(NtStatus.BUFFER_OVERFLOW, part.status());
    ByteBuf p = Unpooled.wrappedBuffer(ioctlOutput(part));
    assertEquals(3, p.getIntLE(0)); // connected
    int available = p.getIntLE(4);
    assertEquals(1, p.getIntLE(8));
    assertEquals(available, p.getIntLE(12));
    assertEquals(20, p.readableBytes());
    Smb2TestClient.Reply all = ioctl(FSCTL_PIPE_PEEK, id, new byte[0], 65536);
    assertEquals(NtStatus.SUCCESS, all.status());
    assertArrayEquals(
        Arrays.copyOfRange(ioctlOutput(all), 16, 16 + available), data(read(id, 65536)));
  }

  @Test
  void pipeWaitKnowsThePipes() {
    assertEquals(
        NtStatus.SUCCESS, ioctl(FSCTL_PIPE_WAIT, Smb2FileId.ANY, waitFor("srvsvc"), 0).status());
    assertEquals(
        NtStatus.OBJECT_NAME_NOT_FOUND,
        ioctl(FSCTL_PIPE_WAIT, Smb2FileId.ANY, waitFor("nosuch"), 0).status());
    byte[] lying = waitFor("srvsvc");
    Unpooled.wrappedBuffer(lying).setIntLE(8, 1000);
    assertEquals(
        NtStatus.INVALID_PARAMETER, ioctl(FSCTL_PIPE_WAIT, Smb2FileId.ANY, lying, 0).status());
  }

  static byte[] waitFor(String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
    ByteBuf b = Unpooled.buffer();
    b.writeLongLE(0).writeIntLE(n.length).writeByte(0).writeByte(0).writeBytes(n);
    return ByteBufUtil.getBytes(b);
  }

  @Test
  void pipeInformationClasses() throws Exception {
    Smb2FileId id = open("wkssvc");
    ByteBuf std = Unpooled.wrappedBuffer(info(queryInfo(id, 5, 24)));
    assertEquals(1, std.getIntLE(16)); // NumberOfLinks
    assertEquals(1, std.getByte(20)); // DeletePending
    assertEquals(0, std.getByte(21)); // Directory
    ByteBuf pipe = Unpooled.wrappedBuffer(info(queryInfo(id, 23, 8)));
    assertEquals(1, pipe.getIntLE(0)); // message mode
    assertEquals(0, pipe.getIntLE(4)); // queue operation
    ByteBuf local = Unpooled.wrappedBuffer(info(queryInfo(id, 24, 40)));
    assertEquals(40, local.readableBytes());
    assertEquals(1, local.getIntLE(0)); // message type
    assertEquals(1, local.getIntLE(12)); // current instances
    assertEquals(3, local.getIntLE(32)); // connected
    assertEquals(NtStatus.INFO_LENGTH_MISMATCH, queryInfo(id, 24, 39).status());
    assertEquals(NtStatus.NOT_SUPPORTED, queryInfo(id, 4, 100).status());
    byte[] mode = new byte[8];
    mode[0] = 1;
    assertEquals(
        NtStatus.SUCCESS,
        c.call(
                c.request(
                    Smb2Command.SET_INFO,
                    b -> new Smb2SetInfoRequest(1, 23, mode, 0, id).encode(b)))
            .status());
    mode[0] = 7;
    assertEquals(
        NtStatus.INVALID_PARAMETER,
        c.call(
                c.request(
                    Smb2Command.SET_INFO,
                    b -> new Smb2SetInfoRequest(1, 23, mode, 0, id).encode(b)))
            .status());
  }

  @Test
  void closeEndsThePipeAndOtherFsctlsAreInvalidDeviceRequests() throws Exception {
    Smb2FileId id = boundSrvsvc();
    assertEquals(NtStatus.INVALID_DEVICE_REQUEST, ioctl(0x00090078, id, new byte[0], 100).status());
    assertEquals(1, pipes.openCount());
    assertEquals(NtStatus.SUCCESS, close(id));
    assertEquals(0, pipes.openCount());
    assertEquals(NtStatus.FILE_CLOSED, read(id, 10).status());
    assertEquals(NtStatus.FILE_CLOSED, close(id));
  }

  @Test
  void treeDisconnectAndLogoffClosePipes() {
    open("srvsvc");
    open("wkssvc");
    assertEquals(2, pipes.openCount());
    assertEquals(
        NtStatus.SUCCESS,
        c.call(c.request(Smb2Command.TREE_DISCONNECT, b -> b.writeShortLE(4).writeShortLE(0)))
            .status());
    assertEquals(0, pipes.openCount());
    assertEquals(NtStatus.SUCCESS, c.treeConnect("IPC$"));
    open("srvsvc");
    assertEquals(
        NtStatus.SUCCESS,
        c.call(c.request(Smb2Command.LOGOFF, b -> b.writeShortLE(4).writeShortLE(0))).status());
    assertEquals(0, pipes.openCount());
  }

  // --- bad DCE/RPC input over the pipe -------------------------------------------------------

  @Test
  void unknownOpnumIsAFaultAndThePipeGoesOn() throws Exception {
    Smb2FileId id = boundSrvsvc();
    write(id, request(2, PfcFlags.FIRST_AND_LAST, 200, new byte[0]));
    FaultPdu f = assertInstanceOf(FaultPdu.class, pdu(data(read(id, 4280))));
    assertEquals(RpcStatus.OP_RNG_ERROR, f.status());
    write(id, request(3, PfcFlags.FIRST_AND_LAST, 15, enumAll(0)));
    assertEquals(
        3, Srvsvc.NETR_SHARE_ENUM_ALL.decodeResponse(readResponse(id)).get("TotalEntries"));
  }

  @Test
  void unknownInterfaceAndTransferSyntaxAreRejected() throws Exception {
    Smb2FileId id = open("srvsvc");
    SyntaxId unknown = new SyntaxId(UUID.fromString("99999999-1234-abcd-ef00-0123456789ab"), 1, 0);
    write(id, bind(unknown, SyntaxId.NDR20, Optional.empty()));
    BindAckPdu ack = assertInstanceOf(BindAckPdu.class, pdu(data(read(id, 4280))));
    assertEquals(ContextResult.PROVIDER_REJECTION, ack.body().results().get(0).result());
    assertEquals(ContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED, ack.body().results().get(0).reason());
    Smb2FileId id2 = open("srvsvc");
    write(id2, bind(Srvsvc.SYNTAX, SyntaxId.NDR64, Optional.empty()));
    BindAckPdu ack2 = assertInstanceOf(BindAckPdu.class, pdu(data(read(id2, 4280))));
    assertEquals(ContextResult.PROVIDER_REJECTION, ack2.body().results().get(0).result());
    // an unknown auth_type: bind_nak
    Smb2FileId id3 = open("srvsvc");
    write(
        id3,
        bind(
            Srvsvc.SYNTAX,
            SyntaxId.NDR20,
            Optional.of(new AuthVerifier(0x44, 6, 0, 0, Octets.of(new byte[16])))));
    BindNakPdu nak = assertInstanceOf(BindNakPdu.class, pdu(data(read(id3, 4280))));
    assertEquals(BindNakPdu.AUTHENTICATION_TYPE_NOT_RECOGNIZED, nak.rejectReason());
  }

  @Test
  void fragmentsOutOfOrderAreAProtocolErrorThatDisconnectsThePipe() throws Exception {
    Smb2FileId id = boundSrvsvc();
    byte[] stub = enumAll(1);
    // a last fragment with no first one
    write(id, request(2, PfcFlags.LAST_FRAG, 15, Arrays.copyOfRange(stub, 8, stub.length)));
    FaultPdu f = assertInstanceOf(FaultPdu.class, pdu(data(read(id, 4280))));
    assertEquals(RpcStatus.PROTO_ERROR, f.status());
    assertEquals(NtStatus.PIPE_DISCONNECTED, read(id, 4280).status());
    assertEquals(NtStatus.PIPE_DISCONNECTED, write(id, enumAll(0)).status());
    assertEquals(NtStatus.SUCCESS, close(id));
    // another open is fine
    boundSrvsvc();
  }

  @Test
  void lyingFragLengthsDisconnectOrWait() throws Exception {
    Smb2FileId id = boundSrvsvc();
    byte[] call = request(2, PfcFlags.FIRST_AND_LAST, 15, enumAll(0));
    // frag_length longer than what is written: the pipe waits for the rest, nothing is answered
    byte[] longer = call.clone();
    Unpooled.wrappedBuffer(longer).setShortLE(8, call.length + 100);
    write(id, longer);
    Smb2TestClient.Reply interim = c.callRaw(readRequest(id, 4280));
    assertEquals(NtStatus.PENDING, interim.status());
    // the rest arrives as garbage that cannot start a PDU after the 100 bytes: a fault or a
    // disconnect, never a hang of the server
    assertEquals(NtStatus.SUCCESS, write(id, new byte[100]).status());
    Smb2TestClient.Reply fin = Smb2TestClient.split(server.receive()).get(0);
    assertTrue(
        fin.status() == NtStatus.SUCCESS || fin.status() == NtStatus.PIPE_DISCONNECTED,
        fin.status().toString());
    // frag_length shorter than the header: garbage, the pipe is disconnected
    Smb2FileId id2 = boundSrvsvc();
    byte[] shorter = call.clone();
    Unpooled.wrappedBuffer(shorter).setShortLE(8, 8);
    assertEquals(NtStatus.SUCCESS, write(id2, shorter).status());
    assertEquals(NtStatus.PIPE_DISCONNECTED, read(id2, 4280).status());
    // a lying alloc_hint changes nothing
    Smb2FileId id3 = boundSrvsvc();
    byte[] hint = call.clone();
    Unpooled.wrappedBuffer(hint).setIntLE(16, 0x7fffffff);
    write(id3, hint);
    assertEquals(
        3, Srvsvc.NETR_SHARE_ENUM_ALL.decodeResponse(readResponse(id3)).get("TotalEntries"));
  }

  @Test
  void aDisconnectClosesThePipes() {
    open("srvsvc");
    open("srvsvc");
    assertEquals(2, pipes.openCount());
    var unused = server.channel.close();
    server.channel.runPendingTasks();
    assertEquals(0, pipes.openCount());
  }
}
