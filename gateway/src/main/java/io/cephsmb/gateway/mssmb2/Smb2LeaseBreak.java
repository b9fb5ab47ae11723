package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.23.2 Lease Break Notification (44 bytes), sent by the server when a lease must give
 * up caching.
 *
 * @param newEpoch NewEpoch (3.x: the lease epoch after the break; 0 for 2.1)
 * @param flags Flags (SMB2_NOTIFY_BREAK_LEASE_FLAG_ACK_REQUIRED 0x01)
 * @param leaseKey LeaseKey (16 bytes)
 * @param currentLeaseState CurrentLeaseState
 * @param newLeaseState NewLeaseState
 */
public record Smb2LeaseBreak(
    int newEpoch, int flags, byte[] leaseKey, int currentLeaseState, int newLeaseState) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 44;

  /** SMB2_NOTIFY_BREAK_LEASE_FLAG_ACK_REQUIRED. */
  public static final int ACK_REQUIRED = 0x01;

  /** Copies the key. */
  public Smb2LeaseBreak {
    if (leaseKey.length != 16) {
      throw new IllegalArgumentException("LeaseKey of " + leaseKey.length + " bytes");
    }
    leaseKey = leaseKey.clone();
  }

  @Override
  public byte[] leaseKey() {
    return leaseKey.clone();
  }

  /** Writes the body; BreakReason, AccessMaskHint and ShareMaskHint are 0. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(newEpoch);
    out.writeIntLE(flags);
    out.writeBytes(leaseKey);
    out.writeIntLE(currentLeaseState);
    out.writeIntLE(newLeaseState);
    out.writeIntLE(0);
    out.writeIntLE(0);
    out.writeIntLE(0);
  }
}
