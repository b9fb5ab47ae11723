package io.cephsmb.dcerpc.mswkst;

import io.cephsmb.dcerpc.mssrvs.ServerIdentity;
import io.cephsmb.dcerpc.ndr.Operation;
import io.cephsmb.dcerpc.ndr.UnionValue;
import io.cephsmb.dcerpc.server.OperationHandler;
import io.cephsmb.dcerpc.server.RpcInterface;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The wkssvc server ([MS-WKST] 3.2.4.1): NetrWkstaGetInfo at levels 100, 101 and 102 from a {@link
 * ServerIdentity}; other levels get ERROR_INVALID_LEVEL.
 */
public final class WkssvcService {
  /** [MS-ERREF] 2.2 ERROR_INVALID_LEVEL. */
  public static final int ERROR_INVALID_LEVEL = 124;

  private final ServerIdentity identity;

  public WkssvcService(ServerIdentity identity) {
    this.identity = identity;
  }

  /** The interface to register with an {@link io.cephsmb.dcerpc.server.RpcServer}. */
  public RpcInterface rpcInterface() {
    return new RpcInterface(
        Wkssvc.SYNTAX,
        Map.of(
            Wkssvc.NETR_WKSTA_GET_INFO.opnum(),
            new OperationHandler(
                Wkssvc.NETR_WKSTA_GET_INFO,
                (call, in) ->
                    CompletableFuture.completedFuture(
                        wkstaInfo(((Number) in.get("Level")).intValue())))));
  }

  private Map<String, Object> wkstaInfo(int level) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (level != 100 && level != 101 && level != 102) {
      out.put("WkstaInfo", new UnionValue(level, null));
      out.put(Operation.RETURN, ERROR_INVALID_LEVEL);
      return out;
    }
    String p = "wki" + level + "_";
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(p + "platform_id", ServerIdentity.PLATFORM_ID_NT);
    v.put(p + "computername", identity.netbiosName());
    v.put(p + "langroup", identity.domain());
    v.put(p + "ver_major", identity.versionMajor());
    v.put(p + "ver_minor", identity.versionMinor());
    if (level >= 101) {
      v.put(p + "lanroot", null);
    }
    if (level == 102) {
      v.put("wki102_logged_on_users", 0);
    }
    out.put("WkstaInfo", new UnionValue(level, v));
    out.put(Operation.RETURN, 0);
    return out;
  }
}
