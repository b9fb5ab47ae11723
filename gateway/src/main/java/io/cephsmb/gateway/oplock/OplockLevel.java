package io.cephsmb.gateway.oplock;

/**
 * [MS-SMB2] 2.2.13 RequestedOplockLevel / 2.2.14 OplockLevel values and 2.2.13.2.8 lease states.
 */
public final class OplockLevel {
  /** SMB2_OPLOCK_LEVEL_NONE. */
  public static final int NONE = 0x00;

  /** SMB2_OPLOCK_LEVEL_II. */
  public static final int II = 0x01;

  /** SMB2_OPLOCK_LEVEL_EXCLUSIVE. */
  public static final int EXCLUSIVE = 0x08;

  /** SMB2_OPLOCK_LEVEL_BATCH. */
  public static final int BATCH = 0x09;

  /** SMB2_OPLOCK_LEVEL_LEASE. */
  public static final int LEASE = 0xFF;

  /** SMB2_LEASE_READ_CACHING. */
  public static final int R = 0x01;

  /** SMB2_LEASE_HANDLE_CACHING. */
  public static final int H = 0x02;

  /** SMB2_LEASE_WRITE_CACHING. */
  public static final int W = 0x04;

  private OplockLevel() {}

  /** Whether {@code level} is a valid RequestedOplockLevel. */
  public static boolean valid(int level) {
    return level == NONE || level == II || level == EXCLUSIVE || level == BATCH || level == LEASE;
  }

  /** Whether the level caches writes (exclusive or batch). */
  public static boolean exclusive(int level) {
    return level == EXCLUSIVE || level == BATCH;
  }

  /** A lease state as letters ("RWH"), for logs. */
  public static String leaseString(int state) {
    StringBuilder b = new StringBuilder();
    if ((state & R) != 0) {
      b.append('R');
    }
    if ((state & W) != 0) {
      b.append('W');
    }
    if ((state & H) != 0) {
      b.append('H');
    }
    return b.length() == 0 ? "-" : b.toString();
  }
}
