package io.cephsmb.dcerpc.epm;

import io.cephsmb.dcerpc.ndr.ContextHandle;
import io.cephsmb.dcerpc.ndr.Operation;
import io.cephsmb.dcerpc.ndr.SizedList;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import io.cephsmb.dcerpc.server.OperationHandler;
import io.cephsmb.dcerpc.server.RpcHandler;
import io.cephsmb.dcerpc.server.RpcInterface;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoint mapper server ([C706] appendix O): ept_map answers the towers registered for the
 * interface and transport of the client's tower, ept_lookup lists the registrations (with a
 * continuation handle and status 0 when more follow; the last batch has the null handle and
 * ept_s_not_registered, "no more entries"), ept_lookup_handle_free drops a continuation. ept_insert
 * and ept_delete are not offered (registration is local, through {@link EndpointRegistry}). Objects
 * are not supported: every registration has the nil object.
 */
public final class EpmapperService {
  /** [C706] appendix O rpc_c_ep_all_elts .. rpc_c_ep_match_by_both. */
  static final int MATCH_BY_IF = 1;

  static final int MATCH_BY_OBJ = 2;

  static final int MATCH_BY_BOTH = 3;

  /** The most entries or towers one answer carries. */
  static final int MAX_ANSWER = 500;

  /** Continuations kept at most (beyond, all are dropped: clients then start over). */
  static final int MAX_CONTINUATIONS = 1024;

  private static final ContextHandle NULL_HANDLE = new ContextHandle(0, new UUID(0, 0));

  private final EndpointRegistry registry;
  private final Map<UUID, Integer> continuations = new ConcurrentHashMap<>();

  public EpmapperService(EndpointRegistry registry) {
    this.registry = registry;
  }

  /** The interface to register with an {@link io.cephsmb.dcerpc.server.RpcServer}. */
  public RpcInterface rpcInterface() {
    Map<Integer, RpcHandler> ops = new LinkedHashMap<>();
    ops.put(
        Epmapper.EPT_MAP.opnum(),
        new OperationHandler(
            Epmapper.EPT_MAP, (c, in) -> CompletableFuture.completedFuture(map(in))));
    ops.put(
        Epmapper.EPT_LOOKUP.opnum(),
        new OperationHandler(
            Epmapper.EPT_LOOKUP, (c, in) -> CompletableFuture.completedFuture(lookup(in))));
    ops.put(
        Epmapper.EPT_LOOKUP_HANDLE_FREE.opnum(),
        new OperationHandler(
            Epmapper.EPT_LOOKUP_HANDLE_FREE,
            (c, in) -> {
              ContextHandle h = (ContextHandle) in.get("entry_handle");
              continuations.remove(h.uuid());
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("entry_handle", NULL_HANDLE);
              out.put(Operation.RETURN, 0);
              return CompletableFuture.completedFuture(out);
            }));
    return new RpcInterface(Epmapper.SYNTAX, ops);
  }

  Map<String, Object> map(Map<String, Object> in) {
    long maxTowers = ((Number) in.get("max_towers")).longValue() & 0xffffffffL;
    List<Object> towers = new ArrayList<>();
    Map<?, ?> twr = (Map<?, ?>) in.get("map_tower");
    if (twr != null) {
      try {
        ProtocolTower wanted = ProtocolTower.decode(Epmapper.towerOctets(twr));
        for (Endpoint e : matching(wanted)) {
          if (towers.size() >= Math.min(maxTowers, MAX_ANSWER)) {
            break;
          }
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("twr", Epmapper.twr(e.tower().encode()));
          towers.add(p);
        }
      } catch (TowerException e) {
        // an undecodable tower maps to nothing
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("entry_handle", NULL_HANDLE);
    out.put("num_towers", towers.size());
    out.put("towers", new SizedList(Math.max(maxTowers, towers.size()), towers));
    out.put(Operation.RETURN, towers.isEmpty() ? Epmapper.EPT_S_NOT_REGISTERED : 0);
    return out;
  }

  /** The registrations serving the interface (same major, minor at least) over the transport. */
  private List<Endpoint> matching(ProtocolTower wanted) {
    List<Endpoint> out = new ArrayList<>();
    SyntaxId iface = wanted.interfaceId().orElse(null);
    if (iface == null
        || !wanted.transferSyntax().map(SyntaxId.NDR20::equals).orElse(false)
        || wanted.rpcProtocol() != ProtocolTower.NCACN) {
      return out;
    }
    for (Endpoint e : registry.all()) {
      if (e.iface().uuid().equals(iface.uuid())
          && e.iface().major() == iface.major()
          && e.iface().minor() >= iface.minor()
          && e.tower().transport() == wanted.transport()) {
        out.add(e);
      }
    }
    return out;
  }

  Map<String, Object> lookup(Map<String, Object> in) {
    int inquiry = ((Number) in.get("inquiry_type")).intValue();
    Map<?, ?> object = (Map<?, ?>) in.get("object");
    Map<?, ?> ifId = (Map<?, ?>) in.get("interface_id");
    long maxEnts = ((Number) in.get("max_ents")).longValue() & 0xffffffffL;
    ContextHandle handle = (ContextHandle) in.get("entry_handle");
    boolean byObject = inquiry == MATCH_BY_OBJ || inquiry == MATCH_BY_BOTH;
    boolean byIface = inquiry == MATCH_BY_IF || inquiry == MATCH_BY_BOTH;
    List<Endpoint> selected = new ArrayList<>();
    for (Endpoint e : registry.all()) {
      if (byObject && object != null && !Epmapper.uuid(object).equals(new UUID(0, 0))) {
        continue; // every registration has the nil object
      }
      if (byIface
          && ifId != null
          && !Epmapper.uuid((Map<?, ?>) ifId.get("uuid")).equals(e.iface().uuid())) {
        continue;
      }
      selected.add(e);
    }
    int start = 0;
    if (!handle.uuid().equals(NULL_HANDLE.uuid())) {
      Integer next = continuations.remove(handle.uuid());
      start = next == null ? selected.size() : next;
    }
    List<Object> entries = new ArrayList<>();
    int i = start;
    for (; i < selected.size() && entries.size() < Math.min(maxEnts, MAX_ANSWER); i++) {
      Endpoint e = selected.get(i);
      byte[] note = e.annotation().getBytes(StandardCharsets.US_ASCII);
      List<Object> annotation = new ArrayList<>();
      for (int k = 0; k < Math.min(note.length, 63); k++) {
        annotation.add(note[k] & 0xff);
      }
      annotation.add(0);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("object", Epmapper.uuid(new UUID(0, 0)));
      entry.put("tower", Epmapper.twr(e.tower().encode()));
      entry.put("annotation", annotation);
      entries.add(entry);
    }
    ContextHandle next = NULL_HANDLE;
    if (i < selected.size() && !entries.isEmpty()) {
      if (continuations.size() >= MAX_CONTINUATIONS) {
        continuations.clear();
      }
      UUID id = UUID.randomUUID();
      continuations.put(id, i);
      next = new ContextHandle(0, id);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("entry_handle", next);
    out.put("num_ents", entries.size());
    out.put("entries", new SizedList(Math.max(maxEnts, entries.size()), entries));
    // as Windows and Samba: the last batch comes with ept_s_not_registered (no more entries)
    // and the null handle; only a batch with more to follow says 0
    out.put(Operation.RETURN, next.equals(NULL_HANDLE) ? Epmapper.EPT_S_NOT_REGISTERED : 0);
    return out;
  }
}
