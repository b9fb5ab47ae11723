package io.cephsmb.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.omapkv.BodyWriter;
import io.cephsmb.omapkv.Bytes;
import org.junit.jupiter.api.Test;

/** {@link ShareRecord} body formats: 2 carries {@code caseSensitive}, 1 reads as false. */
class ShareRecordTest {
  @Test
  void caseSensitiveRoundTripsAndOldRecordsAreCaseInsensitive() {
    ShareRecord s = new ShareRecord("Data", "/data", "c", false, true, false, true);
    Bytes body = ShareRecord.CODEC.encode(s);
    assertEquals(2, ShareRecord.CODEC.version());
    assertEquals(s, ShareRecord.CODEC.decode(2, body));
    Bytes v1 =
        new BodyWriter()
            .string("Old")
            .string("/old")
            .string("")
            .bool(true)
            .bool(false)
            .bool(false)
            .toBytes();
    ShareRecord old = ShareRecord.CODEC.decode(1, v1);
    assertFalse(old.caseSensitive());
    assertTrue(old.readOnly());
    assertFalse(new ShareRecord("x", "/x", "", false, false, false).caseSensitive());
  }
}
