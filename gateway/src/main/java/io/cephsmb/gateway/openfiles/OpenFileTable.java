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
 * <p>Each node also keeps an index object {@code node-opens.<node>} naming the files it has opens
 * in (written before the open, so it is a superset), which lets a restarted node remove its stale
 * opens before it serves again ({@link #purgeNode}).
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

  private final KvStore kv;

  public OpenFileTable(KvStore kv) {
    this.kv = kv;
  }

  /** The object of the file with inode {@code ino}. */
  public static String oid(long ino) {
    return "file." + Long.toHexString(ino);
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

  private static FileOpens decode(Txn txn) {
    return decode(txn.all());
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
   * Checks the new open against every open of the same stream on every node ([MS-FSA] 2.1.5.1.2.2),
   * an open of the file itself with DELETE against opens of its named streams that do not share
   * delete, and against delete-pending, and records it if allowed, in one transaction.
   */
  public CompletableFuture<OpenOutcome> open(long ino, OpenRecord rec) {
    String fileOid = oid(ino);
    return kv.update(
            nodeIndex(rec.nodeId()),
            ReadSet.NONE,
            txn -> txn.set(fileOid, Records.encode(FileRef.CODEC, 1, new FileRef(ino))))
        .thenCompose(
            v ->
                kv.update(
                    fileOid,
                    ReadSet.prefix(""),
                    txn -> {
                      FileOpens f = decode(txn);
                      if (f.deletePending().isPresent()) {
                        return f.opens().isEmpty()
                            ? OpenOutcome.STALE_DELETE_PENDING
                            : OpenOutcome.DELETE_PENDING;
                      }
                      for (OpenRecord o : f.opens()) {
                        if (o.stream().equals(rec.stream())
                            && ShareAccess.conflicts(
                                rec.grantedAccess(),
                                rec.shareAccess(),
                                o.grantedAccess(),
                                o.shareAccess())) {
                          return OpenOutcome.SHARING_VIOLATION;
                        }
                        if (ShareAccess.deleteBlockedByStream(rec, o)) {
                          return OpenOutcome.SHARING_VIOLATION;
                        }
                      }
                      txn.set(rec.key(), Records.encode(OpenRecord.CODEC, 1, rec));
                      return OpenOutcome.OPENED;
                    }));
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
    return kv.update(
        oid(ino),
        ReadSet.prefix(""),
        txn -> {
          FileOpens f = decode(txn);
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
    return kv.read(oid(ino), ReadSet.prefix("")).thenApply(s -> decode(s.entries()));
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
          if (decode(txn).opens().isEmpty()) {
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
   */
  public CompletableFuture<Integer> purgeNode(String nodeId, long keepIncarnation) {
    return kv.listAll(nodeIndex(nodeId), "")
        .thenCompose(
            files -> {
              List<CompletableFuture<Integer>> each = new ArrayList<>();
              for (String fileOid : files.keySet()) {
                each.add(purgeFile(fileOid, nodeId, keepIncarnation));
              }
              return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                  .thenApply(v -> each.stream().mapToInt(Futures::join).sum());
            })
        .thenCompose(
            n ->
                kv.update(
                    nodeIndex(nodeId),
                    ReadSet.prefix(""),
                    txn -> {
                      if (keepIncarnation == Long.MAX_VALUE && txn.exists()) {
                        txn.removeObject();
                      }
                      return n;
                    }));
  }

  private CompletableFuture<Integer> purgeFile(String fileOid, String nodeId, long keep) {
    String mine = OPEN_PREFIX + nodeId + ".";
    return kv.update(
        fileOid,
        ReadSet.prefix(mine),
        txn -> {
          int n = 0;
          for (Map.Entry<String, Bytes> e : txn.prefix(mine).entrySet()) {
            OpenRecord o = Records.decode(OpenRecord.CODEC, e.getValue()).value();
            if (o.incarnation() < keep) {
              txn.remove(e.getKey());
              n++;
            }
          }
          return n;
        });
  }
}
