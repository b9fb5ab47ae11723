package io.cephsmb.gateway.oplock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.mssmb2.Smb2CreateContext;
import io.cephsmb.gateway.openfiles.OpenFileTable.Break;
import io.cephsmb.gateway.openfiles.OpenRecord;
import io.cephsmb.omapkv.Bytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The grant and break decisions of {@link CachingPolicy}, as pure functions. */
class CachingPolicyTest {
  static final Bytes GUID_A = Bytes.of(new byte[16]);
  static final Bytes GUID_B = Bytes.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6});
  static final Bytes KEY_1 = Bytes.of(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
  static final Bytes KEY_2 = Bytes.of(new byte[] {2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2});

  static OpenRecord rec(long id, int access, Bytes guid) {
    return new OpenRecord("n1", 1, id, "", access, 7, false, false, 7, guid, Bytes.EMPTY, 0);
  }

  static CachingPolicy oplock(int level, boolean overwrite) {
    return new CachingPolicy(level, null, overwrite, false, Set.of());
  }

  static CachingPolicy lease(Bytes key, int state) {
    return new CachingPolicy(
        OplockLevel.LEASE,
        new LeaseRequest(key, state, true, Bytes.EMPTY, 0),
        false,
        false,
        Set.of());
  }

  @Test
  void batchWhenAloneLevelIiBesideOthersNoneForDirectories() {
    OpenRecord n = rec(1, 3, GUID_A);
    assertEquals(
        OplockLevel.BATCH, oplock(OplockLevel.BATCH, false).grant(n, List.of()).oplockLevel());
    OpenRecord other = rec(2, 1, GUID_A);
    assertEquals(
        OplockLevel.II, oplock(OplockLevel.BATCH, false).grant(n, List.of(other)).oplockLevel());
    assertEquals(
        OplockLevel.NONE,
        new CachingPolicy(OplockLevel.BATCH, null, false, true, Set.of())
            .grant(n, List.of())
            .oplockLevel());
    assertEquals(
        OplockLevel.NONE, oplock(0x42, false).grant(n, List.of()).oplockLevel(), "invalid");
  }

  @Test
  void exclusiveHoldersGoToLevelIiOrNoneOnOverwriteAndStatOpensBreakNothing() {
    OpenRecord holder =
        rec(2, 3, GUID_A).withCaching(OplockLevel.BATCH, Bytes.EMPTY, 0, 0, Bytes.EMPTY);
    List<Break> b = oplock(0, false).afterShareCheck(rec(1, 1, GUID_A), List.of(holder));
    assertEquals(1, b.size());
    assertEquals(OplockLevel.II, b.get(0).toLevel());
    assertTrue(b.get(0).waitForAck());
    assertEquals(
        OplockLevel.NONE,
        oplock(0, true).afterShareCheck(rec(1, 3, GUID_A), List.of(holder)).get(0).toLevel());
    assertTrue(oplock(0, false).afterShareCheck(rec(1, 0x80, GUID_A), List.of(holder)).isEmpty());
  }

  @Test
  void onlyBatchIsBrokenBeforeASharingViolation() {
    OpenRecord batch =
        rec(2, 3, GUID_A).withCaching(OplockLevel.BATCH, Bytes.EMPTY, 0, 0, Bytes.EMPTY);
    OpenRecord excl =
        rec(3, 3, GUID_A).withCaching(OplockLevel.EXCLUSIVE, Bytes.EMPTY, 0, 0, Bytes.EMPTY);
    assertEquals(1, oplock(0, false).beforeShareCheck(rec(1, 3, GUID_A), List.of(batch)).size());
    assertTrue(oplock(0, false).beforeShareCheck(rec(1, 3, GUID_A), List.of(excl)).isEmpty());
    assertTrue(
        new CachingPolicy(0, null, false, false, Set.of(batch.key()))
            .beforeShareCheck(rec(1, 3, GUID_A), List.of(batch))
            .isEmpty(),
        "never broken twice by one CREATE");
  }

  @Test
  void leasesRwhAloneRhBesideOtherKeysSameKeyUnbroken() {
    int rwh = OplockLevel.R | OplockLevel.W | OplockLevel.H;
    OpenRecord n = rec(1, 3, GUID_A);
    OpenRecord g = lease(KEY_1, rwh).grant(n, List.of());
    assertEquals(OplockLevel.LEASE, g.oplockLevel());
    assertEquals(rwh, g.leaseState());
    assertEquals(1, g.leaseEpoch());
    OpenRecord other = rec(2, 3, GUID_B);
    assertEquals(
        OplockLevel.R | OplockLevel.H, lease(KEY_1, rwh).grant(n, List.of(other)).leaseState());
    assertEquals(
        0, lease(KEY_1, OplockLevel.W).grant(n, List.of()).leaseState(), "W alone is invalid");
    assertTrue(lease(KEY_1, rwh).afterShareCheck(n, List.of(g)).isEmpty(), "same client and key");
    List<Break> b = lease(KEY_2, rwh).afterShareCheck(n, List.of(g));
    assertEquals(1, b.size());
    assertEquals(OplockLevel.R | OplockLevel.H, b.get(0).toLeaseState());
  }

  @Test
  void leaseContextsRoundTrip() {
    ByteBuffer d = ByteBuffer.allocate(52).order(ByteOrder.LITTLE_ENDIAN);
    d.put(KEY_1.toArray()).putInt(7).putInt(LeaseRequest.FLAG_PARENT_LEASE_KEY_SET).putLong(0);
    d.put(KEY_2.toArray()).putShort((short) 3).putShort((short) 0);
    LeaseRequest r = LeaseRequest.parse(Smb2CreateContext.of(LeaseRequest.RQLS, d.array()));
    assertEquals(KEY_1, r.key());
    assertEquals(7, r.state());
    assertEquals(KEY_2, r.parentKey());
    assertEquals(3, r.epoch());
    byte[] out = r.response(5, 4, false).data();
    assertEquals(52, out.length);
    ByteBuffer o = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(5, o.getInt(16));
    assertEquals(LeaseRequest.FLAG_PARENT_LEASE_KEY_SET, o.getInt(20));
    assertEquals(4, o.getShort(48));
    assertEquals(null, LeaseRequest.parse(Smb2CreateContext.of(LeaseRequest.RQLS, new byte[31])));
  }
}
