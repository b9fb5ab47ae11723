package io.cephsmb.dcerpc.mssrvs;

import static io.cephsmb.dcerpc.ndr.Ndr.U16;
import static io.cephsmb.dcerpc.ndr.Ndr.U32;
import static io.cephsmb.dcerpc.ndr.Ndr.U8;
import static io.cephsmb.dcerpc.ndr.Ndr.WSTRING;
import static io.cephsmb.dcerpc.ndr.Ndr.conformantArray;
import static io.cephsmb.dcerpc.ndr.Ndr.conformantVaryingArray;
import static io.cephsmb.dcerpc.ndr.Ndr.field;
import static io.cephsmb.dcerpc.ndr.Ndr.in;
import static io.cephsmb.dcerpc.ndr.Ndr.inOut;
import static io.cephsmb.dcerpc.ndr.Ndr.out;
import static io.cephsmb.dcerpc.ndr.Ndr.ref;
import static io.cephsmb.dcerpc.ndr.Ndr.struct;
import static io.cephsmb.dcerpc.ndr.Ndr.unique;
import static io.cephsmb.dcerpc.ndr.Ndr.varyingArray;

import io.cephsmb.dcerpc.ndr.NdrType;
import io.cephsmb.dcerpc.ndr.Operation;
import io.cephsmb.dcerpc.ndr.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * [MS-SRVS] the srvsvc operations clients call besides shares and server info: the enumerations of
 * character devices (opnum 0), device queues (3), connections (8), files (9), sessions (12), disks
 * (23) and transports (26), and NetrRemoteTOD (28). Each enumeration has the same shape: {@code
 * [in,out] XXX_ENUM_STRUCT} (a level and a union of containers {@code {EntriesRead, [size_is]
 * Buffer}}), PreferedMaximumLength, TotalEntries and ResumeHandle.
 */
public final class SrvsvcEnums {
  private SrvsvcEnums() {}

  /** [MS-SRVS] 2.2.4.1 CHARDEV_INFO_0. */
  static final NdrType.StructType CHARDEV_INFO_0 =
      struct("CHARDEV_INFO_0", field("ch0_dev", unique(WSTRING)));

  /** [MS-SRVS] 2.2.4.2 CHARDEV_INFO_1. */
  static final NdrType.StructType CHARDEV_INFO_1 =
      struct(
          "CHARDEV_INFO_1",
          field("ch1_dev", unique(WSTRING)),
          field("ch1_status", U32),
          field("ch1_username", unique(WSTRING)),
          field("ch1_time", U32));

  /** [MS-SRVS] 2.2.4.5 CHARDEVQ_INFO_0. */
  static final NdrType.StructType CHARDEVQ_INFO_0 =
      struct("CHARDEVQ_INFO_0", field("cq0_dev", unique(WSTRING)));

  /** [MS-SRVS] 2.2.4.6 CHARDEVQ_INFO_1. */
  static final NdrType.StructType CHARDEVQ_INFO_1 =
      struct(
          "CHARDEVQ_INFO_1",
          field("cq1_dev", unique(WSTRING)),
          field("cq1_priority", U32),
          field("cq1_devs", unique(WSTRING)),
          field("cq1_numusers", U32),
          field("cq1_numahead", U32));

  /** [MS-SRVS] 2.2.4.11 CONNECTION_INFO_0. */
  static final NdrType.StructType CONNECTION_INFO_0 =
      struct("CONNECTION_INFO_0", field("coni0_id", U32));

  /** [MS-SRVS] 2.2.4.12 CONNECTION_INFO_1. */
  static final NdrType.StructType CONNECTION_INFO_1 =
      struct(
          "CONNECTION_INFO_1",
          field("coni1_id", U32),
          field("coni1_type", U32),
          field("coni1_num_opens", U32),
          field("coni1_num_users", U32),
          field("coni1_time", U32),
          field("coni1_username", unique(WSTRING)),
          field("coni1_netname", unique(WSTRING)));

  /** [MS-SRVS] 2.2.4.15 FILE_INFO_2. */
  static final NdrType.StructType FILE_INFO_2 = struct("FILE_INFO_2", field("fi2_id", U32));

  /** [MS-SRVS] 2.2.4.16 FILE_INFO_3. */
  static final NdrType.StructType FILE_INFO_3 =
      struct(
          "FILE_INFO_3",
          field("fi3_id", U32),
          field("fi3_permissions", U32),
          field("fi3_num_locks", U32),
          field("fi3_path_name", unique(WSTRING)),
          field("fi3_username", unique(WSTRING)));

  /** [MS-SRVS] 2.2.4.17 SESSION_INFO_0. */
  static final NdrType.StructType SESSION_INFO_0 =
      struct("SESSION_INFO_0", field("sesi0_cname", unique(WSTRING)));

  /** [MS-SRVS] 2.2.4.18 SESSION_INFO_1. */
  static final NdrType.StructType SESSION_INFO_1 =
      struct(
          "SESSION_INFO_1",
          field("sesi1_cname", unique(WSTRING)),
          field("sesi1_username", unique(WSTRING)),
          field("sesi1_num_opens", U32),
          field("sesi1_time", U32),
          field("sesi1_idle_time", U32),
          field("sesi1_user_flags", U32));

  /** [MS-SRVS] 2.2.4.19 SESSION_INFO_2. */
  static final NdrType.StructType SESSION_INFO_2 =
      struct(
          "SESSION_INFO_2",
          field("sesi2_cname", unique(WSTRING)),
          field("sesi2_username", unique(WSTRING)),
          field("sesi2_num_opens", U32),
          field("sesi2_time", U32),
          field("sesi2_idle_time", U32),
          field("sesi2_user_flags", U32),
          field("sesi2_cltype_name", unique(WSTRING)));

  /** [MS-SRVS] 2.2.4.20 SESSION_INFO_10. */
  static final NdrType.StructType SESSION_INFO_10 =
      struct(
          "SESSION_INFO_10",
          field("sesi10_cname", unique(WSTRING)),
          field("sesi10_username", unique(WSTRING)),
          field("sesi10_time", U32),
          field("sesi10_idle_time", U32));

  /** [MS-SRVS] 2.2.4.21 SESSION_INFO_502. */
  static final NdrType.StructType SESSION_INFO_502 =
      struct(
          "SESSION_INFO_502",
          field("sesi502_cname", unique(WSTRING)),
          field("sesi502_username", unique(WSTRING)),
          field("sesi502_num_opens", U32),
          field("sesi502_time", U32),
          field("sesi502_idle_time", U32),
          field("sesi502_user_flags", U32),
          field("sesi502_cltype_name", unique(WSTRING)),
          field("sesi502_transport", unique(WSTRING)));

  /** [MS-SRVS] 2.2.4.96 SERVER_TRANSPORT_INFO_0. */
  static final NdrType.StructType SERVER_TRANSPORT_INFO_0 =
      struct(
          "SERVER_TRANSPORT_INFO_0",
          field("svti0_numberofvcs", U32),
          field("svti0_transportname", unique(WSTRING)),
          field("svti0_transportaddress", unique(conformantArray(U8))),
          field("svti0_transportaddresslength", U32),
          field("svti0_networkaddress", unique(WSTRING)));

  /** [MS-SRVS] 2.2.4.97 SERVER_TRANSPORT_INFO_1. */
  static final NdrType.StructType SERVER_TRANSPORT_INFO_1 =
      struct(
          "SERVER_TRANSPORT_INFO_1",
          field("svti1_numberofvcs", U32),
          field("svti1_transportname", unique(WSTRING)),
          field("svti1_transportaddress", unique(conformantArray(U8))),
          field("svti1_transportaddresslength", U32),
          field("svti1_networkaddress", unique(WSTRING)),
          field("svti1_domain", unique(WSTRING)));

  /** [MS-SRVS] 2.2.4.103 DISK_INFO: {@code [string] WCHAR Disk[3]}, e.g. "C:". */
  static final NdrType.StructType DISK_INFO =
      struct("DISK_INFO", field("Disk", varyingArray(U16, 3)));

  /** [MS-SRVS] 2.2.4.104 DISK_ENUM_CONTAINER. */
  static final NdrType.StructType DISK_ENUM_CONTAINER =
      struct(
          "DISK_ENUM_CONTAINER",
          field("EntriesRead", U32),
          field("Buffer", unique(conformantVaryingArray(DISK_INFO))));

  /** [MS-SRVS] 2.2.4.105 TIME_OF_DAY_INFO. */
  static final NdrType.StructType TIME_OF_DAY_INFO =
      struct(
          "TIME_OF_DAY_INFO",
          field("tod_elapsedt", U32),
          field("tod_msecs", U32),
          field("tod_hours", U32),
          field("tod_mins", U32),
          field("tod_secs", U32),
          field("tod_hunds", U32),
          field("tod_timezone", U32),
          field("tod_tinterval", U32),
          field("tod_day", U32),
          field("tod_month", U32),
          field("tod_year", U32),
          field("tod_weekday", U32));

  /** [MS-SRVS] 3.1.4.1 NetrCharDevEnum (Opnum 0). */
  public static final Operation NETR_CHAR_DEV_ENUM =
      enumeration("NetrCharDevEnum", 0, List.of(), Map.of(0, CHARDEV_INFO_0, 1, CHARDEV_INFO_1));

  /** [MS-SRVS] 3.1.4.5 NetrCharDevQEnum (Opnum 3). */
  public static final Operation NETR_CHAR_DEV_Q_ENUM =
      enumeration(
          "NetrCharDevQEnum",
          3,
          List.of(in("UserName", unique(WSTRING))),
          Map.of(0, CHARDEVQ_INFO_0, 1, CHARDEVQ_INFO_1));

  /** [MS-SRVS] 3.1.4.12 NetrConnectionEnum (Opnum 8). */
  public static final Operation NETR_CONNECTION_ENUM =
      enumeration(
          "NetrConnectionEnum",
          8,
          List.of(in("Qualifier", unique(WSTRING))),
          Map.of(0, CONNECTION_INFO_0, 1, CONNECTION_INFO_1));

  /** [MS-SRVS] 3.1.4.16 NetrFileEnum (Opnum 9). */
  public static final Operation NETR_FILE_ENUM =
      enumeration(
          "NetrFileEnum",
          9,
          List.of(in("BasePath", unique(WSTRING)), in("UserName", unique(WSTRING))),
          Map.of(2, FILE_INFO_2, 3, FILE_INFO_3));

  /** [MS-SRVS] 3.1.4.3 NetrSessionEnum (Opnum 12). */
  public static final Operation NETR_SESSION_ENUM =
      enumeration(
          "NetrSessionEnum",
          12,
          List.of(in("ClientName", unique(WSTRING)), in("UserName", unique(WSTRING))),
          Map.of(
              0, SESSION_INFO_0,
              1, SESSION_INFO_1,
              2, SESSION_INFO_2,
              10, SESSION_INFO_10,
              502, SESSION_INFO_502));

  /** [MS-SRVS] 3.1.4.24 NetrServerTransportEnum (Opnum 26). */
  public static final Operation NETR_SERVER_TRANSPORT_ENUM =
      enumeration(
          "NetrServerTransportEnum",
          26,
          List.of(),
          Map.of(0, SERVER_TRANSPORT_INFO_0, 1, SERVER_TRANSPORT_INFO_1));

  /** [MS-SRVS] 3.1.4.21 NetrServerDiskEnum (Opnum 23). */
  public static final Operation NETR_SERVER_DISK_ENUM =
      new Operation(
          "NetrServerDiskEnum",
          23,
          List.of(
              in("ServerName", unique(WSTRING)),
              in("Level", U32),
              inOut("DiskInfoStruct", ref(DISK_ENUM_CONTAINER)),
              in("PreferedMaximumLength", U32),
              out("TotalEntries", ref(U32)),
              inOut("ResumeHandle", unique(U32))),
          U32);

  /** [MS-SRVS] 3.1.4.22 NetrRemoteTOD (Opnum 28). */
  public static final Operation NETR_REMOTE_TOD =
      new Operation(
          "NetrRemoteTOD",
          28,
          List.of(
              in("ServerName", unique(WSTRING)), out("BufferPtr", ref(unique(TIME_OF_DAY_INFO)))),
          U32);

  /**
   * An enumeration: {@code ServerName, extra..., [in,out] InfoStruct {Level, union of unique
   * containers}, PreferedMaximumLength, [out] TotalEntries, [in,out,unique] ResumeHandle}.
   */
  private static Operation enumeration(
      String name, int opnum, List<Param> extra, Map<Integer, NdrType.StructType> levels) {
    Map<Long, NdrType> arms = new LinkedHashMap<>();
    levels.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                arms.put(
                    (long) e.getKey(),
                    unique(
                        struct(
                            e.getValue().name() + "_CONTAINER",
                            field("EntriesRead", U32),
                            field("Buffer", unique(conformantArray(e.getValue())))))));
    NdrType.UnionType u = new NdrType.UnionType(name + "_UNION", U32, arms, null);
    List<Param> params = new ArrayList<>();
    params.add(in("ServerName", unique(WSTRING)));
    params.addAll(extra);
    params.add(
        inOut("InfoStruct", ref(struct(name + "_STRUCT", field("Level", U32), field("Info", u)))));
    params.add(in("PreferedMaximumLength", U32));
    params.add(out("TotalEntries", ref(U32)));
    params.add(inOut("ResumeHandle", unique(U32)));
    return new Operation(name, opnum, params, U32);
  }
}
