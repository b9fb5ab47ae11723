package io.cephsmb.dcerpc.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cephsmb.dcerpc.epm.Endpoint;
import io.cephsmb.dcerpc.epm.EndpointRegistry;
import io.cephsmb.dcerpc.epm.Epmapper;
import io.cephsmb.dcerpc.epm.EpmapperService;
import io.cephsmb.dcerpc.mssrvs.ServerIdentity;
import io.cephsmb.dcerpc.mssrvs.ShareInfo;
import io.cephsmb.dcerpc.mssrvs.ShareInfoSource;
import io.cephsmb.dcerpc.mssrvs.Srvsvc;
import io.cephsmb.dcerpc.mssrvs.SrvsvcEnums;
import io.cephsmb.dcerpc.mssrvs.SrvsvcService;
import io.cephsmb.dcerpc.mswkst.Wkssvc;
import io.cephsmb.dcerpc.mswkst.WkssvcService;
import io.cephsmb.dcerpc.ndr.NdrException;
import io.cephsmb.dcerpc.ndr.Operation;
import io.cephsmb.dcerpc.np.PipeChunk;
import io.cephsmb.dcerpc.np.PipeEndpoint;
import io.cephsmb.dcerpc.np.PipeException;
import io.cephsmb.dcerpc.pdu.Pdu;
import io.cephsmb.dcerpc.pdu.PduException;
import io.cephsmb.dcerpc.pdu.VerificationTrailer;
import io.cephsmb.dcerpc.server.RpcServer;
import io.cephsmb.dcerpc.server.TransportIdentity;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Coverage-guided fuzzing (Jazzer) of what a client controls: the first input byte picks the
 * target, the rest is its input. 0: one PDU through {@code Pdu.decode}; 1: a byte stream written
 * into a named pipe in front of the srvsvc/wkssvc/epmapper server (framing, the connection state
 * machine, reassembly, NDR decoding, the handlers), every PDU the server answers must decode; 2:
 * request stubs through {@code Operation.decodeRequest} of every described operation (the next byte
 * picks it); 3: the verification trailer parser. Anything but the checked exceptions of malformed
 * input is a finding.
 *
 * <p>Seeds are PDUs captured from rpcclient and smbtorture runs (resources next to this class,
 * {@code DceRpcFuzzTestInputs/fuzz}); a crashing input found later goes in the same directory and
 * runs as a regression test in every build.
 */
class DceRpcFuzzTest {
  static final List<Operation> OPERATIONS =
      List.of(
          Srvsvc.NETR_SHARE_ENUM_ALL,
          Srvsvc.NETR_SHARE_GET_INFO,
          Srvsvc.NETR_SHARE_CHECK,
          Srvsvc.NETR_SERVER_GET_INFO,
          Srvsvc.NETR_SHARE_ENUM_STICKY,
          SrvsvcEnums.NETR_CHAR_DEV_ENUM,
          SrvsvcEnums.NETR_CHAR_DEV_Q_ENUM,
          SrvsvcEnums.NETR_CONNECTION_ENUM,
          SrvsvcEnums.NETR_FILE_ENUM,
          SrvsvcEnums.NETR_SESSION_ENUM,
          SrvsvcEnums.NETR_SERVER_TRANSPORT_ENUM,
          SrvsvcEnums.NETR_SERVER_DISK_ENUM,
          SrvsvcEnums.NETR_REMOTE_TOD,
          Wkssvc.NETR_WKSTA_GET_INFO,
          Epmapper.EPT_LOOKUP,
          Epmapper.EPT_MAP,
          Epmapper.EPT_LOOKUP_HANDLE_FREE);

  static final RpcServer SERVER = server();

  private static RpcServer server() {
    ServerIdentity id = ServerIdentity.of("FUZZ", "WORKGROUP", "fuzz");
    EndpointRegistry registry = new EndpointRegistry();
    SrvsvcService srvsvc =
        new SrvsvcService(
            ShareInfoSource.of(
                List.of(ShareInfo.ipc("IPC"), ShareInfo.disk("share", "a share", "/share"))),
            id);
    try {
      Inet4Address lo = (Inet4Address) InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
      registry.register(new Endpoint.Tcp(Srvsvc.SYNTAX, lo, 49152, "srvsvc"));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    registry.register(new Endpoint.NamedPipe(Srvsvc.SYNTAX, "\\PIPE\\srvsvc", "FUZZ", "srvsvc"));
    return new RpcServer(
        List.of(
            srvsvc.rpcInterface(),
            new WkssvcService(id).rpcInterface(),
            new EpmapperService(registry).rpcInterface()),
        List.of());
  }

  @FuzzTest(maxDuration = "10s")
  void fuzz(byte[] data) throws Exception {
    fuzzerTestOneInput(data);
  }

  /** The entry point for Jazzer's standalone driver (long runs, see the module README). */
  public static void fuzzerTestOneInput(byte[] data) throws Exception {
    if (data.length == 0) {
      return;
    }
    byte[] rest = Arrays.copyOfRange(data, 1, data.length);
    switch (data[0] & 3) {
      case 0:
        try {
          Pdu.decode(Unpooled.wrappedBuffer(rest));
        } catch (PduException expected) {
          // malformed: answered with a fault or bind_nak by the connection
        }
        break;
      case 1:
        pipe(rest);
        break;
      case 2:
        stub(rest);
        break;
      default:
        try {
          VerificationTrailer.find(rest);
        } catch (PduException expected) {
          // a malformed trailer: access denied
        }
    }
  }

  private static void pipe(byte[] stream) throws Exception {
    PipeEndpoint p = PipeEndpoint.open(SERVER, "\\PIPE\\srvsvc", TransportIdentity.NONE);
    try {
      try {
        p.write(stream);
      } catch (PipeException expected) {
        return;
      }
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      while (p.readDataAvailable() > 0) {
        CompletableFuture<PipeChunk> f = p.read(1 << 16);
        PipeChunk c = f.getNow(null);
        if (c == null) {
          throw new AssertionError("data available but the read waits");
        }
        message.writeBytes(c.data());
        if (!c.overflow()) {
          // what the server sends must be a well-formed PDU
          Pdu.decode(Unpooled.wrappedBuffer(message.toByteArray()));
          message.reset();
        }
      }
    } finally {
      p.close();
    }
  }

  private static void stub(byte[] input) {
    if (input.length == 0) {
      return;
    }
    Operation op = OPERATIONS.get((input[0] & 0xff) % OPERATIONS.size());
    byte[] stub = Arrays.copyOfRange(input, 1, input.length);
    try {
      op.decodeRequest(stub);
    } catch (NdrException expected) {
      // bad stub data: fault RPC_X_BAD_STUB_DATA
    }
    try {
      op.decodeResponse(stub);
    } catch (NdrException expected) {
      // the client side's check
    }
  }
}
