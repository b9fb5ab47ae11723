package io.cephsmb.omapkv;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a transaction reads before its body runs: named keys and, optionally, every key under one
 * prefix. Reading a prefix makes the transaction guard the whole object (any concurrent write to it
 * is a conflict), because a key added under the prefix would change the answer.
 *
 * @param keys the keys to read
 * @param prefix the prefix to read in full, or null
 */
public record ReadSet(SortedSet<String> keys, String prefix) {

  public ReadSet {
    keys = Collections.unmodifiableSortedSet(new TreeSet<>(keys));
  }

  /** Reads nothing: for a transaction that only writes (still guarded by the object's state). */
  public static final ReadSet NONE = new ReadSet(new TreeSet<>(), null);

  /** Reads the given keys. */
  public static ReadSet of(String... keys) {
    return new ReadSet(new TreeSet<>(Arrays.asList(keys)), null);
  }

  /** Reads the given keys. */
  public static ReadSet of(Collection<String> keys) {
    return new ReadSet(new TreeSet<>(keys), null);
  }

  /** Reads every key under {@code prefix} ("" = the whole object). */
  public static ReadSet prefix(String prefix) {
    return new ReadSet(new TreeSet<>(), Objects.requireNonNull(prefix));
  }

  /** This read set plus every key under {@code prefix}. */
  public ReadSet andPrefix(String p) {
    return new ReadSet(keys, Objects.requireNonNull(p));
  }
}
