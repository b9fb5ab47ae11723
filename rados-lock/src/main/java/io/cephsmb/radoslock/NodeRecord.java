package io.cephsmb.radoslock;

import io.cephsmb.omapkv.BodyReader;
import io.cephsmb.omapkv.BodyWriter;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.CorruptRecordException;
import io.cephsmb.omapkv.RecordCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's record in {@code cluster.state}, key {@code node.<id>}.
 *
 * @param id the node's name (stable across restarts)
 * @param incarnation the cluster epoch at which this incarnation joined (a restart or rejoin gets a
 *     new one, so records of a fenced incarnation are told apart)
 * @param radosAddress the RADOS client address the leader blocklists to fence this incarnation
 * @param radosInstanceId the RADOS client's global id
 * @param addresses the node's service addresses (host:port), for clients and Witness
 * @param status UP, SUSPECT, DOWN or LEFT
 * @param sinceMillis wall-clock time of the last status change (for people, not for logic)
 */
public record NodeRecord(
    String id,
    long incarnation,
    String radosAddress,
    long radosInstanceId,
    List<String> addresses,
    NodeStatus status,
    long sinceMillis) {

  public NodeRecord {
    addresses = List.copyOf(addresses);
  }

  /** The same record with another status. */
  public NodeRecord withStatus(NodeStatus s, long nowMillis) {
    return new NodeRecord(id, incarnation, radosAddress, radosInstanceId, addresses, s, nowMillis);
  }

  /** Codec, body format 1. */
  public static final RecordCodec<NodeRecord> CODEC =
      new RecordCodec<>() {
        @Override
        public String type() {
          return "node";
        }

        @Override
        public int version() {
          return 1;
        }

        @Override
        public Bytes encode(NodeRecord n) {
          BodyWriter w =
              new BodyWriter()
                  .string(n.id())
                  .i64(n.incarnation())
                  .string(n.radosAddress())
                  .i64(n.radosInstanceId())
                  .i32(n.addresses().size());
          n.addresses().forEach(w::string);
          return w.u8(n.status().code()).i64(n.sinceMillis()).toBytes();
        }

        @Override
        public NodeRecord decode(int version, Bytes body) {
          BodyReader r = new BodyReader(type(), body);
          String id = r.string("id");
          long inc = r.i64("incarnation");
          String addr = r.string("radosAddress");
          long gid = r.i64("radosInstanceId");
          int n = r.i32("address count");
          if (n < 0 || n > 1024) {
            throw new CorruptRecordException("node record: " + n + " addresses");
          }
          List<String> addrs = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            addrs.add(r.string("address"));
          }
          int code = r.u8("status");
          NodeStatus s = NodeStatus.fromCode(code);
          if (s == null) {
            throw new CorruptRecordException("node record: unknown status " + code);
          }
          return new NodeRecord(id, inc, addr, gid, addrs, s, r.i64("sinceMillis"));
        }
      };
}
