package io.cephsmb.omapkv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One attempt of a transaction on one object: what was read (a consistent snapshot) and what the
 * body wants written. Handed to the body of {@link KvStore#update}; single-use, not thread-safe.
 * The body may run several times (once per attempt), so it must only compute from the snapshot and
 * record its writes here, with no other side effects.
 */
public final class Txn {
  private final String oid;
  private final boolean exists;
  private final long version;
  private final NavigableMap<String, Bytes> snapshot;
  private final boolean prefixRead;
  private final Map<String, Bytes> readKeys;
  private final Map<String, Bytes> sets = new LinkedHashMap<>();
  private final TreeSet<String> removes = new TreeSet<>();
  private final List<WriteOp.Step> guards = new ArrayList<>();
  private boolean removeObject;

  /**
   * @param readKeys the keys the read set named, with the value read (empty = absent)
   */
  Txn(
      String oid,
      boolean exists,
      long version,
      NavigableMap<String, Bytes> snapshot,
      boolean prefixRead,
      Map<String, Bytes> readKeys) {
    this.oid = oid;
    this.exists = exists;
    this.version = version;
    this.snapshot = snapshot;
    this.prefixRead = prefixRead;
    this.readKeys = readKeys;
  }

  /** The object's name. */
  public String oid() {
    return oid;
  }

  /** Whether the object existed when read. */
  public boolean exists() {
    return exists;
  }

  /** The object's version when read (0 if it did not exist). */
  public long version() {
    return version;
  }

  /** The value of a key that was read; empty if absent. */
  public Optional<Bytes> get(String key) {
    return Optional.ofNullable(snapshot.get(key));
  }

  /** The entries read under a prefix (the read set must have asked for it). */
  public SortedMap<String, Bytes> prefix(String prefix) {
    return Collections.unmodifiableSortedMap(
        snapshot.subMap(prefix, true, prefix + Character.MAX_VALUE, true));
  }

  /** Everything read. */
  public SortedMap<String, Bytes> all() {
    return Collections.unmodifiableSortedMap(snapshot);
  }

  /** Sets a key. Values must not be empty: an empty value reads as an absent key in guards. */
  public Txn set(String key, Bytes value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty value for " + key + ": use remove()");
    }
    removes.remove(key);
    sets.put(key, value);
    return this;
  }

  /** Removes a key. */
  public Txn remove(String key) {
    sets.remove(key);
    removes.add(key);
    return this;
  }

  /** Deletes the whole object (after the guards). */
  public Txn removeObject() {
    removeObject = true;
    return this;
  }

  /**
   * Adds a guard of the body's own to the write, e.g. {@link WriteOp.AssertLocked} so that only the
   * holder of a lock can commit.
   */
  public Txn require(WriteOp.Step guard) {
    guards.add(guard);
    return this;
  }

  boolean hasWrites() {
    return !sets.isEmpty() || !removes.isEmpty() || removeObject;
  }

  boolean hasGuards() {
    return !guards.isEmpty();
  }

  /** Takes over the writes of a transaction that ran after this one on the same object. */
  void merge(Txn later) {
    for (String k : later.removes) {
      remove(k);
    }
    for (Map.Entry<String, Bytes> e : later.sets.entrySet()) {
      set(e.getKey(), e.getValue());
    }
    guards.addAll(later.guards);
    if (later.removeObject) {
      removeObject();
    }
  }

  /** Applies this transaction's writes to {@code state}. */
  void applyTo(Map<String, Bytes> state) {
    if (removeObject) {
      state.clear();
      return;
    }
    for (String k : removes) {
      state.remove(k);
    }
    state.putAll(sets);
  }

  boolean removesObject() {
    return removeObject;
  }

  Map<String, Bytes> setEntries() {
    return sets;
  }

  Set<String> removedKeys() {
    return removes;
  }

  /**
   * The guarded write: if a prefix was read or the object did not exist, the whole object is
   * guarded (version, or exclusive create); otherwise each key read is compared with the value
   * read, so that transactions on different keys of one object do not conflict.
   */
  WriteOp toWriteOp() {
    WriteOp.Builder b = WriteOp.builder();
    if (!exists) {
      b.create(true);
    } else if (prefixRead) {
      b.assertVersion(version);
    } else {
      for (Map.Entry<String, Bytes> e : readKeys.entrySet()) {
        b.omapCmp(e.getKey(), CmpOp.EQ, e.getValue());
      }
      if (readKeys.isEmpty()) {
        b.assertExists();
      }
    }
    guards.forEach(b::add);
    if (removeObject) {
      return b.remove().build();
    }
    if (!removes.isEmpty()) {
      b.omapRemove(removes);
    }
    if (!sets.isEmpty()) {
      b.omapSet(new TreeMap<>(sets));
    }
    return b.build();
  }
}
