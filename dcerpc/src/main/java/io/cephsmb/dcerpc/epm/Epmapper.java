package io.cephsmb.dcerpc.epm;

import static io.cephsmb.dcerpc.ndr.Ndr.CONTEXT_HANDLE;
import static io.cephsmb.dcerpc.ndr.Ndr.U16;
import static io.cephsmb.dcerpc.ndr.Ndr.U32;
import static io.cephsmb.dcerpc.ndr.Ndr.U8;
import static io.cephsmb.dcerpc.ndr.Ndr.conformantArray;
import static io.cephsmb.dcerpc.ndr.Ndr.conformantVaryingArray;
import static io.cephsmb.dcerpc.ndr.Ndr.field;
import static io.cephsmb.dcerpc.ndr.Ndr.fixedArray;
import static io.cephsmb.dcerpc.ndr.Ndr.full;
import static io.cephsmb.dcerpc.ndr.Ndr.in;
import static io.cephsmb.dcerpc.ndr.Ndr.inOut;
import static io.cephsmb.dcerpc.ndr.Ndr.out;
import static io.cephsmb.dcerpc.ndr.Ndr.ref;
import static io.cephsmb.dcerpc.ndr.Ndr.struct;
import static io.cephsmb.dcerpc.ndr.Ndr.varyingArray;

import io.cephsmb.dcerpc.ndr.NdrType;
import io.cephsmb.dcerpc.ndr.Operation;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * [C706] appendix O the endpoint mapper interface (ept, e1af8308-5d1f-11c9-91a4-08002b14a0fa v3.0)
 * as far as this server implements it: ept_lookup (2), ept_map (3), ept_lookup_handle_free (4).
 * Embedded pointers are full pointers (the IDL's pointer_default(ptr)).
 */
public final class Epmapper {
  /** The ept interface. */
  public static final SyntaxId SYNTAX =
      new SyntaxId(UUID.fromString("e1af8308-5d1f-11c9-91a4-08002b14a0fa"), 3, 0);

  /** [C706] appendix O ept_s_not_registered: no matching endpoint. */
  public static final int EPT_S_NOT_REGISTERED = 0x16c9a0d6;

  /** [C706] appendix A uuid_t as NDR: time_low, time_mid, time_hi_and_version, 8 octets. */
  public static final NdrType.StructType UUID_T =
      struct(
          "uuid_t",
          field("time_low", U32),
          field("time_mid", U16),
          field("time_hi_and_version", U16),
          field("clock_seq_and_node", fixedArray(U8, 8)));

  /** rpc_if_id_t: interface UUID and version. */
  public static final NdrType.StructType RPC_IF_ID =
      struct(
          "rpc_if_id_t", field("uuid", UUID_T), field("vers_major", U16), field("vers_minor", U16));

  /** [C706] appendix L twr_t: tower_length, then the tower octet string (a conformant array). */
  public static final NdrType.StructType TWR_T =
      struct("twr_t", field("tower_length", U32), field("tower_octet_string", conformantArray(U8)));

  /** ept_entry_t: object, tower, annotation ([string] char[64]). */
  public static final NdrType.StructType EPT_ENTRY =
      struct(
          "ept_entry_t",
          field("object", UUID_T),
          field("tower", full(TWR_T)),
          field("annotation", varyingArray(U8, 64)));

  /** The element of ept_map's towers array, a [ptr] twr_t pointer. */
  public static final NdrType.StructType TWR_P = struct("twr_p_t", field("twr", full(TWR_T)));

  /** ept_lookup (opnum 2). */
  public static final Operation EPT_LOOKUP =
      new Operation(
          "ept_lookup",
          2,
          List.of(
              in("inquiry_type", U32),
              in("object", full(UUID_T)),
              in("interface_id", full(RPC_IF_ID)),
              in("vers_option", U32),
              inOut("entry_handle", ref(CONTEXT_HANDLE)),
              in("max_ents", U32),
              out("num_ents", ref(U32)),
              out("entries", conformantVaryingArray(EPT_ENTRY))),
          U32);

  /** ept_map (opnum 3). */
  public static final Operation EPT_MAP =
      new Operation(
          "ept_map",
          3,
          List.of(
              in("object", full(UUID_T)),
              in("map_tower", full(TWR_T)),
              inOut("entry_handle", ref(CONTEXT_HANDLE)),
              in("max_towers", U32),
              out("num_towers", ref(U32)),
              out("towers", conformantVaryingArray(TWR_P))),
          U32);

  /** ept_lookup_handle_free (opnum 4). */
  public static final Operation EPT_LOOKUP_HANDLE_FREE =
      new Operation(
          "ept_lookup_handle_free", 4, List.of(inOut("entry_handle", ref(CONTEXT_HANDLE))), U32);

  private Epmapper() {}

  /** A uuid_t value. */
  public static Map<String, Object> uuid(UUID u) {
    long msb = u.getMostSignificantBits();
    long lsb = u.getLeastSignificantBits();
    List<Object> tail = new ArrayList<>(8);
    for (int i = 7; i >= 0; i--) {
      tail.add((int) ((lsb >>> (8 * i)) & 0xff));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time_low", (int) (msb >>> 32));
    m.put("time_mid", (int) ((msb >>> 16) & 0xffff));
    m.put("time_hi_and_version", (int) (msb & 0xffff));
    m.put("clock_seq_and_node", tail);
    return m;
  }

  /** The UUID of a uuid_t value. */
  public static UUID uuid(Map<?, ?> m) {
    long msb =
        (((Number) m.get("time_low")).longValue() & 0xffffffffL) << 32
            | (((Number) m.get("time_mid")).longValue() & 0xffff) << 16
            | (((Number) m.get("time_hi_and_version")).longValue() & 0xffff);
    long lsb = 0;
    for (Object b : (List<?>) m.get("clock_seq_and_node")) {
      lsb = (lsb << 8) | (((Number) b).longValue() & 0xff);
    }
    return new UUID(msb, lsb);
  }

  /** A twr_t value holding {@code tower}. */
  public static Map<String, Object> twr(byte[] tower) {
    List<Object> octets = new ArrayList<>(tower.length);
    for (byte b : tower) {
      octets.add(b & 0xff);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tower_length", tower.length);
    m.put("tower_octet_string", octets);
    return m;
  }

  /** The tower octets of a twr_t value; tower_length must match the array. */
  public static byte[] towerOctets(Map<?, ?> twr) throws TowerException {
    List<?> octets = (List<?>) twr.get("tower_octet_string");
    long length = ((Number) twr.get("tower_length")).longValue() & 0xffffffffL;
    if (length != octets.size()) {
      throw new TowerException("tower_length " + length + " for " + octets.size() + " octets");
    }
    byte[] b = new byte[octets.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) ((Number) octets.get(i)).intValue();
    }
    return b;
  }
}
