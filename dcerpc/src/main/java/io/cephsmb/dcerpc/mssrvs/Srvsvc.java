package io.cephsmb.dcerpc.mssrvs;

import static io.cephsmb.dcerpc.ndr.Ndr.U32;
import static io.cephsmb.dcerpc.ndr.Ndr.WSTRING;
import static io.cephsmb.dcerpc.ndr.Ndr.arm;
import static io.cephsmb.dcerpc.ndr.Ndr.conformantArray;
import static io.cephsmb.dcerpc.ndr.Ndr.field;
import static io.cephsmb.dcerpc.ndr.Ndr.in;
import static io.cephsmb.dcerpc.ndr.Ndr.inOut;
import static io.cephsmb.dcerpc.ndr.Ndr.out;
import static io.cephsmb.dcerpc.ndr.Ndr.ref;
import static io.cephsmb.dcerpc.ndr.Ndr.struct;
import static io.cephsmb.dcerpc.ndr.Ndr.union;
import static io.cephsmb.dcerpc.ndr.Ndr.unique;

import io.cephsmb.dcerpc.ndr.NdrType;
import io.cephsmb.dcerpc.ndr.Operation;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import java.util.List;
import java.util.UUID;

/**
 * [MS-SRVS] the srvsvc interface as far as it is described so far: NetrShareEnumAll at levels 0 and
 * 1. The server implementation arrives with the named-pipe transport.
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

  /** [MS-SRVS] 2.2.4.32 SHARE_INFO_0_CONTAINER. */
  public static final NdrType.StructType SHARE_INFO_0_CONTAINER = container(SHARE_INFO_0);

  /** [MS-SRVS] 2.2.4.33 SHARE_INFO_1_CONTAINER. */
  public static final NdrType.StructType SHARE_INFO_1_CONTAINER = container(SHARE_INFO_1);

  /** [MS-SRVS] 2.2.3.2 SHARE_ENUM_UNION (levels 0 and 1). */
  public static final NdrType.UnionType SHARE_ENUM_UNION =
      union(
          "SHARE_ENUM_UNION",
          U32,
          arm(0, unique(SHARE_INFO_0_CONTAINER)),
          arm(1, unique(SHARE_INFO_1_CONTAINER)));

  /** [MS-SRVS] 2.2.4.38 SHARE_ENUM_STRUCT. */
  public static final NdrType.StructType SHARE_ENUM_STRUCT =
      struct("SHARE_ENUM_STRUCT", field("Level", U32), field("ShareInfo", SHARE_ENUM_UNION));

  /** [MS-SRVS] 3.1.4.8 NetrShareEnumAll (Opnum 15). */
  public static final Operation NETR_SHARE_ENUM_ALL =
      new Operation(
          "NetrShareEnumAll",
          15,
          List.of(
              in("ServerName", unique(WSTRING)),
              inOut("InfoStruct", ref(SHARE_ENUM_STRUCT)),
              in("PreferedMaximumLength", U32),
              out("TotalEntries", ref(U32)),
              inOut("ResumeHandle", unique(U32))),
          U32);

  private Srvsvc() {}

  private static NdrType.StructType container(NdrType.StructType info) {
    return struct(
        info.name() + "_CONTAINER",
        field("EntriesRead", U32),
        field("Buffer", unique(conformantArray(info))));
  }
}
