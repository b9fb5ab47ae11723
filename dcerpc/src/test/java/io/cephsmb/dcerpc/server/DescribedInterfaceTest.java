package io.cephsmb.dcerpc.server;

import static io.cephsmb.dcerpc.server.Client.bind;
import static io.cephsmb.dcerpc.server.Client.ctx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cephsmb.dcerpc.mssrvs.Srvsvc;
import io.cephsmb.dcerpc.ndr.NdrException;
import io.cephsmb.dcerpc.ndr.Operation;
import io.cephsmb.dcerpc.ndr.UnionValue;
import io.cephsmb.dcerpc.pdu.FaultPdu;
import io.cephsmb.dcerpc.pdu.PduException;
import io.cephsmb.dcerpc.pdu.PfcFlags;
import io.cephsmb.dcerpc.pdu.ResponsePdu;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A described operation (srvsvc NetrShareEnumAll) served through a connection. */
class DescribedInterfaceTest {
  final OperationHandler enumAll =
      new OperationHandler(
          Srvsvc.NETR_SHARE_ENUM_ALL,
          (call, in) -> {
            Map<String, Object> share = new LinkedHashMap<>();
            share.put("shi1_netname", "IPC$");
            share.put("shi1_type", 0x80000003);
            share.put("shi1_remark", "IPC Service");
            Map<String, Object> container = new LinkedHashMap<>();
            container.put("EntriesRead", 1);
            container.put("Buffer", List.of(share));
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("Level", 1);
            info.put("ShareInfo", new UnionValue(1, container));
            Map<String, Object> out = new HashMap<>();
            out.put("InfoStruct", info);
            out.put("TotalEntries", 1);
            out.put("ResumeHandle", in.get("ResumeHandle"));
            out.put(Operation.RETURN, 0);
            return CompletableFuture.completedFuture(out);
          });
  final RpcServer server =
      new RpcServer(List.of(new RpcInterface(Srvsvc.SYNTAX, Map.of(15, enumAll))), List.of());
  final Client client = new Client();
  final ServerConnection conn = server.connect(client, "\\PIPE\\srvsvc");

  @Test
  void netrShareEnumAllThroughTheConnection() throws PduException, NdrException {
    conn.receive(bind(1, 0, Optional.empty(), ctx(0, Srvsvc.SYNTAX, SyntaxId.NDR20)));
    client.one();
    Map<String, Object> in = new HashMap<>();
    in.put("ServerName", "\\\\srv");
    in.put("InfoStruct", Map.of("Level", 1, "ShareInfo", new UnionValue(1, null)));
    in.put("PreferedMaximumLength", -1);
    in.put("ResumeHandle", null);
    conn.receive(
        Client.request(
            2, PfcFlags.FIRST_AND_LAST, 0, 15, Srvsvc.NETR_SHARE_ENUM_ALL.encodeRequest(in)));
    ResponsePdu r = assertInstanceOf(ResponsePdu.class, client.one());
    Map<String, Object> out = Srvsvc.NETR_SHARE_ENUM_ALL.decodeResponse(r.stub().toByteArray());
    assertEquals(1, out.get("TotalEntries"));
    assertEquals(0, out.get(Operation.RETURN));
  }

  @Test
  void badStubDataIsAFault() throws PduException {
    conn.receive(bind(1, 0, Optional.empty(), ctx(0, Srvsvc.SYNTAX, SyntaxId.NDR20)));
    client.one();
    conn.receive(Client.request(2, PfcFlags.FIRST_AND_LAST, 0, 15, new byte[] {1, 2}));
    assertEquals(RpcStatus.BAD_STUB_DATA, assertInstanceOf(FaultPdu.class, client.one()).status());
  }
}
