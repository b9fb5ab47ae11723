package io.cephsmb.dcerpc.mswkst;

import static io.cephsmb.dcerpc.ndr.Ndr.U32;
import static io.cephsmb.dcerpc.ndr.Ndr.WSTRING;
import static io.cephsmb.dcerpc.ndr.Ndr.field;
import static io.cephsmb.dcerpc.ndr.Ndr.in;
import static io.cephsmb.dcerpc.ndr.Ndr.levelUnion;
import static io.cephsmb.dcerpc.ndr.Ndr.out;
import static io.cephsmb.dcerpc.ndr.Ndr.ref;
import static io.cephsmb.dcerpc.ndr.Ndr.struct;
import static io.cephsmb.dcerpc.ndr.Ndr.unique;

import io.cephsmb.dcerpc.ndr.NdrType;
import io.cephsmb.dcerpc.ndr.Operation;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** [MS-WKST] the wkssvc interface as far as this server implements it: NetrWkstaGetInfo. */
public final class Wkssvc {
  /** [MS-WKST] 1.9 wkssvc 6bffd098-a112-3610-9833-46c3f87e345a version 1.0. */
  public static final SyntaxId SYNTAX =
      new SyntaxId(UUID.fromString("6bffd098-a112-3610-9833-46c3f87e345a"), 1, 0);

  /** [MS-WKST] 2.2.5.1 WKSTA_INFO_100. */
  public static final NdrType.StructType WKSTA_INFO_100 =
      struct(
          "WKSTA_INFO_100",
          field("wki100_platform_id", U32),
          field("wki100_computername", unique(WSTRING)),
          field("wki100_langroup", unique(WSTRING)),
          field("wki100_ver_major", U32),
          field("wki100_ver_minor", U32));

  /** [MS-WKST] 2.2.5.2 WKSTA_INFO_101. */
  public static final NdrType.StructType WKSTA_INFO_101 =
      struct(
          "WKSTA_INFO_101",
          field("wki101_platform_id", U32),
          field("wki101_computername", unique(WSTRING)),
          field("wki101_langroup", unique(WSTRING)),
          field("wki101_ver_major", U32),
          field("wki101_ver_minor", U32),
          field("wki101_lanroot", unique(WSTRING)));

  /** [MS-WKST] 2.2.5.3 WKSTA_INFO_102. */
  public static final NdrType.StructType WKSTA_INFO_102 =
      struct(
          "WKSTA_INFO_102",
          field("wki102_platform_id", U32),
          field("wki102_computername", unique(WSTRING)),
          field("wki102_langroup", unique(WSTRING)),
          field("wki102_ver_major", U32),
          field("wki102_ver_minor", U32),
          field("wki102_lanroot", unique(WSTRING)),
          field("wki102_logged_on_users", U32));

  /** [MS-WKST] 2.2.4.1 WKSTA_INFO (levels as Samba's wkssvc.idl declares them). */
  public static final NdrType.UnionType WKSTA_INFO =
      levelUnion(
          "WKSTA_INFO",
          Map.of(
              100L, unique(WKSTA_INFO_100),
              101L, unique(WKSTA_INFO_101),
              102L, unique(WKSTA_INFO_102)),
          502,
          1010,
          1011,
          1012,
          1013,
          1018,
          1023,
          1027,
          1028,
          1032,
          1033,
          1041,
          1042,
          1043,
          1044,
          1045,
          1046,
          1047,
          1048,
          1049,
          1050,
          1051,
          1052,
          1053,
          1054,
          1055,
          1056,
          1057,
          1058,
          1059,
          1060,
          1061,
          1062);

  /** [MS-WKST] 3.2.4.1 NetrWkstaGetInfo (Opnum 0). */
  public static final Operation NETR_WKSTA_GET_INFO =
      new Operation(
          "NetrWkstaGetInfo",
          0,
          List.of(
              in("ServerName", unique(WSTRING)),
              in("Level", U32),
              out("WkstaInfo", ref(WKSTA_INFO))),
          U32);

  private Wkssvc() {}
}
