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
 * ShareInfoSource}, server info from a {@link ServerIdentity}, the time of day, the disk list, and
 * the other enumerations answered as Windows answers a non-administrator ({@link SrvsvcEnums}).
 * Everything is read-only; every authenticated user sees every level (Windows reserves levels 2 and
 * 502 to administrators).
 */
public final class SrvsvcService {
  /** [MS-ERREF] 2.2 ERROR_INVALID_LEVEL. */
  public static final int ERROR_INVALID_LEVEL = 124;

  /** [MS-SRVS] 2.2.2.10 NERR_NetNameNotFound: no such share (what Windows answers). */
  public static final int NERR_NET_NAME_NOT_FOUND = 2310;

  /** ERROR_ACCESS_DENIED. */
  public static final int ERROR_ACCESS_DENIED = 5;

  /** ERROR_NOT_SUPPORTED. */
  public static final int ERROR_NOT_SUPPORTED = 50;

  /** NERR_DeviceNotShared: NetrShareCheck found no share on the device. */
  public static final int NERR_DEVICE_NOT_SHARED = 2311;

  private final ShareInfoSource shares;
  private final ServerIdentity identity;
  private final java.time.Clock clock;

  /** A server with the system clock (NetrRemoteTOD). */
  public SrvsvcService(ShareInfoSource shares, ServerIdentity identity) {
    this(shares, identity, java.time.Clock.systemUTC());
  }

  /** A server whose NetrRemoteTOD reads {@code clock}. */
  public SrvsvcService(ShareInfoSource shares, ServerIdentity identity, java.time.Clock clock) {
    this.shares = shares;
    this.identity = identity;
    this.clock = clock;
  }

  /** The interface to register with an {@link io.cephsmb.dcerpc.server.RpcServer}. */
  public RpcInterface rpcInterface() {
    Map<Integer, RpcHandler> ops = new LinkedHashMap<>();
    add(ops, Srvsvc.NETR_SHARE_ENUM_ALL, (c, in) -> enumerate(in, false));
    add(ops, Srvsvc.NETR_SHARE_ENUM_STICKY, (c, in) -> enumerate(in, true));
    add(ops, Srvsvc.NETR_SHARE_GET_INFO, (c, in) -> getInfo(in));
    add(ops, Srvsvc.NETR_SHARE_CHECK, (c, in) -> check(in));
    add(ops, Srvsvc.NETR_SERVER_GET_INFO, (c, in) -> serverInfo(in));
    add(ops, SrvsvcEnums.NETR_CHAR_DEV_ENUM, (c, in) -> nothing(in, ERROR_NOT_SUPPORTED));
    add(ops, SrvsvcEnums.NETR_CHAR_DEV_Q_ENUM, (c, in) -> nothing(in, ERROR_NOT_SUPPORTED));
    add(ops, SrvsvcEnums.NETR_CONNECTION_ENUM, (c, in) -> nothing(in, ERROR_ACCESS_DENIED));
    add(ops, SrvsvcEnums.NETR_FILE_ENUM, (c, in) -> nothing(in, ERROR_ACCESS_DENIED));
    add(ops, SrvsvcEnums.NETR_SESSION_ENUM, (c, in) -> nothing(in, ERROR_ACCESS_DENIED));
    add(ops, SrvsvcEnums.NETR_SERVER_TRANSPORT_ENUM, (c, in) -> nothing(in, 0));
    add(ops, SrvsvcEnums.NETR_SERVER_DISK_ENUM, (c, in) -> disks(in));
    add(ops, SrvsvcEnums.NETR_REMOTE_TOD, (c, in) -> timeOfDay());
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

  /**
   * An enumeration answered with no entries: the level echoed with an empty container, TotalEntries
   * 0, the resume handle as sent, and {@code status}. Character devices and their queues do not
   * exist on this server (ERROR_NOT_SUPPORTED, as Windows); sessions, connections and open files
   * are for administrators on Windows and this server has none (ERROR_ACCESS_DENIED, what Windows
   * answers a non-administrator); transports are not listed (success, no entries).
   */
  private static CompletionStage<Map<String, Object>> nothing(Map<String, Object> in, int status) {
    Map<?, ?> info = (Map<?, ?>) in.get("InfoStruct");
    int level = ((Number) info.get("Level")).intValue();
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("EntriesRead", 0);
    container.put("Buffer", null);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("InfoStruct", Map.of("Level", level, "Info", new UnionValue(level, container)));
    out.put("TotalEntries", 0);
    out.put("ResumeHandle", in.get("ResumeHandle"));
    out.put(Operation.RETURN, status);
    return CompletableFuture.completedFuture(out);
  }

  /**
   * [MS-SRVS] 3.1.4.21 NetrServerDiskEnum at level 0: the one drive the share paths are shown on
   * ("C:", see {@link ShareInfo}), followed by the empty entry that ends the list (Windows and
   * Samba count it in EntriesRead); other levels ERROR_INVALID_LEVEL.
   */
  private static CompletionStage<Map<String, Object>> disks(Map<String, Object> in) {
    int level = ((Number) in.get("Level")).intValue();
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> container = new LinkedHashMap<>();
    if (level != 0) {
      container.put("EntriesRead", 0);
      container.put("Buffer", null);
      out.put("DiskInfoStruct", container);
      out.put("TotalEntries", 0);
      out.put("ResumeHandle", in.get("ResumeHandle"));
      out.put(Operation.RETURN, ERROR_INVALID_LEVEL);
      return CompletableFuture.completedFuture(out);
    }
    List<Object> entries =
        List.of(Map.of("Disk", List.of((int) 'C', (int) ':', 0)), Map.of("Disk", List.of(0)));
    container.put("EntriesRead", entries.size());
    container.put("Buffer", entries);
    out.put("DiskInfoStruct", container);
    out.put("TotalEntries", 1);
    out.put("ResumeHandle", in.get("ResumeHandle") == null ? null : 0);
    out.put(Operation.RETURN, 0);
    return CompletableFuture.completedFuture(out);
  }

  /** [MS-SRVS] 3.1.4.22 NetrRemoteTOD: the server's time in UTC (tod_timezone 0). */
  private CompletionStage<Map<String, Object>> timeOfDay() {
    java.time.Instant now = clock.instant();
    java.time.ZonedDateTime t = now.atZone(java.time.ZoneOffset.UTC);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("tod_elapsedt", now.getEpochSecond());
    v.put("tod_msecs", now.toEpochMilli() & 0xffffffffL);
    v.put("tod_hours", t.getHour());
    v.put("tod_mins", t.getMinute());
    v.put("tod_secs", t.getSecond());
    v.put("tod_hunds", t.getNano() / 10_000_000);
    v.put("tod_timezone", 0);
    v.put("tod_tinterval", 310); // the clock tick in 0.0001 s units (Windows: 31.0 ms)
    v.put("tod_day", t.getDayOfMonth());
    v.put("tod_month", t.getMonthValue());
    v.put("tod_year", t.getYear());
    v.put("tod_weekday", t.getDayOfWeek().getValue() % 7);
    return CompletableFuture.completedFuture(result("BufferPtr", v, 0));
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
