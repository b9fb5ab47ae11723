package io.cephsmb.gateway.openfiles;

import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Futures;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.ReadSet;
import io.cephsmb.omapkv.Records;
import io.cephsmb.omapkv.Txn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Who has which file open, on every node: the replacement for Samba's share-mode database. One
 * RADOS object per file, {@code file.<inode hex>}, holds an {@link OpenRecord} per open ({@code
 * open.<node>.<id>}) and the {@link DeletePending} mark. The share-mode check and the insert of the
 * new open are one guarded transaction on that object, so two nodes opening the same file at once
 * cannot both pass a check that only one may pass.
 *
 * <p>Each node also keeps an index object {@code node-opens.<node>} with one {@link OpenPath} per
 * path this node has open (its inode, the incarnation), keyed by the absolute path and the
 * persistent id of the open that wrote it: the first local open of a path writes it, later opens of
 * the same path only count themselves in memory, and the last local close removes it; opens made
 * without a path (the base-file records of stream opens) are named by a file entry {@code
 * file.<inode hex>} instead, written once per file while the node runs. The index lets a restarted
 * node remove its stale opens before it serves again ({@link #purgeNode}). It is written at the
 * same time as the record, not before it: a record left without an entry by a crash belongs to an
 * ended incarnation, which every transaction on the file recognises ({@link Liveness}) and removes.
 * When a file's last open closes, its object is removed, so the pool holds objects only for files
 * open now (and delete-pending ones). {@code open-nodes} lists the nodes that have an index. "Is
 * anything open below this directory on any node?" ({@link #anyOpenBelow}, for renaming a
 * directory, [MS-FSA] 2.1.5.14.11) is one read of {@code open-nodes} and one omap prefix read per
 * node, in parallel.
 */
public final class OpenFileTable {
  static final String OPEN_PREFIX = "open.";
  static final String DELETE_PENDING = "delete-pending";

  /** A node index entry: the node has (or had) opens in the file with this inode. */
  public record FileRef(long ino) {
    public static final io.cephsmb.omapkv.RecordCodec<FileRef> CODEC =
        new io.cephsmb.omapkv.RecordCodec<>() {
          @Override
          public String type() {
            return "file-ref";
          }

          @Override
          public int version() {
            return 1;
          }

          @Override
          public Bytes encode(FileRef f) {
            return new io.cephsmb.omapkv.BodyWriter().i64(f.ino()).toBytes();
          }

          @Override
          public FileRef decode(int version, Bytes body) {
            return new FileRef(new io.cephsmb.omapkv.BodyReader(type(), body).i64("ino"));
          }
        };
  }

  /** A node that has (or had) an index object: key {@code node.<id>} in {@code open-nodes}. */
  public record NodeRef(String nodeId) {
    public static final io.cephsmb.omapkv.RecordCodec<NodeRef> CODEC =
        new io.cephsmb.omapkv.RecordCodec<>() {
          @Override
          public String type() {
            return "node-ref";
          }

          @Override
          public int version() {
            return 1;
          }

          @Override
          public Bytes encode(NodeRef n) {
            return new io.cephsmb.omapkv.BodyWriter().string(n.nodeId()).toBytes();
          }

          @Override
          public NodeRef decode(int version, Bytes body) {
            return new NodeRef(new io.cephsmb.omapkv.BodyReader(type(), body).string("nodeId"));
          }
        };
  }

  /** The object listing the nodes with an index object. */
  public static final String NODES = "open-nodes";

  private static final String NODE_PREFIX = "node.";

  /**
   * Which node incarnations have ended: a node that restarted runs as a newer incarnation, and
   * whatever its older ones recorded is stale.
   */
  @FunctionalInterface
  public interface Liveness {
    /** Whether {@code nodeId} is known to run as an incarnation newer than {@code incarnation}. */
    boolean ended(String nodeId, long incarnation);

    /** Knows of no ended incarnation (only {@link #purgeNode} removes stale records). */
    Liveness UNKNOWN = (n, i) -> false;
  }

  private final KvStore kv;
  private final Liveness liveness;
  private final java.util.Set<String> registered =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  public OpenFileTable(KvStore kv) {
    this(kv, Liveness.UNKNOWN);
  }

  /**
   * @param liveness tells which records are stale: every transaction on a file ignores and removes
   *     the records of ended incarnations it finds
   */
  public OpenFileTable(KvStore kv, Liveness liveness) {
    this.kv = kv;
    this.liveness = liveness;
  }

  /** The object of the file with inode {@code ino}. */
  public static String oid(long ino) {
    return "file." + Long.toHexString(ino);
  }

  /**
   * Says that the file with inode {@code ino} was just created: its object most likely does not
   * exist, so the first open writes it without reading it first (a wrong guess, an old object of a
   * reused inode number, costs a retry).
   */
  public void created(long ino) {
    kv.expectAbsent(oid(ino));
  }

  /** The index object of node {@code nodeId}. */
  public static String nodeIndex(String nodeId) {
    return "node-opens." + nodeId;
  }

  /** The outcome of {@link #open}. */
  public enum OpenOutcome {
    /** Recorded. */
    OPENED,
    /** An existing open's share mode (or this one's) forbids it: STATUS_SHARING_VIOLATION. */
    SHARING_VIOLATION,
    /** The file is delete-pending: STATUS_DELETE_PENDING. */
    DELETE_PENDING,
    /**
     * Other opens hold oplocks or leases that must be broken first ({@link OpenResult#breaks()}):
     * nothing was recorded; the caller breaks them and tries again.
     */
    NEEDS_BREAK,
    /**
     * The file is delete-pending with no open left: a node died between the last close and the
     * removal. The caller removes the file ({@link #pendingDeletion}), then {@link #forget}s it.
     */
    STALE_DELETE_PENDING
  }

  /** What the file's object says now. */
  public record FileOpens(List<OpenRecord> opens, Optional<DeletePending> deletePending) {
    public FileOpens {
      opens = List.copyOf(opens);
    }
  }

  /**
   * The file's opens as a write transaction sees them: records of ended incarnations (a node that
   * died between writing a record and its index entry, then restarted) are left out and removed in
   * the same transaction.
   */
  private FileOpens current(Txn txn) {
    FileOpens f = decode(txn.all());
    f.opens().stream().filter(this::ended).forEach(o -> txn.remove(o.key()));
    return live(f);
  }

  /** {@code f} without the records of ended incarnations ({@code f} itself if it has none). */
  private FileOpens live(FileOpens f) {
    if (f.opens().stream().noneMatch(this::ended)) {
      return f;
    }
    return new FileOpens(f.opens().stream().filter(o -> !ended(o)).toList(), f.deletePending());
  }

  /**
   * Removes the object when this transaction leaves nothing in it: no other live open, no
   * delete-pending mark, and no key this version does not know (only open records, its own and
   * ended ones, which the transaction removes).
   */
  private static void removeIfEmpty(Txn txn, long otherOpens, boolean marked) {
    if (otherOpens == 0
        && !marked
        && txn.exists()
        && txn.all().keySet().stream().allMatch(k -> k.startsWith(OPEN_PREFIX))) {
      txn.removeObject();
    }
  }

  private boolean ended(OpenRecord o) {
    return liveness.ended(o.nodeId(), o.incarnation());
  }

  private static FileOpens decode(Map<String, Bytes> entries) {
    List<OpenRecord> opens = new ArrayList<>();
    Optional<DeletePending> dp = Optional.empty();
    for (Map.Entry<String, Bytes> e : entries.entrySet()) {
      if (e.getKey().startsWith(OPEN_PREFIX)) {
        opens.add(Records.decode(OpenRecord.CODEC, e.getValue()).value());
      } else if (e.getKey().equals(DELETE_PENDING)) {
        dp = Optional.of(Records.decode(DeletePending.CODEC, e.getValue()).value());
      }
    }
    return new FileOpens(opens, dp);
  }

  /**
   * One oplock or lease break a new open needs before it can proceed ([MS-FSA] 2.1.4.12, [MS-SMB2]
   * 3.3.4.6 and 3.3.4.7).
   *
   * @param holder the open whose caching must go down (its record as read)
   * @param toLevel the oplock level to break to (0 none, 1 level II; ignored for leases)
   * @param toLeaseState the lease state to break to (for a lease holder)
   * @param waitForAck whether the breaker waits for the holder's acknowledgment (level II and read
   *     leases broken to none are not acknowledged)
   */
  public record Break(OpenRecord holder, int toLevel, int toLeaseState, boolean waitForAck) {}

  /**
   * The caching decision of a new open, made inside the open's transaction from what every node's
   * opens hold, so that no two nodes can both grant conflicting caching: either the breaks that
   * must come first, or the record to insert with the caching granted.
   */
  public interface Caching {
    /**
     * Before the share-mode check: the opens whose handle caching (batch oplock, H lease) must be
     * broken because the new open would otherwise fail the share check ([MS-FSA] 2.1.5.1.2).
     *
     * @param conflicting the opens whose share mode conflicts with the new open
     */
    List<Break> beforeShareCheck(OpenRecord newOpen, List<OpenRecord> conflicting);

    /** After the share-mode check passed: the breaks still needed (empty when none). */
    List<Break> afterShareCheck(OpenRecord newOpen, List<OpenRecord> others);

    /** The new open's record with the caching granted, once no break is needed. */
    OpenRecord grant(OpenRecord newOpen, List<OpenRecord> others);

    /** No oplocks, no leases: nothing to break, nothing granted. */
    Caching NONE =
        new Caching() {
          @Override
          public List<Break> beforeShareCheck(OpenRecord n, List<OpenRecord> c) {
            return List.of();
          }

          @Override
          public List<Break> afterShareCheck(OpenRecord n, List<OpenRecord> o) {
            return List.of();
          }

          @Override
          public OpenRecord grant(OpenRecord n, List<OpenRecord> o) {
            return n;
          }
        };
  }

  /**
   * What {@link #open(long, OpenRecord, Caching)} did.
   *
   * @param outcome the outcome
   * @param recorded the record inserted (with the caching granted) when OPENED
   * @param breaks the breaks to make first when NEEDS_BREAK
   */
  public record OpenResult(OpenOutcome outcome, OpenRecord recorded, List<Break> breaks) {
    public OpenResult {
      breaks = List.copyOf(breaks);
    }

    static OpenResult of(OpenOutcome o) {
      return new OpenResult(o, null, List.of());
    }
  }

  /**
   * Checks the new open against every open of the same stream on every node ([MS-FSA] 2.1.5.1.2.2),
   * an open of the file itself with DELETE against opens of its named streams that do not share
   * delete, and against delete-pending, and records it if allowed, in one transaction.
   */
  public CompletableFuture<OpenOutcome> open(long ino, OpenRecord rec) {
    return open(ino, rec, Caching.NONE, null).thenApply(OpenResult::outcome);
  }

  /**
   * Checks the new open against every open of the same stream on every node ([MS-FSA] 2.1.5.1.2.2)
   * and against delete-pending, decides its oplock or lease with {@code caching}, and records it if
   * allowed, in one transaction. Opens whose handle caching stands in the way of the share check,
   * and opens whose caching conflicts with the new open, come back as breaks to make first. With an
   * {@code absPath}, the open's absolute path ({@link OpenPath}) is also recorded in the node's
   * index in the write before, and removed again if the open is not made.
   */
  public CompletableFuture<OpenResult> open(long ino, OpenRecord rec, Caching caching) {
    return open(ino, rec, caching, null);
  }

  /** {@link #open(long, OpenRecord)}, also indexing the open under {@code absPath}. */
  public CompletableFuture<OpenOutcome> open(long ino, OpenRecord rec, String absPath) {
    return open(ino, rec, Caching.NONE, absPath).thenApply(OpenResult::outcome);
  }

  /**
   * {@link #open(long, OpenRecord, Caching)}, also indexing the open under {@code absPath}.
   *
   * <p>The record and the index entry are written at the same time, not one after the other: a
   * record whose entry never landed (the node died in between) belongs to an incarnation that has
   * ended by the time the node serves again, and every transaction on the file ignores and removes
   * it ({@link Liveness}). The open completes once both are written; if the index write fails, a
   * record already written is taken back and the open fails.
   */
  public CompletableFuture<OpenResult> open(
      long ino, OpenRecord rec, Caching caching, String absPath) {
    String fileOid = oid(ino);
    // an open with a path is indexed by its path, one without by its file: one entry per path or
    // file however many opens this node has of it, removed by the last close
    String claimName = claimName(ino, absPath);
    PathClaim claim =
        claim(
            rec,
            claimName,
            absPath != null
                ? OpenPath.key(absPath, rec.persistentId())
                : OpenPath.byOpen(oid(ino), rec.persistentId()));
    CompletableFuture<Void> indexed;
    if (claim.owner()) {
      Bytes entry =
          absPath != null
              ? Records.encode(OpenPath.CODEC, 1, new OpenPath(ino, rec.incarnation()))
              : Records.encode(FileRef.CODEC, 1, new FileRef(ino));
      indexed =
          registerNode(rec.nodeId())
              .thenCompose(
                  k -> indexWrite(rec.nodeId(), Map.of(claim.ref().key, entry), List.of()));
      claim.ref().settle(indexed, this);
    } else {
      indexed = claim.ref().written;
    }
    CompletableFuture<OpenResult> recorded =
        kv.update(
            fileOid,
            ReadSet.prefix(""),
            txn -> {
              FileOpens f = current(txn);
              if (f.deletePending().isPresent()) {
                return OpenResult.of(
                    f.opens().isEmpty()
                        ? OpenOutcome.STALE_DELETE_PENDING
                        : OpenOutcome.DELETE_PENDING);
              }
              List<OpenRecord> same = new ArrayList<>();
              List<OpenRecord> conflicting = new ArrayList<>();
              for (OpenRecord o : f.opens()) {
                if (ShareAccess.deleteBlockedByStream(rec, o)) {
                  return OpenResult.of(OpenOutcome.SHARING_VIOLATION);
                }
                if (!o.stream().equals(rec.stream()) || o.key().equals(rec.key())) {
                  continue;
                }
                same.add(o);
                if (ShareAccess.conflicts(
                    rec.grantedAccess(), rec.shareAccess(), o.grantedAccess(), o.shareAccess())) {
                  conflicting.add(o);
                }
              }
              if (!conflicting.isEmpty()) {
                List<Break> first = caching.beforeShareCheck(rec, conflicting);
                return first.isEmpty()
                    ? OpenResult.of(OpenOutcome.SHARING_VIOLATION)
                    : new OpenResult(OpenOutcome.NEEDS_BREAK, null, first);
              }
              List<Break> breaks = caching.afterShareCheck(rec, same);
              if (!breaks.isEmpty()) {
                return new OpenResult(OpenOutcome.NEEDS_BREAK, null, breaks);
              }
              OpenRecord granted = caching.grant(rec, same);
              txn.set(granted.key(), Records.encode(OpenRecord.CODEC, 1, granted));
              return new OpenResult(OpenOutcome.OPENED, granted, List.of());
            });
    CompletableFuture<OpenResult> out =
        Futures.flatHandle(
            indexed,
            (v, indexErr) ->
                Futures.flatHandle(
                    recorded,
                    (r, recordErr) -> {
                      if (indexErr == null) {
                        return recordErr == null
                            ? CompletableFuture.completedFuture(r)
                            : CompletableFuture.<OpenResult>failedFuture(recordErr);
                      }
                      if (recordErr == null && r.outcome() == OpenOutcome.OPENED) {
                        return unrecord(ino, r.recorded().key())
                            .handle((x, e) -> null)
                            .thenCompose(x -> CompletableFuture.<OpenResult>failedFuture(indexErr));
                      }
                      return CompletableFuture.<OpenResult>failedFuture(indexErr);
                    }));
    // an open that is not made gives its claim back (the last one removes the entry)
    return Futures.flatHandle(
        out,
        (r, err) -> {
          if (err == null && r.outcome() == OpenOutcome.OPENED) {
            return CompletableFuture.completedFuture(r);
          }
          CompletableFuture<Void> released = release(rec.nodeId(), claimName, claim.ref());
          return err == null
              ? released.thenApply(x -> r)
              : released
                  .handle((x, e2) -> null)
                  .thenCompose(x -> CompletableFuture.failedFuture(err));
        });
  }

  /**
   * This node's index entries, one per path (or, for opens without a path, per file) however many
   * local opens it has (key {@code node\0}{@link #claimName}): the entry is written by the first
   * open and removed by the last close, so opening a path or file already open here costs no index
   * write.
   */
  private final Map<String, PathRef> paths = new java.util.HashMap<>();

  /** One path entry of the index and the local opens that hold it. */
  private static final class PathRef {
    /** The index key: the path and the persistent id of the open that wrote it. */
    final String key;

    /** Completes once the entry is in the index (fails if writing it failed). */
    final CompletableFuture<Void> written = new CompletableFuture<>();

    /** Local opens holding the entry (guarded by the table's {@code paths}). */
    int holders = 1;

    PathRef(String key) {
      this.key = key;
    }

    /** Completes {@link #written} with {@code write}; a failed write drops the entry. */
    void settle(CompletableFuture<Void> write, OpenFileTable table) {
      CompletableFuture<?> unused =
          write.whenComplete(
              (v, e) -> {
                if (e != null) {
                  synchronized (table.paths) {
                    table.paths.values().remove(this);
                  }
                  written.completeExceptionally(Futures.unwrap(e));
                } else {
                  written.complete(null);
                }
              });
    }
  }

  /** A claim on a path entry; the {@code owner} writes it. */
  private record PathClaim(PathRef ref, boolean owner) {}

  private PathClaim claimPath(OpenRecord rec, String absPath) {
    return claim(rec, absPath, OpenPath.key(absPath, rec.persistentId()));
  }

  /**
   * A claim on the entry {@code name} ({@link #claimName}); {@code indexKey} is the key the entry
   * gets if this claim writes it.
   */
  private PathClaim claim(OpenRecord rec, String name, String indexKey) {
    String k = rec.nodeId() + '\0' + name;
    synchronized (paths) {
      PathRef p = paths.get(k);
      if (p != null) {
        p.holders++;
        return new PathClaim(p, false);
      }
      p = new PathRef(indexKey);
      paths.put(k, p);
      return new PathClaim(p, true);
    }
  }

  /**
   * What an open claims: its absolute path, or for an open without one its file (absolute paths
   * start with "/", so the two never meet). A file entry's index key is the file's object name and
   * the persistent id of the open that wrote it, like a path entry's, so that an entry written
   * while an older one of the same file is being removed is never the one removed.
   */
  private static String claimName(long ino, String absPath) {
    return absPath != null ? absPath : "file:" + Long.toHexString(ino);
  }

  /** Gives back one claim on a path entry; the last one removes the entry from the index. */
  private CompletableFuture<Void> releasePath(String nodeId, String absPath) {
    PathRef p;
    synchronized (paths) {
      p = paths.get(nodeId + '\0' + absPath);
    }
    return p == null ? CompletableFuture.completedFuture(null) : release(nodeId, absPath, p);
  }

  private CompletableFuture<Void> release(String nodeId, String absPath, PathRef p) {
    synchronized (paths) {
      if (--p.holders > 0) {
        return CompletableFuture.completedFuture(null);
      }
      paths.remove(nodeId + '\0' + absPath, p);
    }
    return Futures.flatHandle(
        p.written,
        (v, e) -> e != null ? CompletableFuture.completedFuture(null) : unindex(nodeId, p.key));
  }

  private CompletableFuture<Void> registerNode(String nodeId) {
    if (registered.contains(nodeId)) {
      return CompletableFuture.completedFuture(null);
    }
    return kv.update(
            NODES,
            ReadSet.NONE,
            txn ->
                txn.set(
                    NODE_PREFIX + nodeId, Records.encode(NodeRef.CODEC, 1, new NodeRef(nodeId))))
        .thenApply(
            t -> {
              registered.add(nodeId);
              return null;
            });
  }

  private CompletableFuture<Void> unindex(String nodeId, String pathKey) {
    return indexWrite(nodeId, Map.of(), List.of(pathKey));
  }

  /**
   * One write of a node's index: sets and removes, unguarded, creating the object if missing. Not a
   * {@link KvStore} transaction: nothing is read, and the index outgrows the store's snapshot cache
   * (it keeps every file the node opened), where a transaction would first read whether the object
   * exists: a second round trip for nothing.
   */
  private CompletableFuture<Void> indexWrite(
      String nodeId, Map<String, Bytes> sets, List<String> removes) {
    io.cephsmb.omapkv.WriteOp.Builder op = io.cephsmb.omapkv.WriteOp.builder();
    if (!removes.isEmpty()) {
      op.omapRemove(removes);
    }
    if (!sets.isEmpty()) {
      op.omapSet(sets);
    }
    return kv.objects().write(nodeIndex(nodeId), op.build()).thenApply(v -> null);
  }

  /**
   * Moves an open's claim on its path entry after a rename ({@code oldAbs} to {@code newAbs}, both
   * absolute): the new path's entry is written if this node had none, the old one removed if this
   * was its last open.
   */
  public CompletableFuture<Void> moved(OpenRecord rec, long ino, String oldAbs, String newAbs) {
    if (oldAbs.equals(newAbs)) {
      return CompletableFuture.completedFuture(null);
    }
    PathClaim c = claimPath(rec, newAbs);
    CompletableFuture<Void> in;
    if (c.owner()) {
      in =
          indexWrite(
              rec.nodeId(),
              Map.of(
                  c.ref().key,
                  Records.encode(OpenPath.CODEC, 1, new OpenPath(ino, rec.incarnation()))),
              List.of());
      c.ref().settle(in, this);
    } else {
      in = c.ref().written;
    }
    return in.thenCompose(v -> releasePath(rec.nodeId(), oldAbs));
  }

  /**
   * Whether any node has an open strictly below the directory at {@code absDir} (an absolute path
   * without a trailing {@code /}; opens of the directory itself do not count). One read of {@code
   * open-nodes}, then one prefix read per node's index, in parallel.
   */
  public CompletableFuture<Boolean> anyOpenBelow(String absDir) {
    String prefix = OpenPath.PREFIX + absDir + "/";
    return kv.listAll(NODES, NODE_PREFIX)
        .thenCompose(
            nodes -> {
              List<CompletableFuture<Boolean>> each = new ArrayList<>();
              for (Bytes b : nodes.values()) {
                String node = Records.decode(NodeRef.CODEC, b).value().nodeId();
                each.add(
                    kv.listAll(nodeIndex(node), prefix)
                        .thenApply(
                            m ->
                                m.keySet().stream()
                                    .anyMatch(k -> !k.startsWith("/", prefix.length()))));
              }
              return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                  .thenApply(v -> each.stream().anyMatch(Futures::join));
            });
  }

  /**
   * Records the caching an open holds now (after a break was acknowledged or timed out, or a lease
   * changed); nothing happens if the open is gone. Completes with whether it was there.
   */
  public CompletableFuture<Boolean> updateCaching(
      long ino, String openKey, int level, int leaseState, int leaseEpoch) {
    return kv.update(
        oid(ino),
        ReadSet.of(openKey),
        txn -> {
          Optional<Bytes> raw = txn.get(openKey);
          if (raw.isEmpty()) {
            return false;
          }
          OpenRecord o = Records.decode(OpenRecord.CODEC, raw.get()).value();
          txn.set(
              openKey,
              Records.encode(
                  OpenRecord.CODEC,
                  1,
                  o.withCaching(level, o.leaseKey(), leaseState, leaseEpoch, o.parentLeaseKey())));
          return true;
        });
  }

  /** The outcome of {@link #close}. */
  public record CloseOutcome(boolean lastOpen, Optional<DeletePending> deletePending) {
    /** Whether the caller must now remove the file (then {@link #forget} it). */
    public boolean removeFile() {
      return lastOpen && deletePending.isPresent();
    }
  }

  /**
   * Removes an open. An open with delete-on-close marks the file delete-pending as it goes
   * ([MS-FSA] 2.1.5.4); if it was the last open of a delete-pending file the caller removes the
   * file.
   *
   * @param share and {@code path}: where the file is, for the delete-pending record
   */
  public CompletableFuture<CloseOutcome> close(
      long ino, OpenRecord rec, String share, String path) {
    return close(ino, rec, share, path, null);
  }

  /**
   * {@link #close(long, OpenRecord, String, String)}, also removing the open's path entry (written
   * by {@link #open(long, OpenRecord, Caching, String)} with {@code absPath}) in parallel.
   */
  public CompletableFuture<CloseOutcome> close(
      long ino, OpenRecord rec, String share, String path, String absPath) {
    CompletableFuture<Void> unindexed = releasePath(rec.nodeId(), claimName(ino, absPath));
    return closeFile(ino, rec, share, path).thenCombine(unindexed, (out, v) -> out);
  }

  /** Takes back the record {@code key} of an open that failed after it was written. */
  private CompletableFuture<Void> unrecord(long ino, String key) {
    return kv.update(
        oid(ino),
        ReadSet.prefix(""),
        txn -> {
          FileOpens f = current(txn);
          if (txn.get(key).isPresent()) {
            txn.remove(key);
            long others = f.opens().stream().filter(o -> !o.key().equals(key)).count();
            removeIfEmpty(txn, others, f.deletePending().isPresent());
          }
          return null;
        });
  }

  private CompletableFuture<CloseOutcome> closeFile(
      long ino, OpenRecord rec, String share, String path) {
    return kv.update(
        oid(ino),
        ReadSet.prefix(""),
        txn -> {
          FileOpens f = current(txn);
          Optional<DeletePending> dp = f.deletePending();
          if (rec.deleteOnClose() && dp.isEmpty()) {
            dp = Optional.of(new DeletePending(share, path, rec.key()));
            txn.set(DELETE_PENDING, Records.encode(DeletePending.CODEC, 1, dp.get()));
          }
          boolean wasThere = txn.get(rec.key()).isPresent();
          if (wasThere) {
            txn.remove(rec.key());
          }
          long others = f.opens().stream().filter(o -> !o.key().equals(rec.key())).count();
          // the object goes with the last open, so a node keeps objects only for open files
          removeIfEmpty(txn, others, dp.isPresent());
          return new CloseOutcome(others == 0, dp);
        });
  }

  /**
   * Sets or clears delete-pending (FileDispositionInformation, [MS-FSA] 2.1.5.15.3) through the
   * open {@code rec}, which must still be recorded. Completes with false if it is not.
   */
  public CompletableFuture<Boolean> setDeletePending(
      long ino, OpenRecord rec, boolean pending, String share, String path) {
    return kv.update(
        oid(ino),
        ReadSet.of(rec.key(), DELETE_PENDING),
        txn -> {
          if (txn.get(rec.key()).isEmpty()) {
            return false;
          }
          if (pending) {
            txn.set(
                DELETE_PENDING,
                Records.encode(DeletePending.CODEC, 1, new DeletePending(share, path, rec.key())));
          } else if (txn.get(DELETE_PENDING).isPresent()) {
            txn.remove(DELETE_PENDING);
          }
          return true;
        });
  }

  /** The opens and delete-pending mark of a file (FileStandardInformation, rename checks). */
  public CompletableFuture<FileOpens> query(long ino) {
    return kv.read(oid(ino), ReadSet.prefix("")).thenApply(s -> live(decode(s.entries())));
  }

  /** Where a stale delete-pending file is, for the node that finishes removing it. */
  public CompletableFuture<Optional<DeletePending>> pendingDeletion(long ino) {
    return query(ino).thenApply(FileOpens::deletePending);
  }

  /**
   * Drops a file's object once the file is removed, unless somebody opened it meanwhile (then only
   * the delete-pending mark goes, which cannot happen for a removed file but costs nothing to
   * guard).
   */
  public CompletableFuture<Void> forget(long ino) {
    return kv.update(
        oid(ino),
        ReadSet.prefix(""),
        txn -> {
          if (current(txn).opens().isEmpty()) {
            if (txn.exists()) {
              txn.removeObject();
            }
          } else if (txn.get(DELETE_PENDING).isPresent()) {
            txn.remove(DELETE_PENDING);
          }
          return null;
        });
  }

  /**
   * Removes every open that {@code nodeId} recorded in an incarnation older than {@code
   * keepIncarnation} (all of them for {@code Long.MAX_VALUE}): what a node does when it (re)starts,
   * and what a survivor does for a node that was fenced. Completes with the number of opens
   * removed.
   *
   * <p>File entries carry no incarnation: one is removed when its file keeps no open of this node
   * after the purge.
   */
  public CompletableFuture<Integer> purgeNode(String nodeId, long keepIncarnation) {
    List<String> fileEntries = new ArrayList<>();
    return kv.listAll(nodeIndex(nodeId), "")
        .thenCompose(
            index -> {
              // the files named by file entries and by path entries
              Map<String, List<String>> files = new java.util.TreeMap<>();
              for (Map.Entry<String, Bytes> e : index.entrySet()) {
                if (e.getKey().startsWith("file.")) {
                  long ino = Records.decode(FileRef.CODEC, e.getValue()).value().ino();
                  files.computeIfAbsent(oid(ino), k -> new ArrayList<>()).add(e.getKey());
                } else if (e.getKey().startsWith(OpenPath.PREFIX)) {
                  long ino = Records.decode(OpenPath.CODEC, e.getValue()).value().ino();
                  files.computeIfAbsent(oid(ino), k -> new ArrayList<>());
                }
              }
              Map<String, CompletableFuture<int[]>> each = new java.util.TreeMap<>();
              files.keySet().forEach(f -> each.put(f, purgeFile(f, nodeId, keepIncarnation)));
              return CompletableFuture.allOf(each.values().toArray(CompletableFuture[]::new))
                  .thenApply(
                      v -> {
                        int removed = 0;
                        for (Map.Entry<String, CompletableFuture<int[]>> e : each.entrySet()) {
                          int[] r = Futures.join(e.getValue());
                          removed += r[0];
                          if (r[1] == 0) {
                            fileEntries.addAll(files.get(e.getKey()));
                          }
                        }
                        return removed;
                      });
            })
        .thenCompose(
            n ->
                kv.update(
                    nodeIndex(nodeId),
                    ReadSet.prefix(""),
                    txn -> {
                      if (keepIncarnation == Long.MAX_VALUE && txn.exists()) {
                        txn.removeObject();
                        return n;
                      }
                      for (Map.Entry<String, Bytes> e : txn.prefix(OpenPath.PREFIX).entrySet()) {
                        OpenPath p = Records.decode(OpenPath.CODEC, e.getValue()).value();
                        if (p.incarnation() < keepIncarnation) {
                          txn.remove(e.getKey());
                        }
                      }
                      for (String k : fileEntries) {
                        if (txn.get(k).isPresent()) {
                          txn.remove(k);
                        }
                      }
                      return n;
                    }))
        .thenCompose(
            n ->
                keepIncarnation != Long.MAX_VALUE
                    ? CompletableFuture.completedFuture(n)
                    : kv.update(
                        NODES,
                        ReadSet.of(NODE_PREFIX + nodeId),
                        txn -> {
                          registered.remove(nodeId);
                          if (txn.get(NODE_PREFIX + nodeId).isPresent()) {
                            txn.remove(NODE_PREFIX + nodeId);
                          }
                          return n;
                        }));
  }

  /** Removes the node's older opens of one file: {removed, kept}. */
  private CompletableFuture<int[]> purgeFile(String fileOid, String nodeId, long keep) {
    String mine = OPEN_PREFIX + nodeId + ".";
    return kv.update(
        fileOid,
        ReadSet.prefix(mine),
        txn -> {
          int[] n = new int[2];
          for (Map.Entry<String, Bytes> e : txn.prefix(mine).entrySet()) {
            OpenRecord o = Records.decode(OpenRecord.CODEC, e.getValue()).value();
            if (o.incarnation() < keep) {
              txn.remove(e.getKey());
              n[0]++;
            } else {
              n[1]++;
            }
          }
          return n;
        });
  }
}
