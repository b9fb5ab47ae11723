package io.cephsmb.gateway.oplock;

import static io.cephsmb.gateway.oplock.OplockLevel.BATCH;
import static io.cephsmb.gateway.oplock.OplockLevel.H;
import static io.cephsmb.gateway.oplock.OplockLevel.II;
import static io.cephsmb.gateway.oplock.OplockLevel.LEASE;
import static io.cephsmb.gateway.oplock.OplockLevel.R;
import static io.cephsmb.gateway.oplock.OplockLevel.W;

import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.gateway.openfiles.OpenFileTable.Break;
import io.cephsmb.gateway.openfiles.OpenRecord;
import io.cephsmb.omapkv.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The oplock and lease decisions of one CREATE, as pure functions of the new open and the records
 * of every other open of the same stream on every node ([MS-SMB2] 3.3.5.9 with [MS-FSA] 2.1.5.17
 * and 2.1.4.12, simplified the way Samba does it):
 *
 * <ul>
 *   <li>Before the share-mode check, an open whose share mode conflicts and that holds handle
 *       caching (a batch oplock, an H lease) is broken first: its client may close it, and then the
 *       new open passes.
 *   <li>After it, exclusive and batch oplocks of others go to level II (to none when the new open
 *       overwrites), W leases of other keys lose W; an overwrite breaks level II and R leases to
 *       none without waiting for an acknowledgment.
 *   <li>Grant: exclusive or batch when no other open exists, else level II; a lease gets what it
 *       asks (R, RH, RW, RWH; anything else none) minus W when other keys have the file open, and
 *       never less than its key already holds; directories get no oplock and no W.
 *   <li>Opens that only read or write attributes ("stat opens") break nothing.
 * </ul>
 *
 * <p>{@code broken} lists the opens a previous try of the same CREATE already broke: if one still
 * shows the old caching (its node died, its update was lost) it is taken as broken, so a CREATE
 * never waits on the same holder twice.
 */
public final class CachingPolicy implements OpenFileTable.Caching {
  /** SYNCHRONIZE | FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES. */
  static final int STAT_ACCESS = 0x00100000 | 0x80 | 0x100;

  private final int requested;
  private final LeaseRequest lease;
  private final boolean overwrite;
  private final boolean directory;
  private final Set<String> broken;

  /**
   * A policy for one CREATE.
   *
   * @param requested RequestedOplockLevel (LEASE with {@code lease}); invalid values grant none
   * @param lease the lease request, or null
   * @param overwrite whether the CREATE overwrites or supersedes an existing file
   * @param directory whether the file is a directory
   * @param broken the keys of the opens earlier tries already broke
   */
  public CachingPolicy(
      int requested, LeaseRequest lease, boolean overwrite, boolean directory, Set<String> broken) {
    this.requested = requested == LEASE && lease == null ? OplockLevel.NONE : requested;
    this.lease = requested == LEASE ? lease : null;
    this.overwrite = overwrite;
    this.directory = directory;
    this.broken = Set.copyOf(broken);
  }

  private static boolean statOpen(OpenRecord o) {
    return (o.grantedAccess() & ~STAT_ACCESS) == 0;
  }

  /** A stat open that does not overwrite breaks nothing. */
  private boolean breaksNothing(OpenRecord newOpen) {
    return statOpen(newOpen) && !overwrite;
  }

  /** Whether {@code o} belongs to the lease the new open asks for (same client and key). */
  private boolean sameLease(OpenRecord newOpen, OpenRecord o) {
    return lease != null
        && o.hasLease()
        && o.leaseKey().equals(lease.key())
        && o.clientGuid().equals(newOpen.clientGuid());
  }

  private int oplockTarget() {
    return overwrite ? OplockLevel.NONE : II;
  }

  @Override
  public List<Break> beforeShareCheck(OpenRecord newOpen, List<OpenRecord> conflicting) {
    List<Break> out = new ArrayList<>();
    if (breaksNothing(newOpen)) {
      return out;
    }
    for (OpenRecord o : conflicting) {
      if (broken.contains(o.key()) || sameLease(newOpen, o)) {
        continue;
      }
      if (o.oplockLevel() == BATCH) {
        out.add(new Break(o, oplockTarget(), 0, true));
      } else if (o.hasLease() && (o.leaseState() & H) != 0) {
        // only the handle caching stands in the way: RWH -> RW, RH -> R
        out.add(new Break(o, OplockLevel.NONE, o.leaseState() & ~H, true));
      }
    }
    return out;
  }

  @Override
  public List<Break> afterShareCheck(OpenRecord newOpen, List<OpenRecord> others) {
    List<Break> out = new ArrayList<>();
    if (breaksNothing(newOpen)) {
      return out;
    }
    for (OpenRecord o : others) {
      if (broken.contains(o.key()) || sameLease(newOpen, o)) {
        continue;
      }
      int level = o.oplockLevel();
      if (OplockLevel.exclusive(level)) {
        out.add(new Break(o, oplockTarget(), 0, true));
      } else if (level == II && overwrite) {
        out.add(new Break(o, OplockLevel.NONE, 0, false));
      } else if (o.hasLease()) {
        int s = o.leaseState();
        int to = s & ~W;
        if (overwrite) {
          to &= H;
        }
        if (newOpen.deleteOnClose()) {
          to &= ~H; // an open that deletes the file breaks handle caching
        }
        if (to != s) {
          out.add(new Break(o, OplockLevel.NONE, to, (s & (W | H)) != 0));
        }
      }
    }
    return out;
  }

  @Override
  public OpenRecord grant(OpenRecord newOpen, List<OpenRecord> others) {
    List<OpenRecord> strangers = new ArrayList<>();
    int keyState = 0;
    int keyEpoch = 0;
    for (OpenRecord o : others) {
      if (sameLease(newOpen, o)) {
        keyState |= o.leaseState();
        keyEpoch = Math.max(keyEpoch, o.leaseEpoch());
      } else if (!statOpen(o)) {
        strangers.add(o);
      }
    }
    boolean strongOther = false;
    boolean oplockOther = false;
    boolean handleLeaseOther = false;
    for (OpenRecord o : strangers) {
      if (o.hasLease()) {
        handleLeaseOther |= (o.leaseState() & H) != 0;
      } else if (o.oplockLevel() != OplockLevel.NONE) {
        oplockOther = true;
      }
      if (broken.contains(o.key())) {
        continue;
      }
      if (OplockLevel.exclusive(o.oplockLevel()) || (o.hasLease() && (o.leaseState() & W) != 0)) {
        strongOther = true;
      }
    }
    if (lease != null) {
      int want = lease.state();
      if (want != R && want != (R | H) && want != (R | W) && want != (R | W | H)) {
        want = OplockLevel.NONE;
      }
      int state;
      if (keyState != 0 && (!strangers.isEmpty() || (want & keyState) != keyState)) {
        state = keyState; // no upgrade beside other opens, no sidegrade
      } else {
        state = want;
        if (!strangers.isEmpty() || directory) {
          state &= ~W;
        }
        if (oplockOther) {
          state &= ~H; // beside an oplock a lease gets no handle caching
        }
        if (strongOther) {
          state = OplockLevel.NONE;
        }
      }
      int epoch = keyState == 0 ? lease.epoch() : keyEpoch;
      if (state != keyState) {
        epoch++;
      }
      return newOpen.withCaching(LEASE, lease.key(), state, epoch, lease.parentKey());
    }
    int level = OplockLevel.valid(requested) ? requested : OplockLevel.NONE;
    if (directory || level == LEASE) {
      level = OplockLevel.NONE;
    }
    if (OplockLevel.exclusive(level) && !strangers.isEmpty()) {
      level = II;
    }
    if (level == II && (strongOther || handleLeaseOther)) {
      level = OplockLevel.NONE;
    }
    return newOpen.withCaching(level, Bytes.EMPTY, 0, 0, Bytes.EMPTY);
  }
}
