package io.cephsmb.radoslock;

import io.cephsmb.omapkv.BodyReader;
import io.cephsmb.omapkv.BodyWriter;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.RecordCodec;

/**
 * The cluster epoch in {@code cluster.state}, key {@code epoch}: bumped by every membership change
 * (join, leave, suspect, down), never by heartbeats.
 */
public record ClusterEpoch(long epoch) {

  public static final RecordCodec<ClusterEpoch> CODEC =
      new RecordCodec<>() {
        @Override
        public String type() {
          return "epoch";
        }

        @Override
        public int version() {
          return 1;
        }

        @Override
        public Bytes encode(ClusterEpoch e) {
          return new BodyWriter().i64(e.epoch()).toBytes();
        }

        @Override
        public ClusterEpoch decode(int version, Bytes body) {
          return new ClusterEpoch(new BodyReader(type(), body).i64("epoch"));
        }
      };
}
