package io.cephsmb.gateway.oplock;

import io.cephsmb.gateway.mssmb2.Smb2CreateContext;
import io.cephsmb.omapkv.Bytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * [MS-SMB2] 2.2.13.2.8 SMB2_CREATE_REQUEST_LEASE ("RqLs", 32 bytes) and 2.2.13.2.10
 * SMB2_CREATE_REQUEST_LEASE_V2 (52 bytes); the same layouts answer them (2.2.14.2.10, 2.2.14.2.11).
 *
 * @param key LeaseKey
 * @param state LeaseState requested (R, H, W bits; others dropped)
 * @param v2 whether the V2 layout was used (3.x)
 * @param parentKey ParentLeaseKey (V2 with SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET), else empty
 * @param epoch Epoch (V2)
 */
public record LeaseRequest(Bytes key, int state, boolean v2, Bytes parentKey, int epoch) {
  /** The create context name. */
  public static final String RQLS = "RqLs";

  /** SMB2_LEASE_FLAG_BREAK_IN_PROGRESS. */
  public static final int FLAG_BREAK_IN_PROGRESS = 0x02;

  /** SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET. */
  public static final int FLAG_PARENT_LEASE_KEY_SET = 0x04;

  /**
   * The lease request in a create context, or null when the data has neither length (Windows
   * ignores such a context).
   */
  public static LeaseRequest parse(Smb2CreateContext c) {
    byte[] d = c.data();
    if (d.length != 32 && d.length != 52) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
    Bytes key = Bytes.of(d, 0, 16);
    int state = b.getInt(16) & (OplockLevel.R | OplockLevel.H | OplockLevel.W);
    if (d.length == 32) {
      return new LeaseRequest(key, state, false, Bytes.EMPTY, 0);
    }
    int flags = b.getInt(20);
    Bytes parent = (flags & FLAG_PARENT_LEASE_KEY_SET) != 0 ? Bytes.of(d, 32, 16) : Bytes.EMPTY;
    return new LeaseRequest(key, state, true, parent, b.getShort(48) & 0xffff);
  }

  /** The response context for the lease as granted. */
  public Smb2CreateContext response(int grantedState, int newEpoch, boolean breaking) {
    ByteBuffer b = ByteBuffer.allocate(v2 ? 52 : 32).order(ByteOrder.LITTLE_ENDIAN);
    b.put(key.toArray());
    b.putInt(grantedState);
    int flags = breaking ? FLAG_BREAK_IN_PROGRESS : 0;
    if (v2 && !parentKey.isEmpty()) {
      flags |= FLAG_PARENT_LEASE_KEY_SET;
    }
    b.putInt(flags);
    b.putLong(0);
    if (v2) {
      b.put(parentKey.isEmpty() ? new byte[16] : parentKey.toArray());
      b.putShort((short) newEpoch);
      b.putShort((short) 0);
    }
    return Smb2CreateContext.of(RQLS, b.array());
  }
}
