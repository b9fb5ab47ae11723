package io.cephsmb.radoslock;

import io.cephsmb.omapkv.BodyReader;
import io.cephsmb.omapkv.BodyWriter;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.RecordCodec;

/**
 * A node's heartbeat in {@code cluster.state}, key {@code hb.<id>}. Heartbeats do not change the
 * cluster epoch and notify nobody; the leader reads them to spot a silent node. Liveness is judged
 * by the counter changing on the leader's own clock, never by comparing wall clocks.
 *
 * @param incarnation the beating incarnation
 * @param counter bumped on every beat
 * @param wallMillis the node's wall clock at the beat (for people)
 */
public record Heartbeat(long incarnation, long counter, long wallMillis) {

  public static final RecordCodec<Heartbeat> CODEC =
      new RecordCodec<>() {
        @Override
        public String type() {
          return "heartbeat";
        }

        @Override
        public int version() {
          return 1;
        }

        @Override
        public Bytes encode(Heartbeat h) {
          return new BodyWriter()
              .i64(h.incarnation())
              .i64(h.counter())
              .i64(h.wallMillis())
              .toBytes();
        }

        @Override
        public Heartbeat decode(int version, Bytes body) {
          BodyReader r = new BodyReader(type(), body);
          return new Heartbeat(r.i64("incarnation"), r.i64("counter"), r.i64("wallMillis"));
        }
      };
}
