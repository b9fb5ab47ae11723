package io.cephsmb.gateway.oplock;

import static io.cephsmb.gateway.oplock.OplockLevel.II;
import static io.cephsmb.gateway.oplock.OplockLevel.LEASE;
import static io.cephsmb.gateway.oplock.OplockLevel.NONE;
import static io.cephsmb.gateway.oplock.OplockLevel.R;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.gateway.openfiles.OpenFileTable.Break;
import io.cephsmb.gateway.openfiles.OpenRecord;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.KvException;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.ReadSet;
import io.cephsmb.omapkv.Watch;
import io.cephsmb.omapkv.WatchListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The oplocks and leases of one gateway node ([MS-SMB2] 3.3.1.4 Lease Table, 3.3.1.10
 * Open.OplockLevel/OplockState): which of its opens hold what, the breaks in progress with their
 * acknowledgment timers ([MS-SMB2] 3.3.2.1 Oplock Break Acknowledgment Timer, 3.3.2.5 Lease Break
 * Acknowledgment Timer), and the node's mailbox: breaks of opens held through other nodes are RADOS
 * notifies on {@code mailbox.<node>}, acked by the holder node once its client acknowledged or the
 * break timed out.
 *
 * <p>The caching an open holds is also in its record in the file's object (the record the open
 * transaction reads); a break completes only after that record shows the new level, so the open
 * that waited sees it when it tries again. Thread-safe (one monitor).
 */
public final class OplockManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OplockManager.class);

  /** A local open with an oplock or a lease: how to reach its client. */
  public interface Holder {
    /** The open's record as inserted (key, inode, caching granted). */
    OpenRecord record();

    /** The file's inode. */
    long ino();

    /** Sends an Oplock Break Notification (2.2.23.1); false when the connection is gone. */
    boolean sendOplockBreak(int toLevel);

    /**
     * Sends a Lease Break Notification (2.2.23.2); false when the connection is gone.
     *
     * @param epoch the new epoch (the holder sends 0 where the dialect has none)
     */
    boolean sendLeaseBreak(Bytes leaseKey, int current, int to, int epoch, boolean ackRequired);
  }

  /** The answer to an acknowledgment: the status and, on success, the level or state now held. */
  public record Ack(NtStatus status, int level, CompletableFuture<Void> recorded) {}

  /** One oplock of a local open. */
  private static final class Oplock {
    final Holder holder;
    int level;
    int breakingTo = -1;
    CompletableFuture<Void> done;
    ScheduledFuture<?> timer;

    Oplock(Holder holder, int level) {
      this.holder = holder;
      this.level = level;
    }
  }

  /** One lease of a client on this node ([MS-SMB2] 3.3.1.4 Lease). */
  private static final class Lease {
    final long ino;
    final Map<String, Holder> opens = new LinkedHashMap<>();
    int state;
    int epoch;
    int breakingTo = -1;
    CompletableFuture<Void> done;
    ScheduledFuture<?> timer;

    Lease(long ino) {
      this.ino = ino;
    }
  }

  private final String nodeId;
  private final OpenFileTable table;
  private final Duration breakTimeout;
  private final ScheduledExecutorService timers;
  private final Map<String, Oplock> oplocks = new HashMap<>();
  private final Map<String, Lease> leases = new HashMap<>();
  private KvStore mailboxes;
  private Watch watch;

  /**
   * A manager.
   *
   * @param nodeId this node
   * @param table the open-file table the records live in
   * @param breakTimeout how long a break waits for the client's acknowledgment (35 s on Windows)
   */
  public OplockManager(String nodeId, OpenFileTable table, Duration breakTimeout) {
    this.nodeId = nodeId;
    this.table = table;
    this.breakTimeout = breakTimeout;
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "oplock-timers-" + nodeId);
              t.setDaemon(true);
              return t;
            });
  }

  /** The mailbox object of a node. */
  public static String mailbox(String nodeId) {
    return "mailbox." + nodeId;
  }

  /**
   * Creates this node's mailbox object and watches it, so that other nodes can ask it to break its
   * opens' oplocks and leases. Without it, only local holders can be broken (one node).
   */
  public void startMailbox(KvStore kv) {
    io.cephsmb.omapkv.Futures.join(
        kv.update(
            mailbox(nodeId),
            ReadSet.NONE,
            txn -> {
              txn.set("node", Bytes.utf8(nodeId));
              return null;
            }));
    Watch w =
        kv.objects()
            .watch(
                mailbox(nodeId),
                new WatchListener() {
                  @Override
                  public CompletableFuture<Bytes> onNotify(
                      long notifyId, long notifierId, Bytes payload) {
                    return onMailbox(payload);
                  }

                  @Override
                  public void onError(KvException error) {
                    LOG.warn("mailbox watch of {} failed: {}", nodeId, error.getMessage());
                  }
                });
    synchronized (this) {
      mailboxes = kv;
      watch = w;
    }
  }

  private CompletableFuture<Bytes> onMailbox(Bytes payload) {
    BreakRequest b;
    try {
      b = BreakRequest.decode(payload);
    } catch (RuntimeException e) {
      LOG.warn("malformed mailbox message: {}", e.getMessage());
      return CompletableFuture.completedFuture(Bytes.EMPTY);
    }
    LOG.debug("break asked through the mailbox: {}", b);
    CompletableFuture<Void> f =
        b.lease()
            ? breakLease(b.clientGuid(), b.leaseKey(), b.toLeaseState())
            : breakOplock(b.openKey(), b.toLevel());
    return f.handle((v, e) -> Bytes.EMPTY);
  }

  // ---------------------------------------------------------------- registration

  /** Registers a local open that was granted an oplock or a lease (after CREATE). */
  public synchronized void granted(Holder h) {
    OpenRecord r = h.record();
    if (r.hasLease()) {
      Lease l =
          leases.computeIfAbsent(leaseId(r.clientGuid(), r.leaseKey()), k -> new Lease(h.ino()));
      l.opens.put(r.key(), h);
      if ((r.leaseState() & ~l.state) != 0) {
        l.state |= r.leaseState();
      }
      l.epoch = Math.max(l.epoch, r.leaseEpoch());
    } else if (r.oplockLevel() != NONE) {
      oplocks.put(r.key(), new Oplock(h, r.oplockLevel()));
    }
  }

  /**
   * Whether the client already uses this lease key for another file on this node ([MS-SMB2]
   * 3.3.5.9.8: a lease key names one file; the CREATE fails with STATUS_INVALID_PARAMETER).
   */
  public synchronized boolean leaseKeyOnOtherFile(Bytes clientGuid, Bytes key, long ino) {
    Lease l = leases.get(leaseId(clientGuid, key));
    return l != null && l.ino != ino;
  }

  /** The lease state this node holds for a client's key (0 if none); for CREATE responses. */
  public synchronized int leaseState(Bytes clientGuid, Bytes key) {
    Lease l = leases.get(leaseId(clientGuid, key));
    return l == null ? 0 : l.state;
  }

  /** Whether the client's lease is breaking (SMB2_LEASE_FLAG_BREAK_IN_PROGRESS). */
  public synchronized boolean leaseBreaking(Bytes clientGuid, Bytes key) {
    Lease l = leases.get(leaseId(clientGuid, key));
    return l != null && l.breakingTo >= 0;
  }

  /** The oplock level a local open holds now (0 if none). */
  public synchronized int oplockLevel(String openKey) {
    Oplock o = oplocks.get(openKey);
    return o == null ? NONE : o.level;
  }

  /** A local open closed: a break waiting for it is over. */
  public void closed(OpenRecord r) {
    List<CompletableFuture<Void>> release = new ArrayList<>();
    synchronized (this) {
      Oplock o = oplocks.remove(r.key());
      if (o != null && o.done != null) {
        cancel(o.timer);
        release.add(o.done);
      }
      if (r.hasLease()) {
        String id = leaseId(r.clientGuid(), r.leaseKey());
        Lease l = leases.get(id);
        if (l != null) {
          l.opens.remove(r.key());
          if (l.opens.isEmpty()) {
            leases.remove(id);
            if (l.done != null) {
              cancel(l.timer);
              release.add(l.done);
            }
          }
        }
      }
    }
    release.forEach(f -> f.complete(null));
  }

  // ---------------------------------------------------------------- breaking

  /**
   * Makes the breaks a CREATE needs; completes when every break that waits for an acknowledgment is
   * done (acknowledged, timed out, or its open closed). Breaks of opens of other nodes go through
   * their mailboxes.
   */
  public CompletableFuture<Void> breakAll(List<Break> breaks) {
    List<CompletableFuture<Void>> wait = new ArrayList<>();
    for (Break b : breaks) {
      CompletableFuture<Void> f = breakOne(b);
      if (b.waitForAck()) {
        wait.add(f);
      }
    }
    return CompletableFuture.allOf(wait.toArray(CompletableFuture[]::new));
  }

  private CompletableFuture<Void> breakOne(Break b) {
    OpenRecord h = b.holder();
    if (h.nodeId().equals(nodeId)) {
      return h.hasLease()
          ? breakLease(h.clientGuid(), h.leaseKey(), b.toLeaseState())
          : breakOplock(h.key(), b.toLevel());
    }
    KvStore kv;
    synchronized (this) {
      kv = mailboxes;
    }
    if (kv == null) {
      LOG.warn("no mailbox to reach node {} for {}", h.nodeId(), h.key());
      return CompletableFuture.completedFuture(null);
    }
    BreakRequest req =
        new BreakRequest(
            h.key(), 0, b.toLevel(), b.toLeaseState(), h.hasLease(), h.clientGuid(), h.leaseKey());
    return kv.objects()
        .notify(mailbox(h.nodeId()), req.encode(), breakTimeout.plusSeconds(10))
        .handle(
            (res, e) -> {
              if (e != null) {
                LOG.debug("break of {} through node {}: {}", h.key(), h.nodeId(), e.toString());
              } else if (!res.timedOut().isEmpty()) {
                LOG.debug("node {} did not answer the break of {}", h.nodeId(), h.key());
              }
              return null;
            });
  }

  /** Breaks a local open's oplock to {@code to} (level II or none). */
  public CompletableFuture<Void> breakOplock(String openKey, int to) {
    Oplock o;
    CompletableFuture<Void> done;
    synchronized (this) {
      o = oplocks.get(openKey);
      if (o == null || o.level <= to) {
        return CompletableFuture.completedFuture(null);
      }
      if (o.breakingTo >= 0) {
        return o.done;
      }
      if (o.level == II) {
        // [MS-SMB2] 3.3.4.6: a level II oplock goes to none without an acknowledgment
        o.level = NONE;
        oplocks.remove(openKey);
        done = null;
      } else {
        o.breakingTo = to;
        o.done = new CompletableFuture<>();
        done = o.done;
      }
    }
    LOG.debug("breaking oplock of {} to {}", openKey, to);
    boolean sent = o.holder.sendOplockBreak(to);
    if (done == null) {
      return record(o.holder, NONE, 0, 0);
    }
    if (!sent) {
      finishOplock(o, NONE);
    } else {
      synchronized (this) {
        if (o.breakingTo >= 0) {
          o.timer =
              timers.schedule(
                  () -> {
                    LOG.debug("oplock break of {} timed out", openKey);
                    finishOplock(o, NONE);
                  },
                  breakTimeout.toMillis(),
                  TimeUnit.MILLISECONDS);
        }
      }
    }
    return done;
  }

  private void finishOplock(Oplock o, int level) {
    CompletableFuture<Void> done;
    synchronized (this) {
      if (o.breakingTo < 0) {
        return;
      }
      cancel(o.timer);
      o.level = level;
      o.breakingTo = -1;
      done = o.done;
      o.done = null;
      if (level == NONE) {
        oplocks.remove(o.holder.record().key(), o);
      }
    }
    var unused = record(o.holder, level, 0, 0).whenComplete((v, e) -> done.complete(null));
  }

  private CompletableFuture<Void> record(Holder h, int level, int leaseState, int epoch) {
    return table
        .updateCaching(h.ino(), h.record().key(), level, leaseState, epoch)
        .handle(
            (v, e) -> {
              if (e != null) {
                LOG.warn("recording the caching of {}: {}", h.record().key(), e.toString());
              }
              return null;
            });
  }

  /**
   * [MS-SMB2] 3.3.5.22.1 an Oplock Break Acknowledgment for a local open:
   * STATUS_INVALID_OPLOCK_PROTOCOL when no break is in progress, STATUS_INVALID_PARAMETER for a
   * level other than none or II, else success with the level now held (none when the break was to
   * none).
   */
  public Ack acknowledgeOplock(String openKey, int level) {
    Oplock o;
    int now;
    CompletableFuture<Void> done;
    synchronized (this) {
      o = oplocks.get(openKey);
      if (o == null || o.breakingTo < 0) {
        return new Ack(
            NtStatus.INVALID_OPLOCK_PROTOCOL, 0, CompletableFuture.completedFuture(null));
      }
      if (level != NONE && level != II) {
        return new Ack(NtStatus.INVALID_PARAMETER, 0, CompletableFuture.completedFuture(null));
      }
      now = o.breakingTo == NONE ? NONE : level;
      done = o.done;
    }
    finishOplock(o, now);
    return new Ack(NtStatus.SUCCESS, now, done);
  }

  /** Breaks a client's lease on this node to {@code to} (a subset of its state). */
  public CompletableFuture<Void> breakLease(Bytes clientGuid, Bytes key, int to) {
    Lease l;
    int from;
    int epoch;
    boolean ack;
    CompletableFuture<Void> done;
    synchronized (this) {
      l = leases.get(leaseId(clientGuid, key));
      if (l == null || (l.state & ~to) == 0) {
        return CompletableFuture.completedFuture(null);
      }
      if (l.breakingTo >= 0) {
        return l.done;
      }
      from = l.state;
      to &= from;
      ack = (from & (OplockLevel.W | OplockLevel.H)) != 0;
      l.epoch++;
      epoch = l.epoch;
      if (ack) {
        l.breakingTo = to;
        l.done = new CompletableFuture<>();
      } else {
        l.state = to;
      }
      done = l.done;
    }
    LOG.debug(
        "breaking lease {} {} -> {}",
        key.hex(),
        OplockLevel.leaseString(from),
        OplockLevel.leaseString(to));
    boolean sent = false;
    for (Holder h : holders(l)) {
      if (h.sendLeaseBreak(key, from, to, epoch, ack)) {
        sent = true;
        break;
      }
    }
    if (!ack) {
      return recordLease(l, to, epoch);
    }
    if (!sent) {
      finishLease(l, NONE);
    } else {
      int target = to;
      synchronized (this) {
        if (l.breakingTo >= 0) {
          l.timer =
              timers.schedule(
                  () -> finishLease(l, target), breakTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    }
    return done;
  }

  private synchronized List<Holder> holders(Lease l) {
    List<Holder> hs = new ArrayList<>(l.opens.values());
    java.util.Collections.reverse(hs);
    return hs;
  }

  private void finishLease(Lease l, int state) {
    CompletableFuture<Void> done;
    int epoch;
    synchronized (this) {
      if (l.breakingTo < 0) {
        return;
      }
      cancel(l.timer);
      l.state = state;
      l.breakingTo = -1;
      done = l.done;
      l.done = null;
      epoch = l.epoch;
    }
    var unused = recordLease(l, state, epoch).whenComplete((v, e) -> done.complete(null));
  }

  private CompletableFuture<Void> recordLease(Lease l, int state, int epoch) {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (Holder h : holders(l)) {
      all.add(record(h, LEASE, state, epoch));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  /**
   * [MS-SMB2] 3.3.5.22.2 a Lease Break Acknowledgment: STATUS_OBJECT_NAME_NOT_FOUND for an unknown
   * lease, STATUS_UNSUCCESSFUL when it is not breaking, STATUS_REQUEST_NOT_ACCEPTED (and the lease
   * goes to none) for a state that is not within the break's target, else success.
   */
  public Ack acknowledgeLease(Bytes clientGuid, Bytes key, int state) {
    Lease l;
    CompletableFuture<Void> done;
    boolean outside;
    synchronized (this) {
      l = leases.get(leaseId(clientGuid, key));
      if (l == null) {
        return new Ack(NtStatus.OBJECT_NAME_NOT_FOUND, 0, CompletableFuture.completedFuture(null));
      }
      if (l.breakingTo < 0) {
        return new Ack(NtStatus.UNSUCCESSFUL, 0, CompletableFuture.completedFuture(null));
      }
      done = l.done;
      outside = (state & ~l.breakingTo) != 0;
    }
    if (outside) {
      finishLease(l, NONE);
      return new Ack(NtStatus.REQUEST_NOT_ACCEPTED, 0, done);
    }
    finishLease(l, state);
    return new Ack(NtStatus.SUCCESS, state, done);
  }

  /**
   * A write (or a size change) through {@code writer}: level II oplocks and read leases of the
   * other opens of the file, on every node, go to none without waiting ([MS-FSA] 2.1.4.12 with
   * BreakCacheLevel READ_CACHING). Asynchronous; the write does not wait.
   */
  public void written(long ino, OpenRecord writer) {
    synchronized (this) {
      Oplock o = oplocks.get(writer.key());
      if (o != null && OplockLevel.exclusive(o.level) && o.breakingTo < 0) {
        return; // nobody else can hold read caching
      }
    }
    var unused =
        table
            .query(ino)
            .thenAccept(
                f -> {
                  List<Break> breaks = new ArrayList<>();
                  for (OpenRecord o : f.opens()) {
                    if (o.key().equals(writer.key()) || !o.stream().equals(writer.stream())) {
                      continue;
                    }
                    if (o.oplockLevel() == II || OplockLevel.exclusive(o.oplockLevel())) {
                      breaks.add(new Break(o, NONE, 0, false));
                    } else if (o.hasLease()
                        && (o.leaseState() & R) != 0
                        && !(writer.hasLease()
                            && writer.leaseKey().equals(o.leaseKey())
                            && writer.clientGuid().equals(o.clientGuid()))) {
                      breaks.add(new Break(o, NONE, o.leaseState() & OplockLevel.H, false));
                    }
                  }
                  if (!breaks.isEmpty()) {
                    var ignored = breakAll(breaks);
                  }
                })
            .exceptionally(
                e -> {
                  LOG.debug("read-caching break after a write to {}: {}", ino, e.toString());
                  return null;
                });
  }

  private static String leaseId(Bytes clientGuid, Bytes key) {
    return clientGuid.hex() + "/" + key.hex();
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  @Override
  public void close() {
    Watch w;
    synchronized (this) {
      w = watch;
      watch = null;
    }
    if (w != null) {
      try {
        w.close();
      } catch (RuntimeException e) {
        LOG.debug("closing the mailbox watch: {}", e.getMessage());
      }
    }
    timers.shutdownNow();
  }
}
