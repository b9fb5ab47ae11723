package io.cephsmb.dcerpc.mssrvs;

import io.cephsmb.dcerpc.ndr.Operation;
import io.cephsmb.dcerpc.ndr.UnionValue;
import io.cephsmb.dcerpc.server.CallContext;
import io.cephsmb.dcerpc.server.OperationHandler;
import io.cephsmb.dcerpc.server.RpcHandler;
import io.cephsmb.dcerpc.server.RpcInterface;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The srvsvc server ([MS-SRVS] 3.1.4): share enumeration and share info from a {@link
 * ShareInfoSource}, server info from a {@link ServerIdentity}. Everything is read-only; every
 * authenticated user sees every level (Windows reserves levels 2 and 502 to administrators).
 */
public final class SrvsvcService {
  /** [MS-ERREF] 2.2 ERROR_INVALID_LEVEL. */
  public static final int ERROR_INVALID_LEVEL = 124;

  /** [MS-SRVS] 2.2.2.10 NERR_NetNameNotFound: no such share (what Windows answers). */
  public static final int NERR_NET_NAME_NOT_FOUND = 2310;

  /** NERR_DeviceNotShared: NetrShareCheck found no share on the device. */
  public static final int NERR_DEVICE_NOT_SHARED = 2311;

  private final ShareInfoSource shares;
  private final ServerIdentity identity;

  public SrvsvcService(ShareInfoSource shares, ServerIdentity identity) {
    this.shares = shares;
    this.identity = identity;
  }

  /** The interface to register with an {@link io.cephsmb.dcerpc.server.RpcServer}. */
  public RpcInterface rpcInterface() {
    Map<Integer, RpcHandler> ops = new LinkedHashMap<>();
    add(ops, Srvsvc.NETR_SHARE_ENUM_ALL, (c, in) -> enumerate(in, false));
    add(ops, Srvsvc.NETR_SHARE_ENUM_STICKY, (c, in) -> enumerate(in, true));
    add(ops, Srvsvc.NETR_SHARE_GET_INFO, (c, in) -> getInfo(in));
    add(ops, Srvsvc.NETR_SHARE_CHECK, (c, in) -> check(in));
    add(ops, Srvsvc.NETR_SERVER_GET_INFO, (c, in) -> serverInfo(in));
    return new RpcInterface(Srvsvc.SYNTAX, ops);
  }

  /** One implementation, on the [in] parameters. */
  @FunctionalInterface
  interface Impl {
    CompletionStage<Map<String, Object>> apply(CallContext call, Map<String, Object> in);
  }

  static void add(Map<Integer, RpcHandler> ops, Operation op, Impl impl) {
    ops.put(op.opnum(), new OperationHandler(op, impl::apply));
  }

  private CompletionStage<Map<String, Object>> enumerate(Map<String, Object> in, boolean sticky) {
    Map<?, ?> info = (Map<?, ?>) in.get("InfoStruct");
    int level = ((Number) info.get("Level")).intValue();
    Object resume = in.get("ResumeHandle");
    int start = resume == null ? 0 : ((Number) resume).intValue();
    return shares
        .shares()
        .thenApply(
            all -> {
              List<ShareInfo> listed = new ArrayList<>();
              for (ShareInfo s : all) {
                if (!sticky || !s.isSpecial()) {
                  listed.add(s);
                }
              }
              Map<String, Object> out = new LinkedHashMap<>();
              // NetrShareEnumSticky has no level 501 (Windows answers ERROR_INVALID_LEVEL)
              if (!Srvsvc.SHARE_LEVELS.contains(level) || (sticky && level == 501)) {
                out.put("InfoStruct", Map.of("Level", level, "ShareInfo", empty(level)));
                out.put("TotalEntries", 0);
                out.put("ResumeHandle", resume);
                out.put(Operation.RETURN, ERROR_INVALID_LEVEL);
                return out;
              }
              List<Object> entries = new ArrayList<>();
              for (int i = Math.max(0, start); i < listed.size(); i++) {
                entries.add(shareInfo(level, listed.get(i)));
              }
              Map<String, Object> container = new LinkedHashMap<>();
              container.put("EntriesRead", entries.size());
              container.put("Buffer", entries);
              out.put(
                  "InfoStruct",
                  Map.of("Level", level, "ShareInfo", new UnionValue(level, container)));
              out.put("TotalEntries", listed.size());
              out.put("ResumeHandle", resume == null ? null : 0);
              out.put(Operation.RETURN, 0);
              return out;
            });
  }

  private CompletionStage<Map<String, Object>> getInfo(Map<String, Object> in) {
    int level = ((Number) in.get("Level")).intValue();
    String name = (String) in.get("NetName");
    if (!Srvsvc.SHARE_LEVELS.contains(level) && level != 1005) {
      return CompletableFuture.completedFuture(
          result("InfoStruct", empty(level), ERROR_INVALID_LEVEL));
    }
    return shares
        .find(name)
        .thenApply(
            found ->
                found.isEmpty()
                    ? result("InfoStruct", new UnionValue(level, null), NERR_NET_NAME_NOT_FOUND)
                    : result(
                        "InfoStruct", new UnionValue(level, shareInfo(level, found.get())), 0));
  }

  /**
   * [MS-SRVS] 3.1.4.16: whether a device is shared; the device names a share's path as {@link
   * ShareInfo#windowsPath()} shows it (IPC$ has the empty path).
   */
  private CompletionStage<Map<String, Object>> check(Map<String, Object> in) {
    String device = (String) in.get("Device");
    return shares
        .shares()
        .thenApply(
            all -> {
              for (ShareInfo s : all) {
                if (s.windowsPath().equalsIgnoreCase(device)) {
                  return result("Type", s.type(), 0);
                }
              }
              return result("Type", 0, NERR_DEVICE_NOT_SHARED);
            });
  }

  private CompletionStage<Map<String, Object>> serverInfo(Map<String, Object> in) {
    int level = ((Number) in.get("Level")).intValue();
    Map<String, Object> v = new LinkedHashMap<>();
    String p = "sv" + level + "_";
    v.put(p + "platform_id", ServerIdentity.PLATFORM_ID_NT);
    v.put(p + "name", identity.netbiosName());
    if (level == 101 || level == 102) {
      v.put(p + "version_major", identity.versionMajor());
      v.put(p + "version_minor", identity.versionMinor());
      v.put(p + "type", ServerIdentity.SERVER_TYPE);
      v.put(p + "comment", identity.comment());
    }
    if (level == 102) {
      v.put("sv102_users", 0);
      v.put("sv102_disc", 15);
      v.put("sv102_hidden", 0);
      v.put("sv102_announce", 240);
      v.put("sv102_anndelta", 3000);
      v.put("sv102_licenses", 100000);
      v.put("sv102_userpath", "C:\\");
    }
    if (level != 100 && level != 101 && level != 102) {
      return CompletableFuture.completedFuture(
          result("InfoStruct", empty(level), ERROR_INVALID_LEVEL));
    }
    return CompletableFuture.completedFuture(result("InfoStruct", new UnionValue(level, v), 0));
  }

  /** The share info structure of {@code level} for {@code s}. */
  static Map<String, Object> shareInfo(int level, ShareInfo s) {
    String p = "shi" + level + "_";
    Map<String, Object> v = new LinkedHashMap<>();
    if (level == 1005) {
      v.put("shi1005_flags", 0);
      return v;
    }
    v.put(p + "netname", s.name());
    if (level == 0) {
      return v;
    }
    v.put(p + "type", s.type());
    v.put(p + "remark", s.comment());
    if (level == 501) {
      v.put("shi501_flags", 0);
      return v;
    }
    if (level == 1) {
      return v;
    }
    v.put(p + "permissions", 0);
    v.put(p + "max_uses", -1);
    v.put(p + "current_uses", 0);
    v.put(p + "path", s.windowsPath());
    v.put(p + "passwd", null);
    if (level == 502) {
      v.put("shi502_reserved", 0);
      v.put("shi502_security_descriptor", null);
    }
    return v;
  }

  private static UnionValue empty(int level) {
    return new UnionValue(level, null);
  }

  private static Map<String, Object> result(String name, Object value, int status) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(name, value);
    out.put(Operation.RETURN, status);
    return out;
  }
}
