package io.cephsmb.omapkv.memory;

import io.cephsmb.omapkv.Bytes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of one object in the twin. A write operation works on a {@link #copy()} and replaces
 * the original only if every step succeeded, which makes it atomic.
 */
final class MemoryObject {
  boolean exists;
  long version;
  Bytes data = Bytes.EMPTY;
  Instant mtime = Instant.EPOCH;
  final Map<String, Bytes> xattrs = new HashMap<>();
  final TreeMap<String, Bytes> omap = new TreeMap<>();
  final Map<String, MemoryLock> locks = new HashMap<>();

  MemoryObject copy() {
    MemoryObject c = new MemoryObject();
    c.exists = exists;
    c.version = version;
    c.data = data;
    c.mtime = mtime;
    c.xattrs.putAll(xattrs);
    c.omap.putAll(omap);
    locks.forEach((k, v) -> c.locks.put(k, v.copy()));
    return c;
  }

  /** Forgets everything but the version counter (RADOS versions never go back). */
  void clear() {
    exists = false;
    data = Bytes.EMPTY;
    xattrs.clear();
    omap.clear();
    locks.clear();
  }
}
