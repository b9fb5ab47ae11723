package io.cephsmb.omapkv;

/**
 * The last state this client committed (or read) of small objects, so that the next transaction on
 * the same object can skip its read round trip. Correctness never depends on it: a transaction that
 * starts from a cached snapshot is guarded exactly like one that read it (each key compared with
 * the value cached, or the object version asserted when a prefix was read), so a stale entry only
 * makes the write fail as a conflict, after which the transaction reads afresh. A read-only
 * transaction never answers from the cache.
 *
 * <p>An object whose cached state turned out stale is contended: other writers change it, so for
 * {@link #CONTENDED_NANOS} its transactions read first again (a stale start costs a failed write).
 *
 * <p>Bounded: at most {@code maxObjects} objects (least recently used dropped first) and only
 * snapshots of up to {@value #MAX_ENTRIES} entries and {@value #MAX_BYTES} bytes of values.
 *
 * <p>Split into {@value #SEGMENTS} segments by object name, each with its own lock, so that threads
 * working on different objects do not queue on one monitor.
 */
final class SnapshotCache {
  static final int MAX_ENTRIES = SnapshotCacheSegment.MAX_ENTRIES;
  static final int MAX_BYTES = SnapshotCacheSegment.MAX_BYTES;
  static final long CONTENDED_NANOS = SnapshotCacheSegment.CONTENDED_NANOS;
  static final int SEGMENTS = 16;

  private final int maxObjects;
  private final SnapshotCacheSegment[] segments = new SnapshotCacheSegment[SEGMENTS];

  SnapshotCache(int maxObjects) {
    this.maxObjects = maxObjects;
    int each = maxObjects <= 0 ? 0 : Math.max(1, (maxObjects + SEGMENTS - 1) / SEGMENTS);
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new SnapshotCacheSegment(each);
    }
  }

  private SnapshotCacheSegment segment(String oid) {
    int h = oid.hashCode();
    return segments[(h ^ (h >>> 16)) & (SEGMENTS - 1)];
  }

  boolean enabled() {
    return maxObjects > 0;
  }

  /** A snapshot of {@code reads} from the cache, or null. */
  KvStore.Snapshot lookup(String oid, ReadSet reads) {
    return segment(oid).lookup(oid, reads);
  }

  /** See {@link SnapshotCacheSegment#committed}. */
  void committed(String oid, ReadSet reads, KvStore.Snapshot from, Txn txn, long newVersion) {
    segment(oid).committed(oid, reads, from, txn, newVersion);
  }

  /** Records a freshly read snapshot (of an existing object). */
  void read(String oid, ReadSet reads, KvStore.Snapshot snap) {
    segment(oid).read(oid, reads, snap);
  }

  /** See {@link SnapshotCacheSegment#absent}. */
  void absent(String oid) {
    segment(oid).absent(oid);
  }

  /** See {@link SnapshotCacheSegment#stale}. */
  void stale(String oid, long version) {
    segment(oid).stale(oid, version);
  }

  int size() {
    int n = 0;
    for (SnapshotCacheSegment s : segments) {
      n += s.size();
    }
    return n;
  }
}
