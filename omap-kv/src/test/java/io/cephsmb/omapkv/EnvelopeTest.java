package io.cephsmb.omapkv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

  /** A test record type: version 1 has a name, version 2 adds a count. */
  record Thing(String name, int count) {}

  static final class ThingCodec implements RecordCodec<Thing> {
    private final int version;

    ThingCodec(int version) {
      this.version = version;
    }

    @Override
    public String type() {
      return "thing";
    }

    @Override
    public int version() {
      return version;
    }

    @Override
    public Bytes encode(Thing t) {
      BodyWriter w = new BodyWriter().string(t.name());
      if (version >= 2) {
        w.i32(t.count());
      }
      return w.toBytes();
    }

    @Override
    public Thing decode(int v, Bytes body) {
      BodyReader r = new BodyReader(type(), body);
      String name = r.string("name");
      return new Thing(name, v >= 2 ? r.i32("count") : 0);
    }
  }

  @Test
  void goldenBytes() {
    Bytes e = new Envelope(2, 7, Bytes.utf8("hi")).encode();
    assertEquals("ce5b01000002000000000000000700000002" + "6869", e.hex().substring(0, 40));
    assertEquals(18 + 2 + 4, e.length());
  }

  @Test
  void roundTripKeepsVersionSeqAndBody() {
    ThingCodec c = new ThingCodec(2);
    Bytes raw = Records.encode(c, 42, new Thing("x", 3));
    Records.Versioned<Thing> v = Records.decode(c, raw);
    assertEquals(new Thing("x", 3), v.value());
    assertEquals(2, v.version());
    assertEquals(42, v.seqnum());
  }

  @Test
  void aNewerReaderReadsTheOldFormat() {
    Bytes old = Records.encode(new ThingCodec(1), 1, new Thing("old", 99));
    assertEquals(new Thing("old", 0), Records.decode(new ThingCodec(2), old).value());
  }

  @Test
  void anOldReaderRejectsTheNewFormat() {
    Bytes fresh = Records.encode(new ThingCodec(2), 1, new Thing("new", 5));
    UnknownRecordVersionException e =
        assertThrows(
            UnknownRecordVersionException.class, () -> Records.decode(new ThingCodec(1), fresh));
    assertEquals(2, e.version());
    assertEquals(1, e.known());
  }

  @Test
  void everyTruncationIsCorrupt() {
    byte[] raw = Records.encode(new ThingCodec(2), 1, new Thing("name", 5)).toArray();
    for (int n = 0; n < raw.length; n++) {
      Bytes cut = Bytes.of(Arrays.copyOf(raw, n));
      assertThrows(CorruptRecordException.class, () -> Envelope.decode(cut), "length " + n);
    }
  }

  @Test
  void everyFlippedBitIsCorrupt() {
    byte[] raw = Records.encode(new ThingCodec(2), 1, new Thing("name", 5)).toArray();
    for (int i = 0; i < raw.length * 8; i++) {
      byte[] bad = raw.clone();
      bad[i / 8] ^= (byte) (1 << (i % 8));
      assertThrows(
          KvException.class, () -> Records.decode(new ThingCodec(2), Bytes.wrap(bad)), "bit " + i);
    }
  }

  @Test
  void aBodyThatLiesAboutItsLengthsIsCorrupt() {
    Bytes lying = new BodyWriter().i32(1000).toBytes(); // a string claiming 1000 bytes
    Bytes raw = new Envelope(1, 1, lying).encode();
    CorruptRecordException e =
        assertThrows(CorruptRecordException.class, () -> Records.decode(new ThingCodec(1), raw));
    assertTrue(e.getMessage().contains("name"), e.getMessage());
  }
}
