package io.cephsmb.dcerpc.mssrvs;

import static io.cephsmb.dcerpc.ndr.Ndr.U32;
import static io.cephsmb.dcerpc.ndr.Ndr.U8;
import static io.cephsmb.dcerpc.ndr.Ndr.WSTRING;
import static io.cephsmb.dcerpc.ndr.Ndr.arm;
import static io.cephsmb.dcerpc.ndr.Ndr.conformantArray;
import static io.cephsmb.dcerpc.ndr.Ndr.field;
import static io.cephsmb.dcerpc.ndr.Ndr.in;
import static io.cephsmb.dcerpc.ndr.Ndr.inOut;
import static io.cephsmb.dcerpc.ndr.Ndr.levelUnion;
import static io.cephsmb.dcerpc.ndr.Ndr.out;
import static io.cephsmb.dcerpc.ndr.Ndr.ref;
import static io.cephsmb.dcerpc.ndr.Ndr.struct;
import static io.cephsmb.dcerpc.ndr.Ndr.union;
import static io.cephsmb.dcerpc.ndr.Ndr.unique;

import io.cephsmb.dcerpc.ndr.NdrType;
import io.cephsmb.dcerpc.ndr.Operation;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * [MS-SRVS] the srvsvc interface, as far as this server implements it: NetrShareEnumAll (opnum 15,
 * [MS-SRVS] calls it NetrShareEnum) and NetrShareEnumSticky at levels 0, 1, 2, 501, 502,
 * NetrShareGetInfo at the same levels and 1005, NetrShareCheck and NetrServerGetInfo at levels 100,
 * 101, 102. The info unions are {@link io.cephsmb.dcerpc.ndr.Ndr#levelUnion}s with the levels of
 * the IDL (as Samba's srvsvc.idl has them): a level the IDL declares but this server does not serve
 * is answered with the level and a null pointer, any other level with the level alone.
 */
public final class Srvsvc {
  /** [MS-SRVS] 1.9 srvsvc 4b324fc8-1670-01d3-1278-5a47bf6ee188 version 3.0. */
  public static final SyntaxId SYNTAX =
      new SyntaxId(UUID.fromString("4b324fc8-1670-01d3-1278-5a47bf6ee188"), 3, 0);

  /** [MS-SRVS] 2.2.4.22 SHARE_INFO_0. */
  public static final NdrType.StructType SHARE_INFO_0 =
      struct("SHARE_INFO_0", field("shi0_netname", unique(WSTRING)));

  /** [MS-SRVS] 2.2.4.23 SHARE_INFO_1. */
  public static final NdrType.StructType SHARE_INFO_1 =
      struct(
          "SHARE_INFO_1",
          field("shi1_netname", unique(WSTRING)),
          field("shi1_type", U32),
          field("shi1_remark", unique(WSTRING)));

  /** [MS-SRVS] 2.2.4.24 SHARE_INFO_2. */
  public static final NdrType.StructType SHARE_INFO_2 =
      struct(
          "SHARE_INFO_2",
          field("shi2_netname", unique(WSTRING)),
          field("shi2_type", U32),
          field("shi2_remark", unique(WSTRING)),
          field("shi2_permissions", U32),
          field("shi2_max_uses", U32),
          field("shi2_current_uses", U32),
          field("shi2_path", unique(WSTRING)),
          field("shi2_passwd", unique(WSTRING)));

  /** [MS-SRVS] 2.2.4.25 SHARE_INFO_501. */
  public static final NdrType.StructType SHARE_INFO_501 =
      struct(
          "SHARE_INFO_501",
          field("shi501_netname", unique(WSTRING)),
          field("shi501_type", U32),
          field("shi501_remark", unique(WSTRING)),
          field("shi501_flags", U32));

  /**
   * [MS-SRVS] 2.2.4.26 SHARE_INFO_502_I; the security descriptor is {@code [size_is(reserved)]}
   * bytes (this server sends none: reserved 0 and a null pointer).
   */
  public static final NdrType.StructType SHARE_INFO_502 =
      struct(
          "SHARE_INFO_502_I",
          field("shi502_netname", unique(WSTRING)),
          field("shi502_type", U32),
          field("shi502_remark", unique(WSTRING)),
          field("shi502_permissions", U32),
          field("shi502_max_uses", U32),
          field("shi502_current_uses", U32),
          field("shi502_path", unique(WSTRING)),
          field("shi502_passwd", unique(WSTRING)),
          field("shi502_reserved", U32),
          field("shi502_security_descriptor", unique(conformantArray(U8))));

  /** The share info structures by level. */
  public static final List<Integer> SHARE_LEVELS = List.of(0, 1, 2, 501, 502);

  /** [MS-SRVS] 2.2.4.32 SHARE_INFO_0_CONTAINER. */
  public static final NdrType.StructType SHARE_INFO_0_CONTAINER = container(SHARE_INFO_0);

  /** [MS-SRVS] 2.2.4.33 SHARE_INFO_1_CONTAINER. */
  public static final NdrType.StructType SHARE_INFO_1_CONTAINER = container(SHARE_INFO_1);

  /** [MS-SRVS] 2.2.4.34 SHARE_INFO_2_CONTAINER. */
  public static final NdrType.StructType SHARE_INFO_2_CONTAINER = container(SHARE_INFO_2);

  /** [MS-SRVS] 2.2.4.35 SHARE_INFO_501_CONTAINER. */
  public static final NdrType.StructType SHARE_INFO_501_CONTAINER = container(SHARE_INFO_501);

  /** [MS-SRVS] 2.2.4.36 SHARE_INFO_502_CONTAINER. */
  public static final NdrType.StructType SHARE_INFO_502_CONTAINER = container(SHARE_INFO_502);

  /**
   * [MS-SRVS] 2.2.3.2 SHARE_ENUM_UNION, without a default arm: it is also an [in] parameter, and a
   * level without an arm cannot be skipped safely (the request is refused as bad stub data).
   */
  public static final NdrType.UnionType SHARE_ENUM_UNION =
      union(
          "SHARE_ENUM_UNION",
          U32,
          arm(0, unique(SHARE_INFO_0_CONTAINER)),
          arm(1, unique(SHARE_INFO_1_CONTAINER)),
          arm(2, unique(SHARE_INFO_2_CONTAINER)),
          arm(501, unique(SHARE_INFO_501_CONTAINER)),
          arm(502, unique(SHARE_INFO_502_CONTAINER)));

  /** [MS-SRVS] 2.2.4.38 SHARE_ENUM_STRUCT. */
  public static final NdrType.StructType SHARE_ENUM_STRUCT =
      struct("SHARE_ENUM_STRUCT", field("Level", U32), field("ShareInfo", SHARE_ENUM_UNION));

  /** [MS-SRVS] 2.2.4.29 SHARE_INFO_1005. */
  public static final NdrType.StructType SHARE_INFO_1005 =
      struct("SHARE_INFO_1005", field("shi1005_flags", U32));

  /** [MS-SRVS] 2.2.3.6 SHARE_INFO (the levels this server answers). */
  public static final NdrType.UnionType SHARE_INFO =
      levelUnion(
          "SHARE_INFO",
          Map.of(
              0L, unique(SHARE_INFO_0),
              1L, unique(SHARE_INFO_1),
              2L, unique(SHARE_INFO_2),
              501L, unique(SHARE_INFO_501),
              502L, unique(SHARE_INFO_502),
              1005L, unique(SHARE_INFO_1005)),
          1004,
          1006,
          1007,
          1501);

  /** [MS-SRVS] 2.2.4.40 SERVER_INFO_100. */
  public static final NdrType.StructType SERVER_INFO_100 =
      struct(
          "SERVER_INFO_100", field("sv100_platform_id", U32), field("sv100_name", unique(WSTRING)));

  /** [MS-SRVS] 2.2.4.41 SERVER_INFO_101. */
  public static final NdrType.StructType SERVER_INFO_101 =
      struct(
          "SERVER_INFO_101",
          field("sv101_platform_id", U32),
          field("sv101_name", unique(WSTRING)),
          field("sv101_version_major", U32),
          field("sv101_version_minor", U32),
          field("sv101_type", U32),
          field("sv101_comment", unique(WSTRING)));

  /** [MS-SRVS] 2.2.4.42 SERVER_INFO_102. */
  public static final NdrType.StructType SERVER_INFO_102 =
      struct(
          "SERVER_INFO_102",
          field("sv102_platform_id", U32),
          field("sv102_name", unique(WSTRING)),
          field("sv102_version_major", U32),
          field("sv102_version_minor", U32),
          field("sv102_type", U32),
          field("sv102_comment", unique(WSTRING)),
          field("sv102_users", U32),
          field("sv102_disc", U32),
          field("sv102_hidden", U32),
          field("sv102_announce", U32),
          field("sv102_anndelta", U32),
          field("sv102_licenses", U32),
          field("sv102_userpath", unique(WSTRING)));

  /** [MS-SRVS] 2.2.3.7 SERVER_INFO (the levels this server answers). */
  public static final NdrType.UnionType SERVER_INFO =
      levelUnion(
          "SERVER_INFO",
          Map.of(
              100L, unique(SERVER_INFO_100),
              101L, unique(SERVER_INFO_101),
              102L, unique(SERVER_INFO_102)),
          402,
          403,
          502,
          503,
          599,
          1005,
          1010,
          1016,
          1017,
          1018,
          1107,
          1501,
          1502,
          1503,
          1506,
          1509,
          1510,
          1511,
          1512,
          1513,
          1514,
          1515,
          1516,
          1518,
          1520,
          1521,
          1522,
          1523,
          1524,
          1525,
          1528,
          1529,
          1530,
          1533,
          1534,
          1535,
          1536,
          1537,
          1538,
          1539,
          1540,
          1541,
          1542,
          1543,
          1544,
          1545,
          1546,
          1547,
          1548,
          1549,
          1550,
          1552,
          1553,
          1554,
          1555,
          1556);

  /** [MS-SRVS] 3.1.4.8 NetrShareEnum (Opnum 15), NetShareEnumAll in Samba's IDL. */
  public static final Operation NETR_SHARE_ENUM_ALL = shareEnum("NetrShareEnumAll", 15);

  /** [MS-SRVS] 3.1.4.10 NetrShareGetInfo (Opnum 16). */
  public static final Operation NETR_SHARE_GET_INFO =
      new Operation(
          "NetrShareGetInfo",
          16,
          List.of(
              in("ServerName", unique(WSTRING)),
              in("NetName", ref(WSTRING)),
              in("Level", U32),
              out("InfoStruct", ref(SHARE_INFO))),
          U32);

  /** [MS-SRVS] 3.1.4.16 NetrShareCheck (Opnum 20). */
  public static final Operation NETR_SHARE_CHECK =
      new Operation(
          "NetrShareCheck",
          20,
          List.of(
              in("ServerName", unique(WSTRING)), in("Device", ref(WSTRING)), out("Type", ref(U32))),
          U32);

  /** [MS-SRVS] 3.1.4.17 NetrServerGetInfo (Opnum 21). */
  public static final Operation NETR_SERVER_GET_INFO =
      new Operation(
          "NetrServerGetInfo",
          21,
          List.of(
              in("ServerName", unique(WSTRING)),
              in("Level", U32),
              out("InfoStruct", ref(SERVER_INFO))),
          U32);

  /**
   * [MS-SRVS] 3.1.4.9 NetrShareEnumSticky (Opnum 36), same parameters as opnum 15 (Samba names it
   * NetShareEnum; rpcclient's netshareenum calls it).
   */
  public static final Operation NETR_SHARE_ENUM_STICKY = shareEnum("NetrShareEnumSticky", 36);

  private Srvsvc() {}

  private static Operation shareEnum(String name, int opnum) {
    return new Operation(
        name,
        opnum,
        List.of(
            in("ServerName", unique(WSTRING)),
            inOut("InfoStruct", ref(SHARE_ENUM_STRUCT)),
            in("PreferedMaximumLength", U32),
            out("TotalEntries", ref(U32)),
            inOut("ResumeHandle", unique(U32))),
        U32);
  }

  private static NdrType.StructType container(NdrType.StructType info) {
    return struct(
        info.name() + "_CONTAINER",
        field("EntriesRead", U32),
        field("Buffer", unique(conformantArray(info))));
  }
}
