package io.cephsmb.omapkv;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One lock's share of a {@link SnapshotCache}: the objects whose names hash to it, least recently
 * used dropped first. Every method holds the segment's monitor.
 */
final class SnapshotCacheSegment {
  static final int MAX_ENTRIES = 64;
  static final int MAX_BYTES = 16 * 1024;
  static final long CONTENDED_NANOS = 1_000_000_000L;

  /**
   * What is known of one object at one version: every key of {@code covers}, with its value; or,
   * with {@code exists} false, that the object does not exist (version 0, covering every key).
   */
  record Entry(boolean exists, long version, ReadSet covers, NavigableMap<String, Bytes> entries) {
    static Entry absent() {
      return new Entry(false, 0, ReadSet.prefix(""), new TreeMap<>());
    }

    boolean covers(ReadSet reads) {
      if (reads.prefix() != null
          && (covers.prefix() == null || !reads.prefix().startsWith(covers.prefix()))) {
        return false;
      }
      for (String k : reads.keys()) {
        if (!covers.keys().contains(k)
            && (covers.prefix() == null || !k.startsWith(covers.prefix()))) {
          return false;
        }
      }
      return true;
    }

    boolean coversKey(String k) {
      return covers.keys().contains(k)
          || (covers.prefix() != null && k.startsWith(covers.prefix()));
    }
  }

  private final int maxObjects;
  private final LinkedHashMap<String, Entry> lru;
  private final LinkedHashMap<String, Long> contendedSince;

  SnapshotCacheSegment(int maxObjects) {
    this.maxObjects = maxObjects;
    this.lru =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > SnapshotCacheSegment.this.maxObjects;
          }
        };
    this.contendedSince =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > Math.max(16, SnapshotCacheSegment.this.maxObjects);
          }
        };
  }

  private boolean contended(String oid) {
    Long since = contendedSince.get(oid);
    if (since == null) {
      return false;
    }
    if (System.nanoTime() - since < CONTENDED_NANOS) {
      return true;
    }
    contendedSince.remove(oid);
    return false;
  }

  boolean enabled() {
    return maxObjects > 0;
  }

  /** A snapshot of {@code reads} from the cache, or null. */
  synchronized KvStore.Snapshot lookup(String oid, ReadSet reads) {
    if (!enabled() || contended(oid)) {
      return null;
    }
    Entry e = lru.get(oid);
    if (e == null || !e.covers(reads)) {
      return null;
    }
    TreeMap<String, Bytes> out = new TreeMap<>();
    for (String k : reads.keys()) {
      Bytes v = e.entries().get(k);
      if (v != null) {
        out.put(k, v);
      }
    }
    if (reads.prefix() != null) {
      out.putAll(
          e.entries().subMap(reads.prefix(), true, reads.prefix() + Character.MAX_VALUE, true));
    }
    return new KvStore.Snapshot(e.exists(), e.version(), out);
  }

  /**
   * Records the state after a committed write at {@code newVersion}: the snapshot it started from
   * with the transaction's sets and removes applied (keys outside the read set are not cached).
   */
  synchronized void committed(
      String oid, ReadSet reads, KvStore.Snapshot from, Txn txn, long newVersion) {
    if (!enabled()) {
      return;
    }
    if (txn.removesObject()) {
      // removed by this client: known absent until someone else creates it (then the next
      // transaction's exclusive create fails as a conflict and reads)
      markAbsent(oid);
      return;
    }
    SortedSet<String> keys = new TreeSet<>(reads.keys());
    String prefix = reads.prefix();
    TreeMap<String, Bytes> entries = new TreeMap<>();
    Entry old = lru.get(oid);
    if (old != null && old.exists() && old.version() == from.version() && from.exists()) {
      // what was cached of the version this transaction started from stays true of the keys it
      // did not write: keep it, so transactions on other keys of the object still find them
      keys.addAll(old.covers().keys());
      if (prefix == null) {
        prefix = old.covers().prefix();
      } else if (old.covers().prefix() != null && !old.covers().prefix().equals(prefix)) {
        keys.addAll(
            old.entries()
                .subMap(
                    old.covers().prefix(), true, old.covers().prefix() + Character.MAX_VALUE, true)
                .keySet());
      }
      entries.putAll(old.entries());
    }
    Entry shape = new Entry(true, newVersion, new ReadSet(keys, prefix), new TreeMap<>());
    entries.putAll(from.entries());
    for (String k : txn.removedKeys()) {
      entries.remove(k);
    }
    for (Map.Entry<String, Bytes> s : txn.setEntries().entrySet()) {
      if (shape.coversKey(s.getKey())) {
        entries.put(s.getKey(), s.getValue());
      }
    }
    put(oid, new Entry(true, newVersion, shape.covers(), entries));
  }

  /** Records a freshly read snapshot (of an existing object). */
  synchronized void read(String oid, ReadSet reads, KvStore.Snapshot snap) {
    if (enabled() && snap.exists()) {
      put(oid, new Entry(true, snap.version(), reads, new TreeMap<>(snap.entries())));
    }
  }

  /**
   * Records that the object is most likely absent (its caller just made the thing it stands for):
   * the next transaction on it starts from the empty state and creates it exclusively.
   */
  synchronized void absent(String oid) {
    if (enabled()) {
      markAbsent(oid);
    }
  }

  /** The object is gone: an absent entry, or none while the object is contended. */
  private void markAbsent(String oid) {
    if (contended(oid)) {
      lru.remove(oid);
    } else {
      lru.put(oid, Entry.absent());
    }
  }

  /**
   * A transaction that started from the state cached at {@code version} conflicted: forgets it (if
   * nothing newer is cached) and marks the object contended.
   */
  synchronized void stale(String oid, long version) {
    contendedSince.put(oid, System.nanoTime());
    Entry e = lru.get(oid);
    if (e != null && e.version() == version) {
      lru.remove(oid);
    }
  }

  private void put(String oid, Entry e) {
    if (contended(oid)) {
      return;
    }
    if (e.entries().size() > MAX_ENTRIES) {
      lru.remove(oid);
      return;
    }
    long bytes = 0;
    for (Bytes b : e.entries().values()) {
      bytes += b.length();
    }
    if (bytes > MAX_BYTES) {
      lru.remove(oid);
      return;
    }
    Entry old = lru.get(oid);
    if (old == null || !old.exists() || old.version() <= e.version()) {
      lru.put(oid, e);
    }
  }

  synchronized int size() {
    return lru.size();
  }
}
